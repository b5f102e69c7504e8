import {
  canonicalJson,
  checksumOf,
  InvalidTemplateError,
  parseTemplate,
} from '../../../../src/domain/workflows/template.service';
import type { TemplateInput } from '../../../../src/domain/workflows/template-schema';
import { BUILTIN_TEMPLATES } from '../../../../src/domain/workflows/templates';
import { PROJECT_FINANCE_THRESHOLD } from '../../../../src/domain/workflows/templates/project';

const base: TemplateInput = {
  key: 'sample',
  prefix: 'SMP',
  title: { en: 'Sample', zh: '範例' },
  fields: [
    { id: 'amount', type: 'number', label: { en: 'Amount', zh: '金額' } },
    { id: 'who', type: 'user', label: { en: 'Who', zh: '誰' } },
    { id: 'from', type: 'half_day_date', label: { en: 'From', zh: '自' } },
    { id: 'to', type: 'half_day_date', label: { en: 'To', zh: '至' } },
  ],
  subjectFields: ['amount'],
  steps: [{ key: 'head', name: { en: 'Head', zh: '主管' }, approvers: { rule: 'department_head' } }],
};

function problemsOf(input: unknown): string[] {
  try {
    parseTemplate(input);
  } catch (error) {
    if (error instanceof InvalidTemplateError) return error.problems;
    throw error;
  }
  return [];
}

const withStep = (step: Record<string, unknown>) => ({
  ...base,
  steps: [{ key: 'x', name: { en: 'X', zh: 'X' }, approvers: { rule: 'department_head' }, ...step }],
});

describe('template schema', () => {
  it('accepts the built-in templates and fills in defaults', () => {
    const parsed = BUILTIN_TEMPLATES.map(parseTemplate);
    expect(parsed.map((t) => [t.key, t.prefix])).toEqual([
      ['leave', 'LV'],
      ['document', 'DOC'],
      ['project', 'PRJ'],
      ['registration', 'REG'],
      ['announcement', 'ANR'],
      ['file_version', 'FVR'],
    ]);
    const leave = parsed[0]!;
    expect(leave.purpose).toBe('request');
    expect(leave.steps[1]).toMatchObject({
      key: 'leader',
      condition: { field: 'working_days', op: 'gt', value: 3 },
    });
    const leaveType = leave.fields.find((f) => f.id === 'leave_type');
    expect(leaveType?.type === 'select' && leaveType.options.map((o) => o.value)).toEqual([
      'annual',
      'sick',
      'personal',
      'marriage',
      'bereavement',
      'maternity_paternity',
      'official_business',
      'compensatory',
    ]);
    expect(parsed[1]!.documentNumber).toEqual({ prefix: 'DOCNO' });
    expect(parsed[2]!.steps[1]!.condition).toEqual({
      field: 'budget',
      op: 'gt',
      value: PROJECT_FINANCE_THRESHOLD,
    });
    expect(parsed[3]!.purpose).toBe('registration');
  });

  it.each<[string, unknown, RegExp]>([
    ['a bad prefix', { ...base, prefix: 'lv' }, /^prefix: /],
    ['no steps', { ...base, steps: [] }, /^steps: /],
    ['no fields', { ...base, fields: [] }, /^fields: /],
    ['an unknown key (templates are strict)', { ...base, colour: 'red' }, /colour/],
    [
      'an unknown field type',
      { ...base, fields: [{ id: 'a', type: 'rich_text', label: base.title }] },
      /^fields\.0/,
    ],
    [
      'duplicate field ids',
      { ...base, fields: [...base.fields, { id: 'amount', type: 'text', label: base.title }] },
      /duplicate field id amount/,
    ],
    [
      'min above max',
      { ...base, fields: [{ id: 'amount', type: 'number', min: 5, max: 1, label: base.title }] },
      /max is below min/,
    ],
    [
      'a text limit beyond Slack’s 3000 characters',
      {
        ...base,
        fields: [...base.fields, { id: 'long', type: 'long_text', maxLength: 5000, label: base.title }],
      },
      /^fields\.4\.maxLength/,
    ],
    [
      'duplicate select options',
      {
        ...base,
        fields: [
          ...base.fields,
          {
            id: 'pick',
            type: 'select',
            label: base.title,
            options: [
              { value: 'a', label: base.title },
              { value: 'a', label: base.title },
            ],
          },
        ],
      },
      /duplicate option values/,
    ],
    ['an unknown approver rule', withStep({ approvers: { rule: 'boss' } }), /^steps\.0\.approvers/],
    [
      'a role that cannot approve',
      withStep({ approvers: { rule: 'role', role: 'guest' } }),
      /^steps\.0\.approvers\.role/,
    ],
    ['an unknown mode', withStep({ mode: 'most' }), /^steps\.0\.mode/],
    [
      'a chosen approver field that is not a user field',
      withStep({ approvers: { rule: 'requester_chosen', fieldId: 'amount' } }),
      /field amount is a number, expected user/,
    ],
    [
      'a department field rule on an unknown field',
      withStep({ approvers: { rule: 'department_head_of_field', fieldId: 'dept' } }),
      /unknown field dept/,
    ],
    [
      'a condition on an unknown field',
      withStep({ condition: { field: 'nope', op: 'gt', value: 1 } }),
      /unknown field nope/,
    ],
    [
      'a comparison without a value',
      withStep({ condition: { field: 'amount', op: 'gt' } }),
      /gt needs a value/,
    ],
    [
      'in without a list',
      withStep({ condition: { field: 'amount', op: 'in', value: 3 } }),
      /in needs a list/,
    ],
    [
      'a nested bad condition',
      withStep({
        condition: { any: [{ field: 'amount', op: 'gt', value: 1 }, { not: { field: 'x', op: 'truthy' } }] },
      }),
      /^steps\.0\.condition\.any\.1\.not\.field: unknown field x/,
    ],
    ['duplicate step keys', { ...base, steps: [base.steps[0], base.steps[0]] }, /duplicate step key head/],
    [
      'working days between fields that are not half-day dates',
      {
        ...base,
        computed: [{ id: 'days', kind: 'working_days', start: 'amount', end: 'to', label: base.title }],
      },
      /field amount is a number, expected half_day_date/,
    ],
    [
      'a check on a field of the wrong type',
      { ...base, checks: [{ kind: 'date_order', start: 'who', end: 'to' }] },
      /field who is a user, expected date or half_day_date/,
    ],
    [
      'an unknown subject field',
      { ...base, subjectFields: ['title'] },
      /^subjectFields\.0: unknown field title/,
    ],
    [
      'more than 100 options (Slack’s limit)',
      {
        ...base,
        fields: [
          {
            id: 'pick',
            type: 'select',
            label: base.title,
            options: Array.from({ length: 101 }, (_, i) => ({ value: `o${i}`, label: base.title })),
          },
        ],
        subjectFields: ['pick'],
      },
      /^fields\.0\.options/,
    ],
  ])('rejects %s', (_what, input, problem) => {
    const problems = problemsOf(input);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('gives equal definitions equal checksums whatever the key order', () => {
    const a = parseTemplate(base);
    const reordered = parseTemplate(Object.fromEntries(Object.entries(base).reverse()));
    expect(checksumOf(reordered)).toBe(checksumOf(a));
    expect(checksumOf(parseTemplate({ ...base, prefix: 'SMQ' }))).not.toBe(checksumOf(a));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
