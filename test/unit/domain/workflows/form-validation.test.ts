import {
  FIELD_ERROR_CODES,
  type FieldErrorCode,
  type FieldErrors,
  type RawFormValues,
} from '../../../../src/domain/workflows/form-types';
import { type ValidationContext, validateValues } from '../../../../src/domain/workflows/form-validation';
import { parseTemplate } from '../../../../src/domain/workflows/template.service';
import { leaveTemplate } from '../../../../src/domain/workflows/templates/leave';

/** A template with one field of every type, and the leave template for the date checks. */
const everything = parseTemplate({
  key: 'everything',
  prefix: 'EV',
  title: { en: 'Everything', zh: '全部' },
  fields: [
    {
      id: 'title',
      type: 'text',
      required: true,
      minLength: 3,
      maxLength: 10,
      label: { en: 'Title', zh: '標題' },
    },
    { id: 'notes', type: 'long_text', maxLength: 20, label: { en: 'Notes', zh: '備註' } },
    { id: 'on', type: 'date', label: { en: 'On', zh: '日期' } },
    { id: 'from', type: 'half_day_date', label: { en: 'From', zh: '自' } },
    { id: 'count', type: 'number', integer: true, min: 1, max: 10, label: { en: 'Count', zh: '數量' } },
    { id: 'amount', type: 'number', min: 0, label: { en: 'Amount', zh: '金額' } },
    {
      id: 'colour',
      type: 'select',
      label: { en: 'Colour', zh: '顏色' },
      options: [
        { value: 'red', label: { en: 'Red', zh: '紅' } },
        { value: 'blue', label: { en: 'Blue', zh: '藍' } },
      ],
    },
    { id: 'approver', type: 'user', label: { en: 'Approver', zh: '核准人' } },
    { id: 'deputy', type: 'user', label: { en: 'Deputy', zh: '代理人' } },
    { id: 'department', type: 'department', label: { en: 'Department', zh: '部門' } },
    { id: 'files', type: 'files', maxFiles: 2, label: { en: 'Files', zh: '檔案' } },
    { id: 'agree', type: 'checkbox', required: true, label: { en: 'I agree', zh: '同意' } },
    { id: 'newsletter', type: 'checkbox', label: { en: 'Newsletter', zh: '電子報' } },
  ],
  subjectFields: ['title'],
  steps: [
    {
      key: 'chosen',
      name: { en: 'Chosen', zh: '指定' },
      approvers: { rule: 'requester_chosen', fieldId: 'approver' },
    },
  ],
});
const leave = parseTemplate(leaveTemplate);

const TODAY = '2026-12-01'; // a Tuesday

function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    requesterSlackId: 'U0ME',
    today: TODAY,
    holidaysBetween: async () => new Set(['2026-12-25']),
    canApprove: async (slackId) => ['U0BOSS', 'U0ME'].includes(slackId),
    departmentExists: async (key) => key === 'finance',
    ownActiveRanges: async () => [
      {
        reference: 'LV-2026-0003',
        start: { date: '2026-12-14', part: 'pm' },
        end: { date: '2026-12-15', part: 'am' },
      },
    ],
    ...overrides,
  };
}

const VALID: RawFormValues = { title: 'Hello', agree: true };

const seen = new Set<FieldErrorCode>();

async function errorsOf(
  template: typeof everything,
  values: RawFormValues,
  ctx = context(),
): Promise<FieldErrors> {
  const result = await validateValues(template, values, ctx);
  if (result.ok) return {};
  for (const error of Object.values(result.errors)) seen.add(error.code);
  return result.errors;
}

