import { buildStateValues, withGeneratedIds } from '@gongwu/slack-emulator';
import { readSubmission, slackStateValuesSchema } from '../../../../src/slack/forms/read-submission';
import { translator } from '../../../../src/slack/i18n';
import { requestModal } from '../../../../src/slack/views/workflows/request-modal.view';
import { departments, everyFieldInput, submittedState, templateInfo } from './factories';

const every = templateInfo(everyFieldInput);
const view = (values?: Parameters<typeof requestModal>[0]['values']) =>
  requestModal({
    template: every,
    t: translator('en'),
    locale: 'en',
    privateMetadata: '',
    callbackId: 'cb',
    departments,
    ...(values ? { values } : {}),
  });

describe('readSubmission', () => {
  it('reads every field type back into the engine’s raw values', () => {
    const state = submittedState(view(), {
      'field:title': { text: 'Trip to Tainan' },
      'field:details': { text: 'Line one\nLine two' },
      'field:due': { date: '2026-12-24' },
      'field:start:date': { date: '2026-12-01' },
      'field:start:part': { option: 'pm' },
      'field:end:date': { date: '2026-12-03' },
      'field:amount': { text: '12.50' },
      'field:count': { text: '3' },
      'field:kind': { option: 'beta' },
      'field:approver': { user: 'U0BOSS' },
      'field:department': { option: 'hr' },
      'field:files': { files: [{ id: 'F0001', name: 'plan.pdf' }] },
      'field:agree': { options: ['yes'] },
    });
    expect(slackStateValuesSchema.safeParse(state).success).toBe(true);
    expect(readSubmission(every, state)).toEqual({
      title: 'Trip to Tainan',
      details: 'Line one\nLine two',
      due: '2026-12-24',
      start: { date: '2026-12-01', part: 'pm' },
      end: { date: '2026-12-03', part: 'full' },
      amount: '12.50',
      count: '3',
      kind: 'beta',
      approver: 'U0BOSS',
      department: 'hr',
      files: [{ id: 'F0001', name: 'plan.pdf' }],
      agree: true,
    });
  });

  it('leaves empty fields out, an unticked checkbox false, and numbers as typed for the engine', () => {
    const state = submittedState(view(), {
      'field:title': { text: '   ' },
      'field:amount': { text: 'twelve' },
    });
    expect(readSubmission(every, state)).toEqual({ amount: 'twelve', agree: false });
  });

  it('reads a half-day date without a part as a whole day, and without a date as nothing', () => {
    const template = every;
    expect(
      readSubmission(template, {
        'field:start:date': { 'start:date': { type: 'datepicker', selected_date: '2026-12-01' } },
        'field:end:part': { 'end:part': { type: 'static_select', selected_option: { value: 'am' } } },
      }),
    ).toEqual({ start: { date: '2026-12-01', part: 'full' }, agree: false });
  });

  it('ignores entries that are not shaped as Slack shapes them', () => {
    expect(
      readSubmission(every, {
        'field:title': { title: { type: 'plain_text_input', value: 42 } },
        'field:kind': { kind: { type: 'static_select', selected_option: 'beta' } },
        'field:approver': { wrong_action: { type: 'users_select', selected_user: 'U1' } },
        'field:files': { files: { type: 'file_input', files: [{ name: 'no id' }] } },
        'field:agree': { agree: 'yes' },
      }),
    ).toEqual({ agree: false });
  });

  it('names a file by its title or id when Slack leaves out its name', () => {
    const state = {
      'field:files': {
        files: {
          type: 'file_input',
          files: [
            { id: 'F0001', title: 'Scan' },
            { id: 'F0002', name: '' },
          ],
        },
      },
    };
    expect(readSubmission(every, state).files).toEqual([
      { id: 'F0001', name: 'Scan' },
      { id: 'F0002', name: 'F0002' },
    ]);
  });

  it('keeps the files attached before when the file input is left empty, and replaces them otherwise', () => {
    const previous = { files: [{ id: 'F0000', name: 'old.pdf' }] };
    const modal = view(previous);
    expect(readSubmission(every, submittedState(modal), { previous }).files).toEqual(previous.files);
    const replaced = submittedState(modal, { 'field:files': { files: [{ id: 'F0009', name: 'new.pdf' }] } });
    expect(readSubmission(every, replaced, { previous }).files).toEqual([{ id: 'F0009', name: 'new.pdf' }]);
  });

  it('gives back exactly the values a modal was pre-filled with (state built by the emulator)', () => {
    const values = {
      title: 'Trip',
      details: 'Long story',
      due: '2026-12-24',
      start: { date: '2026-12-01', part: 'pm' as const },
      end: { date: '2026-12-03', part: 'am' as const },
      amount: 12.5,
      count: 3,
      kind: 'beta',
      approver: 'U0BOSS',
      department: 'hr',
      files: [{ id: 'F0001', name: 'plan.pdf' }],
      agree: true,
    };
    const modal = view(values);
    // The emulator's own idea of what Slack sends for untouched inputs.
    const state = buildStateValues(withGeneratedIds(modal.blocks), {});
    expect(readSubmission(every, state, { previous: values })).toEqual({
      ...values,
      amount: '12.5',
      count: '3',
    });
    // And the typed factory agrees with the emulator.
    expect(readSubmission(every, submittedState(modal), { previous: values })).toEqual(
      readSubmission(every, state, { previous: values }),
    );
  });
});
