import {
  FIELD_ERROR_CODES,
  type FieldError,
  type FieldErrors,
} from '../../../../src/domain/workflows/form-types';
import { leaveTemplate } from '../../../../src/domain/workflows/templates/leave';
import {
  describeFieldErrors,
  fieldErrorKey,
  fieldErrorMessage,
  fieldErrorsForSlack,
} from '../../../../src/slack/forms/field-errors';
import { translator } from '../../../../src/slack/i18n';
import { en as enCatalog } from '../../../../src/slack/i18n/en';
import { zhTW } from '../../../../src/slack/i18n/zh-TW';
import { requestModal } from '../../../../src/slack/views/workflows/request-modal.view';
import { departments, everyFieldInput, inputBlocks, templateInfo } from './factories';

const en = translator('en');
const zh = translator('zh-TW');
const every = templateInfo(everyFieldInput);
const leave = templateInfo(leaveTemplate);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Params an engine would send with each code. */
const PARAMS: Record<string, Record<string, string | number>> = {
  too_short: { min: 2 },
  too_long: { max: 80 },
  too_small: { min: 0 },
  too_large: { max: 1000 },
  too_many_files: { max: 5 },
  too_far_in_past: { days: 30 },
  too_far_ahead: { days: 365 },
  too_long_span: { days: 90 },
  overlaps_existing: { reference: 'LV-2026-0007' },
};

describe('field error messages', () => {
  it.each(FIELD_ERROR_CODES.map((code) => [code]))(
    '%s has a message in English and Traditional Chinese with the same placeholders',
    (code) => {
      const key = fieldErrorKey(code);
      expect(enCatalog[key].trim()).not.toBe('');
      expect(zhTW[key].trim()).not.toBe('');
      expect(zhTW[key]).not.toBe(enCatalog[key]);
      expect(placeholders(zhTW[key])).toEqual(placeholders(enCatalog[key]));
      for (const t of [en, zh]) {
        const message = fieldErrorMessage({ code, ...(PARAMS[code] ? { params: PARAMS[code] } : {}) }, t);
        expect(message).not.toMatch(/\{\w+\}/);
        expect(message.length).toBeLessThanOrEqual(2000);
      }
    },
  );

  it('fills in the params', () => {
    expect(fieldErrorMessage({ code: 'too_long', params: { max: 80 } }, en)).toBe(
      'Must be at most 80 characters.',
    );
    expect(fieldErrorMessage({ code: 'overlaps_existing', params: { reference: 'LV-2026-0007' } }, zh)).toBe(
      '與您的申請 LV-2026-0007 時間重疊。',
    );
    expect(fieldErrorMessage({ code: 'too_far_in_past', params: { days: 30 } }, en)).toContain(
      'more than 30 days',
    );
  });

  it('takes limits the engine left out from the field itself', () => {
    const reason = leave.fields.find((f) => f.id === 'reason');
    const attachments = leave.fields.find((f) => f.id === 'attachments');
    expect(fieldErrorMessage({ code: 'too_long' }, en, reason)).toBe('Must be at most 1000 characters.');
    expect(fieldErrorMessage({ code: 'too_many_files' }, zh, attachments)).toBe('最多附加 5 個檔案。');
  });

  it('answers a code it does not know rather than crash', () => {
    // As a newer engine might send it.
    const future: FieldError = JSON.parse('{"code":"quantum_state"}');
    expect(fieldErrorMessage(future, en)).toBe(en('forms.error.invalid_type'));
  });

  it('never exceeds 2000 characters, whatever the params', () => {
    const message = fieldErrorMessage(
      { code: 'overlaps_existing', params: { reference: 'R'.repeat(5000) } },
      en,
    );
    expect(message.length).toBeLessThanOrEqual(2000);
  });
});

describe('fieldErrorsForSlack', () => {
  it('puts each error on its field’s block, half-day errors on the date block', () => {
    const errors: FieldErrors = {
      leave_type: { code: 'required' },
      end: { code: 'end_before_start' },
      start: { code: 'overlaps_existing', params: { reference: 'LV-2026-0007' } },
      reason: { code: 'too_long', params: { max: 1000 } },
      attachments: { code: 'too_many_files', params: { max: 5 } },
    };
    expect(fieldErrorsForSlack(leave, errors, en)).toEqual({
      'field:leave_type': 'Please fill this in.',
      'field:end:date': 'The end cannot be before the start.',
      'field:start:date': 'Overlaps your request LV-2026-0007.',
      'field:reason': 'Must be at most 1000 characters.',
      'field:attachments': 'Attach at most 5 files.',
    });
    expect(fieldErrorsForSlack(leave, { start: { code: 'invalid_half_day' } }, en)).toEqual({
      'field:start:part': 'Please pick a date and whether it is a whole day, the morning or the afternoon.',
    });
    expect(fieldErrorsForSlack(leave, { end: { code: 'no_working_days' } }, zh)).toEqual({
      'field:end:date': '這段期間沒有工作天（只有週末或國定假日）。',
    });
  });

  it('only names blocks that exist in the modal, for every field and every code', () => {
    const view = requestModal({
      template: every,
      t: en,
      locale: 'en',
      privateMetadata: '',
      callbackId: 'cb',
      departments,
    });
    const blockIds = new Set(inputBlocks(view).map((b) => b.block_id));
    for (const code of FIELD_ERROR_CODES) {
      const errors: FieldErrors = Object.fromEntries(
        [...every.fields.map((f) => f.id), 'working_days', 'retired_field'].map((id) => [id, { code }]),
      );
      for (const blockId of Object.keys(fieldErrorsForSlack(every, errors, en))) {
        expect(blockIds).toContain(blockId);
      }
    }
  });

  it('shows errors of values without a block of their own on the first field, with their label', () => {
    expect(
      fieldErrorsForSlack(
        leave,
        { working_days: { code: 'no_working_days' }, gone: { code: 'required' } },
        zh,
        'zh-TW',
      ),
    ).toEqual({
      'field:leave_type': '工作天數：這段期間沒有工作天（只有週末或國定假日）。 gone：此欄為必填。',
    });
    expect(
      fieldErrorsForSlack(leave, { leave_type: { code: 'invalid_option' }, gone: { code: 'required' } }, en),
    ).toEqual({ 'field:leave_type': 'Please choose one of the options offered. gone: Please fill this in.' });
  });
});

describe('describeFieldErrors', () => {
  it('lists errors as "Label: message" lines in the template’s order', () => {
    const errors: FieldErrors = {
      reason: { code: 'required' },
      end: { code: 'end_before_start' },
      working_days: { code: 'no_working_days' },
      leave_type: { code: 'invalid_option' },
    };
    expect(describeFieldErrors(leave, errors, en, 'en')).toEqual([
      'Leave type: Please choose one of the options offered.',
      'To: The end cannot be before the start.',
      'Reason: Please fill this in.',
      'Working days: This period has no working days (only weekends or public holidays).',
    ]);
    expect(describeFieldErrors(leave, { end: { code: 'end_before_start' } }, zh, 'zh-TW')).toEqual([
      '結束：結束不能早於開始。',
    ]);
  });
});