describe('field validation', () => {
  it('accepts a valid form and normalises it', async () => {
    const result = await validateValues(
      everything,
      {
        title: '  Hello  ',
        notes: '',
        on: '2026-12-24',
        from: '2026-12-24',
        count: '3',
        amount: '1,250.5',
        colour: 'blue',
        approver: 'U0BOSS',
        deputy: 'U0SOMEONE',
        department: 'finance',
        files: [{ id: 'F0123ABC', name: 'plan.pdf' }],
        agree: true,
        unknown_field: 'dropped',
      },
      context(),
    );
    expect(result).toEqual({
      ok: true,
      normalized: {
        title: 'Hello',
        on: '2026-12-24',
        from: { date: '2026-12-24', part: 'full' },
        count: 3,
        amount: 1250.5,
        colour: 'blue',
        approver: 'U0BOSS',
        deputy: 'U0SOMEONE',
        department: 'finance',
        files: [{ id: 'F0123ABC', name: 'plan.pdf' }],
        agree: true,
        newsletter: false,
      },
    });
  });

  interface Case {
    what: string;
    values: RawFormValues;
    field: string;
    code: FieldErrorCode;
    params?: Record<string, string | number>;
  }
  it.each<Case>([
    { what: 'a missing required text', values: { agree: true }, field: 'title', code: 'required' },
    {
      what: 'a blank required text',
      values: { title: '   ', agree: true },
      field: 'title',
      code: 'required',
    },
    {
      what: 'an unchecked required checkbox',
      values: { title: 'Hello', agree: false },
      field: 'agree',
      code: 'required',
    },
    {
      what: 'a text that is not a string',
      values: { ...VALID, title: 42 },
      field: 'title',
      code: 'invalid_type',
    },
    {
      what: 'a checkbox that is not a boolean',
      values: { ...VALID, newsletter: 'yes' },
      field: 'newsletter',
      code: 'invalid_type',
    },
    {
      what: 'a short text',
      values: { ...VALID, title: 'Hi' },
      field: 'title',
      code: 'too_short',
      params: { min: 3 },
    },
    {
      what: 'a long text (counted in characters)',
      values: { ...VALID, title: '公文審批公文審批公文審' },
      field: 'title',
      code: 'too_long',
      params: { max: 10 },
    },
    {
      what: 'a long long text',
      values: { ...VALID, notes: 'x'.repeat(21) },
      field: 'notes',
      code: 'too_long',
      params: { max: 20 },
    },
    {
      what: 'a word for a number',
      values: { ...VALID, count: 'three' },
      field: 'count',
      code: 'not_a_number',
    },
    {
      what: 'infinity',
      values: { ...VALID, amount: Number.POSITIVE_INFINITY },
      field: 'amount',
      code: 'not_a_number',
    },
    {
      what: 'a fraction for an integer',
      values: { ...VALID, count: 2.5 },
      field: 'count',
      code: 'not_an_integer',
    },
    {
      what: 'a number below the minimum',
      values: { ...VALID, count: 0 },
      field: 'count',
      code: 'too_small',
      params: { min: 1 },
    },
    {
      what: 'a number above the maximum',
      values: { ...VALID, count: 11 },
      field: 'count',
      code: 'too_large',
      params: { max: 10 },
    },
    { what: 'an impossible date', values: { ...VALID, on: '2026-02-30' }, field: 'on', code: 'invalid_date' },
    {
      what: 'a date in another format',
      values: { ...VALID, on: '24/12/2026' },
      field: 'on',
      code: 'invalid_date',
    },
    {
      what: 'a half-day date without a date',
      values: { ...VALID, from: { part: 'am' } },
      field: 'from',
      code: 'invalid_date',
    },
    {
      what: 'an unknown part of the day',
      values: { ...VALID, from: { date: '2026-12-24', part: 'evening' } },
      field: 'from',
      code: 'invalid_half_day',
    },
    {
      what: 'an unknown option',
      values: { ...VALID, colour: 'green' },
      field: 'colour',
      code: 'invalid_option',
    },
    {
      what: 'something that is not a Slack user',
      values: { ...VALID, deputy: 'bob' },
      field: 'deputy',
      code: 'invalid_user',
    },
    {
      what: 'an approver who may not approve',
      values: { ...VALID, approver: 'U0GUEST' },
      field: 'approver',
      code: 'user_not_eligible',
    },
    {
      what: 'oneself as approver',
      values: { ...VALID, approver: 'U0ME' },
      field: 'approver',
      code: 'self_not_allowed',
    },
    {
      what: 'an unknown department',
      values: { ...VALID, department: 'nowhere' },
      field: 'department',
      code: 'unknown_department',
    },
    {
      what: 'files that are not Slack files',
      values: { ...VALID, files: [{ id: 'x', name: 'a' }] },
      field: 'files',
      code: 'invalid_files',
    },
    {
      what: 'a file without a name',
      values: { ...VALID, files: [{ id: 'F0123ABC' }] },
      field: 'files',
      code: 'invalid_files',
    },
    {
      what: 'too many files',
      values: { ...VALID, files: ['F01', 'F02', 'F03'].map((id) => ({ id: `${id}ABC`, name: `${id}.pdf` })) },
      field: 'files',
      code: 'too_many_files',
      params: { max: 2 },
    },
  ])('reports $what', async ({ values, field, code, params }) => {
    const errors = await errorsOf(everything, values);
    expect(errors[field]).toEqual(params ? { code, params } : { code });
  });

  it('reports every field problem at once, one per field', async () => {
    const errors = await errorsOf(everything, { title: 'Hi', count: 'x', colour: 'green', agree: false });
    expect(Object.keys(errors).sort()).toEqual(['agree', 'colour', 'count', 'title']);
  });
});

