import { viewProblems } from '@gongwu/slack-emulator';
import type { InputBlock, ModalView } from '@slack/types';
import type { FieldDefinition, TemplateInput } from '../../../../src/domain/workflows/template-schema';
import { BUILTIN_TEMPLATES } from '../../../../src/domain/workflows/templates';
import type { TemplateInfo } from '../../../../src/domain/workflows/view-types';
import { translator } from '../../../../src/slack/i18n';
import { requestModal } from '../../../../src/slack/views/workflows/request-modal.view';
import { departments, everyFieldInput, inputBlocks, templateInfo } from './factories';

const en = translator('en');
const zh = translator('zh-TW');
const every = templateInfo(everyFieldInput);

const modal = (overrides: Partial<Parameters<typeof requestModal>[0]> = {}): ModalView =>
  requestModal({
    template: every,
    t: en,
    locale: 'en',
    privateMetadata: '{"template":"every_field"}',
    callbackId: 'wf_request_form',
    departments,
    ...overrides,
  });

const block = (view: ModalView, blockId: string): InputBlock => {
  const found = inputBlocks(view).find((b) => b.block_id === blockId);
  if (!found) throw new Error(`no block ${blockId}`);
  return found;
};

/** A template with the given fields and nothing else of note. */
const withFields = (fields: TemplateInput['fields'], title = { en: 'Test', zh: '測試' }): TemplateInfo =>
  templateInfo({
    key: 'test',
    prefix: 'TST',
    title,
    fields,
    subjectFields: [fields[0]?.id ?? 'x'],
    steps: [{ key: 'head', name: { en: 'Head', zh: '主管' }, approvers: { rule: 'department_head' } }],
  });

