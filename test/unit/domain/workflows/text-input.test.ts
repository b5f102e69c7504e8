import { cleanText } from '../../../../src/domain/workflows/decision.service';
import { validateValues } from '../../../../src/domain/workflows/form-validation';
import { parseTemplate } from '../../../../src/domain/workflows/template.service';
import { WorkflowError } from '../../../../src/domain/workflows/workflow-errors';

/** Issue 13 items 14 and 17: what people type into reasons, comments and number fields. */

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkflowError) return error.code;
    throw error;
  }
  return undefined;
}

describe('reasons and comments must carry visible text (item 14)', () => {
  it.each([
    ['two zero-width spaces', '\u200B\u200B'],
    ['a zero-width joiner and a byte order mark', '\u200D\uFEFF'],
    ['ideographic spaces', '\u3000\u3000'],
    ['a Hangul filler', '\u3164'],
    ['a Braille blank with spaces', ' \u2800 '],
    ['no-break and word joiner', '\u00A0\u2060'],
  ])('refuses %s as a required reason', (_what, text) => {
    expect(codeOf(() => cleanText(text, true))).toBe('reason_required');
  });

  it('treats invisible-only optional text as no text', () => {
    expect(cleanText('\u200B \u200B', false)).toBeNull();
  });

  it('keeps visible text, trimmed of invisible edges, and emoji sequences whole', () => {
    expect(cleanText('\u200B 請補附件 \u200B', true)).toBe('請補附件');
    expect(cleanText('OK 👍🏽', true)).toBe('OK 👍🏽');
    expect(cleanText('👨\u200D👩\u200D👧', true)).toBe('👨\u200D👩\u200D👧');
  });
});

describe('grouped numbers (item 17)', () => {
  const budget = parseTemplate({
    key: 'budget',
    prefix: 'BU',
    title: { en: 'Budget', zh: '預算' },
    subjectFields: ['amount'],
    fields: [{ id: 'amount', type: 'number', required: true, min: 0, label: { en: 'Budget', zh: '預算' } }],
    steps: [
      { key: 'head', name: { en: 'Head', zh: '主管' }, approvers: { rule: 'department_head' }, mode: 'one' },
    ],
  });
  const context = {
    requesterSlackId: 'U0ME',
    today: '2026-12-01',
    holidaysBetween: async () => new Set<string>(),
    canApprove: async () => true,
    departmentExists: async () => true,
    ownActiveRanges: async () => [],
  };
  const amountOf = async (raw: string) => {
    const result = await validateValues(budget, { amount: raw }, context);
    return result.ok ? result.normalized.amount : result.errors.amount?.code;
  };

  it.each([
    ['1,250,000', 1250000],
    [' 1,250,000.50 ', 1250000.5],
    ['１，２５０，０００', 1250000],
    ['１２５００００．５', 1250000.5],
    ['1250000', 1250000],
  ])('reads %s as %d', async (raw, expected) => {
    expect(await amountOf(raw)).toBe(expected);
  });

  it.each(['1,25,0000', '12,50', ',125', '1,,250', '1.2.3', '１,２５'])(
    'refuses badly grouped %s',
    async (raw) => {
      expect(await amountOf(raw)).toBe('not_a_number');
    },
  );
});