describe('leave checks', () => {
  const form = (start: unknown, end: unknown) => ({ leave_type: 'annual', reason: 'Rest', start, end });

  it('computes working days without weekends and holidays', async () => {
    const result = await validateValues(
      leave,
      form({ date: '2026-12-21', part: 'pm' }, { date: '2026-12-28', part: 'am' }),
      context(),
    );
    // Mon pm (0.5) + Tue–Thu (3) + Fri 25th holiday + Mon 28th am (0.5).
    expect(result.ok && result.normalized.working_days).toBe(4);
  });

  it('refuses an end before the start', async () => {
    expect((await errorsOf(leave, form('2026-12-22', '2026-12-21'))).end).toEqual({
      code: 'end_before_start',
    });
    const sameDay = await errorsOf(
      leave,
      form({ date: '2026-12-22', part: 'pm' }, { date: '2026-12-22', part: 'am' }),
    );
    expect(sameDay.end).toEqual({ code: 'end_before_start' });
  });

  it('refuses a start too far in the past', async () => {
    expect((await errorsOf(leave, form('2026-10-31', '2026-11-02'))).start).toEqual({
      code: 'too_far_in_past',
      params: { days: 30 },
    });
    // Exactly 30 days ago is still fine.
    expect(await errorsOf(leave, form('2026-11-01', '2026-11-02'))).toEqual({});
  });

  it('refuses a leave starting more than a year ahead, or longer than 90 days (issue 13 item 15)', async () => {
    expect((await errorsOf(leave, form('9999-12-30', '9999-12-31'))).start).toEqual({
      code: 'too_far_ahead',
      params: { days: 365 },
    });
    expect((await errorsOf(leave, form('2026-12-01', '2040-11-30'))).end).toEqual({
      code: 'too_long_span',
      params: { days: 90 },
    });
    // 90 calendar days, both ends included, is still one request.
    expect((await errorsOf(leave, form('2026-12-01', '2027-02-28'))).end).toBeUndefined();
    expect((await errorsOf(leave, form('2026-12-01', '2027-03-01'))).end).toEqual({
      code: 'too_long_span',
      params: { days: 90 },
    });
  });

  it('refuses an overlap with the requester’s own leave, to the half day', async () => {
    expect((await errorsOf(leave, form({ date: '2026-12-15', part: 'am' }, '2026-12-16'))).start).toEqual({
      code: 'overlaps_existing',
      params: { reference: 'LV-2026-0003' },
    });
    expect(await errorsOf(leave, form({ date: '2026-12-15', part: 'pm' }, '2026-12-16'))).toEqual({});
  });

  it('refuses leave with no working day in it', async () => {
    expect((await errorsOf(leave, form('2026-12-26', '2026-12-27'))).end).toEqual({
      code: 'no_working_days',
    });
    expect((await errorsOf(leave, form('2026-12-25', '2026-12-25'))).end).toEqual({
      code: 'no_working_days',
    });
  });

  it('does not run range checks on a broken date', async () => {
    const errors = await errorsOf(leave, form('2026-12-40', '2026-12-21'));
    expect(errors).toEqual({ start: { code: 'invalid_date' } });
  });
});

afterAll(() => {
  // Every code the Slack catalogs must translate is produced by at least one test above.
  expect([...seen].sort()).toEqual([...FIELD_ERROR_CODES].sort());
});