describe('requestModal', () => {
  it('renders one input block per field and two per half-day date, with the id conventions', () => {
    const view = modal();
    expect(inputBlocks(view).map((b) => [b.block_id, b.element.action_id, b.element.type])).toEqual([
      ['field:title', 'title', 'plain_text_input'],
      ['field:details', 'details', 'plain_text_input'],
      ['field:due', 'due', 'datepicker'],
      ['field:start:date', 'start:date', 'datepicker'],
      ['field:start:part', 'start:part', 'static_select'],
      ['field:end:date', 'end:date', 'datepicker'],
      ['field:end:part', 'end:part', 'static_select'],
      ['field:amount', 'amount', 'plain_text_input'],
      ['field:count', 'count', 'plain_text_input'],
      ['field:kind', 'kind', 'static_select'],
      ['field:approver', 'approver', 'users_select'],
      ['field:department', 'department', 'static_select'],
      ['field:files', 'files', 'file_input'],
      ['field:agree', 'agree', 'checkboxes'],
    ]);
    expect(view.blocks[0]).toMatchObject({ type: 'context', block_id: 'form:intro' });
    expect(viewProblems(view, 'modal')).toEqual([]);
  });

  it('maps each field type onto the right element and its limits', () => {
    const view = modal();
    expect(block(view, 'field:title').element).toMatchObject({ max_length: 80, min_length: 2 });
    expect(block(view, 'field:title').element).not.toHaveProperty('multiline');
    expect(block(view, 'field:details').element).toMatchObject({ multiline: true, max_length: 3000 });
    // A text input so that "1,250,000" and full-width digits reach the engine (issue 13 item 17).
    expect(block(view, 'field:amount').element).toMatchObject({ type: 'plain_text_input', max_length: 40 });
    expect(block(view, 'field:amount').element).not.toHaveProperty('is_decimal_allowed');
    expect(block(view, 'field:amount').label.text).toBe('Amount (NT$)');
    expect(block(view, 'field:files').element).toMatchObject({ max_files: 10 });
    expect(block(view, 'field:kind').element).toMatchObject({
      options: [
        { text: { type: 'plain_text', text: 'Alpha' }, value: 'alpha' },
        { text: { type: 'plain_text', text: 'Beta' }, value: 'beta' },
      ],
    });
    expect(block(view, 'field:start:part').element).toMatchObject({
      options: [{ value: 'full' }, { value: 'am' }, { value: 'pm' }],
      initial_option: { value: 'full', text: { text: 'Whole day' } },
    });
    expect(block(view, 'field:department').element).toMatchObject({
      options: [{ value: 'general-office' }, { value: 'hr' }],
    });
    expect(block(view, 'field:agree').element).toMatchObject({ options: [{ value: 'yes' }] });
    expect(block(view, 'field:agree').element).not.toHaveProperty('initial_options');
  });

  it('marks required fields required and the rest optional, and shows help as a hint', () => {
    const view = modal();
    const optional = Object.fromEntries(inputBlocks(view).map((b) => [b.block_id, b.optional]));
    expect(optional).toMatchObject({
      'field:title': false,
      'field:details': true,
      'field:start:date': false,
      'field:start:part': false,
      'field:amount': true,
      'field:count': false,
      'field:files': true,
      'field:agree': true,
    });
    expect(block(view, 'field:title').hint?.text).toBe('A short title');
    expect(block(view, 'field:details')).not.toHaveProperty('hint');
  });

  it('speaks the reader’s language', () => {
    const view = modal({ t: zh, locale: 'zh-TW' });
    expect(view.title.text).toBe('所有欄位');
    expect(view.submit?.text).toBe('提交');
    expect(view.close?.text).toBe('取消');
    expect(block(view, 'field:title').label.text).toBe('標題');
    expect(block(view, 'field:amount').label.text).toBe('金額（新臺幣元）');
    expect(block(view, 'field:start:part').label.text).toBe('開始：全天或半天');
    expect(JSON.stringify(block(view, 'field:kind').element)).toContain('"甲"');
    expect(JSON.stringify(block(view, 'field:department').element)).toContain('綜合辦公室');
    expect(JSON.stringify(block(view, 'field:start:part').element)).toContain('上午');
  });

  it('escapes the template description, which is mrkdwn', () => {
    expect(JSON.stringify(modal().blocks[0])).toContain('&lt;every&gt;');
  });

  it('pre-fills every kind of field from the values of a revision', () => {
    const view = modal({
      values: {
        title: 'Trip',
        details: 'Long story',
        due: '2026-12-24',
        start: { date: '2026-12-01', part: 'pm' },
        end: { date: '2026-12-03', part: 'am' },
        amount: 12.5,
        count: 3,
        kind: 'beta',
        approver: 'U0BOSS',
        department: 'hr',
        files: [{ id: 'F0001', name: 'plan.pdf' }],
        agree: true,
      },
    });
    expect(block(view, 'field:title').element).toMatchObject({ initial_value: 'Trip' });
    expect(block(view, 'field:details').element).toMatchObject({ initial_value: 'Long story' });
    expect(block(view, 'field:due').element).toMatchObject({ initial_date: '2026-12-24' });
    expect(block(view, 'field:start:date').element).toMatchObject({ initial_date: '2026-12-01' });
    expect(block(view, 'field:start:part').element).toMatchObject({ initial_option: { value: 'pm' } });
    expect(block(view, 'field:end:part').element).toMatchObject({ initial_option: { value: 'am' } });
    expect(block(view, 'field:amount').element).toMatchObject({ initial_value: '12.5' });
    expect(block(view, 'field:count').element).toMatchObject({ initial_value: '3' });
    expect(block(view, 'field:kind').element).toMatchObject({ initial_option: { value: 'beta' } });
    expect(block(view, 'field:approver').element).toMatchObject({ initial_user: 'U0BOSS' });
    expect(block(view, 'field:department').element).toMatchObject({ initial_option: { value: 'hr' } });
    expect(block(view, 'field:agree').element).toMatchObject({ initial_options: [{ value: 'yes' }] });
    // Slack cannot pre-fill files: the hint names them and an empty input keeps them.
    expect(block(view, 'field:files').hint?.text).toContain('plan.pdf');
    expect(viewProblems(view, 'modal')).toEqual([]);
  });

  it('does not pre-fill values that no longer fit the field', () => {
    const view = modal({
      values: { kind: 'gamma', department: 'gone', due: 'soon', start: 'x', count: Number.NaN, agree: false },
    });
    expect(block(view, 'field:kind').element).not.toHaveProperty('initial_option');
    expect(block(view, 'field:department').element).not.toHaveProperty('initial_option');
    expect(block(view, 'field:due').element).not.toHaveProperty('initial_date');
    expect(block(view, 'field:start:date').element).not.toHaveProperty('initial_date');
    expect(block(view, 'field:start:part').element).toMatchObject({ initial_option: { value: 'full' } });
    expect(block(view, 'field:count').element).not.toHaveProperty('initial_value');
    expect(block(view, 'field:agree').element).not.toHaveProperty('initial_options');
  });

  it('lets a required file field stay empty on resubmission when files are attached already', () => {
    const template = withFields([
      { id: 'scan', type: 'files', required: true, maxFiles: 2, label: { en: 'Scan', zh: '掃描檔' } },
    ]);
    const fresh = requestModal({ template, t: en, locale: 'en', privateMetadata: '', callbackId: 'cb' });
    expect(block(fresh, 'field:scan').optional).toBe(false);
    const again = requestModal({
      template,
      t: en,
      locale: 'en',
      privateMetadata: '',
      callbackId: 'cb',
      values: { scan: [{ id: 'F0001', name: 'scan.pdf' }] },
    });
    expect(block(again, 'field:scan').optional).toBe(true);
    expect(block(again, 'field:scan').element).toMatchObject({ max_files: 2 });
  });

  it('cuts titles, submit and close to 24 characters without splitting a character', () => {
    const long = modal({ title: '🎉'.repeat(30), submit: 'Send this request for approval now' });
    expect(long.title.text.length).toBeLessThanOrEqual(24);
    expect(long.title.text.endsWith('…')).toBe(true);
    expect(long.title.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(long.submit?.text.length).toBeLessThanOrEqual(24);
    expect(viewProblems(long, 'modal')).toEqual([]);
    const fromTemplate = requestModal({
      template: withFields([{ id: 'a', type: 'text', label: { en: 'A', zh: '甲' } }], {
        en: 'A very long template title that goes on',
        zh: '一個非常非常非常非常非常非常非常非常非常非常長的範本標題',
      }),
      t: zh,
      locale: 'zh-TW',
      privateMetadata: '',
      callbackId: 'cb',
    });
    expect(fromTemplate.title.text.length).toBeLessThanOrEqual(24);
    expect(viewProblems(fromTemplate, 'modal')).toEqual([]);
  });

  it('keeps private_metadata and callback_id within Slack’s limits, or refuses', () => {
    expect(modal({ privateMetadata: 'x'.repeat(3000) }).private_metadata).toHaveLength(3000);
    expect(() => modal({ privateMetadata: 'x'.repeat(3001) })).toThrow(/private_metadata is 3001/);
    expect(() => modal({ callbackId: 'c'.repeat(256) })).toThrow(/callback_id/);
  });

  it('stays within Block Kit limits at the schema’s extremes', () => {
    const fields: FieldDefinition[] = Array.from({ length: 40 }, (_, i) => ({
      id: `d${i}`,
      type: 'half_day_date',
      required: true,
      label: { en: 'L'.repeat(300), zh: '字'.repeat(300) },
      help: { en: 'H'.repeat(300), zh: '說'.repeat(300) },
    }));
    const big = templateInfo({
      key: 'big',
      prefix: 'BIG',
      title: { en: 'T'.repeat(300), zh: '題'.repeat(300) },
      description: { en: 'D'.repeat(300), zh: '述'.repeat(300) },
      fields: [
        ...fields.slice(0, 37),
        { id: 'text', type: 'text', maxLength: 3000, label: { en: 'Text', zh: '文字' } },
        {
          id: 'many',
          type: 'select',
          label: { en: 'Many', zh: '多' },
          options: Array.from({ length: 100 }, (_, i) => ({
            value: `o${i}`,
            label: { en: `Option ${'x'.repeat(200)} ${i}`, zh: `選項${i}` },
          })),
        },
        { id: 'dept', type: 'department', label: { en: 'Dept', zh: '部門' } },
      ],
      subjectFields: ['text'],
      steps: [{ key: 'head', name: { en: 'Head', zh: '主管' }, approvers: { rule: 'department_head' } }],
    });
    const manyDepartments = Array.from({ length: 250 }, (_, i) => ({
      key: `dept-${i}`,
      name: { en: `Department ${i}`, zh: `部門 ${i}` },
    }));
    for (const [t, locale] of [
      [en, 'en'],
      [zh, 'zh-TW'],
    ] as const) {
      const view = requestModal({
        template: big,
        t,
        locale,
        privateMetadata: '',
        callbackId: 'cb',
        departments: manyDepartments,
      });
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(viewProblems(view, 'modal')).toEqual([]);
      const options = block(view, 'field:many').element;
      expect(options).toMatchObject({ options: expect.any(Array) });
      expect(JSON.stringify(options)).not.toContain('x'.repeat(80));
      // More departments than one select may list: groups of at most 100.
      const dept = block(view, 'field:dept').element;
      expect(dept.type === 'static_select' && dept.option_groups?.map((g) => g.options.length)).toEqual([
        100, 100, 50,
      ]);
      expect(dept).not.toHaveProperty('options');
    }
  });

  it('refuses a template that would need more than 100 blocks', () => {
    const many: TemplateInfo = {
      ...every,
      fields: Array.from({ length: 51 }, (_, i) => ({
        id: `d${i}`,
        type: 'half_day_date' as const,
        required: false,
        label: { en: `Day ${i}`, zh: `日 ${i}` },
      })),
    };
    expect(() =>
      requestModal({ template: many, t: en, locale: 'en', privateMetadata: '', callbackId: 'cb' }),
    ).toThrow(/needs 103 blocks/);
  });

  it('needs departments to offer when the template asks for one', () => {
    expect(() => modal({ departments: [] })).toThrow(/needs departments/);
  });

  it.each(BUILTIN_TEMPLATES.map((input) => [input.key, input] as const))(
    'the built-in %s template makes a valid modal in both languages',
    (_key, input) => {
      const template = templateInfo(input);
      for (const [t, locale] of [
        [en, 'en'],
        [zh, 'zh-TW'],
      ] as const) {
        const view = requestModal({
          template,
          t,
          locale,
          privateMetadata: '{}',
          callbackId: 'cb',
          departments,
        });
        expect(viewProblems(view, 'modal')).toEqual([]);
        const fieldBlocks = template.fields.reduce((n, f) => n + (f.type === 'half_day_date' ? 2 : 1), 0);
        expect(inputBlocks(view)).toHaveLength(fieldBlocks);
      }
    },
  );
});
