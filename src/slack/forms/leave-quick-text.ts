import type { Locale } from '../../config';
import type { FieldErrors, RawFormValues } from '../../domain/workflows/form-types';
import type { HalfDayPart } from '../../domain/workflows/model';
import type { FieldDefinition } from '../../domain/workflows/template-schema';
import type { TemplateInfo } from '../../domain/workflows/view-types';
import type { MessageKey, Translate } from '../i18n';
import { escapeMrkdwn } from '../views/blocks';
import { localized } from '../views/format';
import { describeFieldErrors } from './field-errors';
import { clip } from './form-ids';

/**
 * `/leave <first day>[am|pm] [to <last day>[am|pm]] <type> <reason>` → the leave template's raw
 * values. Only the shape of the text is checked here; the engine validates the values exactly as
 * it does for the modal (end before start, the past, overlaps, working days).
 */

export const QUICK_TEXT_PROBLEM_CODES = [
  'missing_start_date', // params: { value } — what stood where the first date should be
  'invalid_date', // params: { value }
  'missing_end_date', // params: { value } — the separator with nothing after it
  'too_many_dates', // params: { value }
  'duplicate_part', // params: { value }
  'missing_leave_type',
  'unknown_leave_type', // params: { value }
  'missing_reason',
] as const;
export type QuickTextProblemCode = (typeof QUICK_TEXT_PROBLEM_CODES)[number];

export interface QuickTextProblem {
  code: QuickTextProblemCode;
  params?: Record<string, string | number>;
}

export type LeaveQuickTextResult =
  | { kind: 'values'; values: RawFormValues }
  | { kind: 'problems'; problems: QuickTextProblem[] }
  | { kind: 'open_modal' };

type LeaveTemplate = Pick<TemplateInfo, 'key' | 'fields' | 'computed' | 'definition'>;
type SelectField = Extract<FieldDefinition, { type: 'select' }>;

/** Which fields of the template the quick text fills in. */
export interface LeaveFields {
  start: string;
  end: string;
  type: SelectField;
  reason: Extract<FieldDefinition, { type: 'text' | 'long_text' }> | undefined;
}

/** Finds the leave fields by their role, so the parser follows the template rather than its ids. */
export function leaveFields(template: LeaveTemplate): LeaveFields {
  const range =
    template.computed.find((c) => c.kind === 'working_days') ??
    template.definition.checks.find((c) => c.kind === 'date_order');
  const halfDays = template.fields.filter((f) => f.type === 'half_day_date').map((f) => f.id);
  const start = range?.start ?? halfDays[0];
  const end = range?.end ?? halfDays[1];
  const type = template.fields.find((f): f is SelectField => f.type === 'select');
  const reason =
    template.fields.find((f) => f.type === 'long_text') ?? template.fields.find((f) => f.type === 'text');
  if (!start || !end || !type) {
    throw new Error(`Template ${template.key} has no start and end half-day dates and a type to fill in`);
  }
  return {
    start,
    end,
    type,
    reason: reason?.type === 'text' || reason?.type === 'long_text' ? reason : undefined,
  };
}

/** Words people use for the built-in leave types, in both languages (matched after the labels). */
const LEAVE_TYPE_ALIASES: Record<string, readonly string[]> = {
  annual: ['年假', '特休', '特休假', '特別休假', 'vacation', 'al'],
  sick: ['病', 'sl'],
  personal: ['事', 'private'],
  marriage: ['wedding'],
  bereavement: ['funeral', 'compassionate'],
  maternity_paternity: ['maternity', 'paternity', '產假', '陪產假', '陪產'],
  official_business: ['official', 'business', '公差', '公出'],
  compensatory: ['comp', 'toil', '補假', '調休'],
};

const norm = (text: string) => text.normalize('NFKC').toLowerCase().trim();

function typeNames(option: SelectField['options'][number]): string[] {
  const en = norm(option.label.en);
  const zh = norm(option.label.zh);
  return [
    option.value,
    option.value.replace(/_/g, '-'),
    option.value.replace(/_/g, ' '),
    en,
    en.replace(/ leave$/, ''),
    zh,
    ...zh.split('/'),
    ...(LEAVE_TYPE_ALIASES[option.value] ?? []),
  ].map(norm);
}

/** The option value a word (or two words, e.g. "sick leave") stands for. */
function resolveType(field: SelectField, words: string[]): { value: string; used: number } | undefined {
  for (const used of [2, 1]) {
    if (words.length < used) continue;
    const wanted = norm(words.slice(0, used).join(' '));
    const option = field.options.find((o) => typeNames(o).includes(wanted));
    if (option) return { value: option.value, used };
  }
  return undefined;
}

const PARTS: Record<string, HalfDayPart> = {
  am: 'am',
  pm: 'pm',
  上午: 'am',
  下午: 'pm',
  morning: 'am',
  afternoon: 'pm',
  full: 'full',
  全天: 'full',
};
const PART_WORDS = Object.keys(PARTS).join('|');
const SEPARATORS = new Set(['~', 'to', '-', 'until', 'till', 'through', '至', '到']);
const DATE_PATTERNS = [
  new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(${PART_WORDS})?$`),
  new RegExp(`^(\\d{4})年(\\d{1,2})月(\\d{1,2})日?(${PART_WORDS})?$`),
];

interface DateToken {
  text: string;
  date: string | undefined;
  part: HalfDayPart | undefined;
}

function isoDate(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A date, possibly with its part glued on; `date` undefined when it looks like one but is not. */
function readDate(piece: string): DateToken | undefined {
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(piece);
    if (match) {
      const [, year = '', month = '', day = '', part] = match;
      return { text: piece, date: isoDate(year, month, day), part: part ? PARTS[part] : undefined };
    }
  }
  return /^\d/.test(piece) ? { text: piece, date: undefined, part: undefined } : undefined;
}

/** Separators glued to dates ("2026-12-01~2026-12-03", "2026-12-01–2026-12-03") come apart. */
const pieces = (word: string): string[] =>
  norm(word)
    .replace(/[~–—]/g, ' ~ ')
    .split(/\s+/)
    .filter((p) => p !== '');

export function parseLeaveQuickText(text: string, template: LeaveTemplate): LeaveQuickTextResult {
  if (text.trim() === '') return { kind: 'open_modal' };
  const fields = leaveFields(template);
  const words = [...text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  const problems: QuickTextProblem[] = [];
  let at = 0;

  // The type may come first: "/leave sick 2026-12-01 Flu".
  let type: string | undefined;
  const leading = resolveType(
    fields.type,
    words.map((w) => w.text),
  );
  const afterLeading = words[leading?.used ?? 0];
  if (leading && afterLeading && readDate(pieces(afterLeading.text)[0] ?? '')) {
    type = leading.value;
    at = leading.used;
  }

  const dates: DateToken[] = [];
  let pendingSeparator: string | undefined;
  dateWords: for (; at < words.length; at++) {
    const word = words[at];
    if (!word) break;
    const split = pieces(word.text);
    const first = split[0] ?? '';
    const startsDatePhrase =
      readDate(first) !== undefined ||
      (dates.length > 0 && (PARTS[first] !== undefined || SEPARATORS.has(first)));
    if (!startsDatePhrase) break;
    for (const piece of split) {
      const date = readDate(piece);
      const last = dates[dates.length - 1];
      if (date) {
        if (dates.length === 2) problems.push({ code: 'too_many_dates', params: { value: piece } });
        if (date.date === undefined) problems.push({ code: 'invalid_date', params: { value: piece } });
        dates.push(date);
        pendingSeparator = undefined;
      } else if (PARTS[piece] !== undefined && last) {
        if (last.part !== undefined) problems.push({ code: 'duplicate_part', params: { value: piece } });
        else last.part = PARTS[piece];
      } else if (SEPARATORS.has(piece) && last) {
        pendingSeparator = piece;
      } else {
        // Something else glued to a date ("2026-12-01annual"): not a date phrase after all.
        break dateWords;
      }
    }
  }
  if (dates.length === 0) {
    problems.push({ code: 'missing_start_date', params: { value: words[at]?.text ?? '' } });
  }
  if (pendingSeparator !== undefined) {
    problems.push({ code: 'missing_end_date', params: { value: pendingSeparator } });
  }

  if (type === undefined && dates.length > 0) {
    const rest = words.slice(at).map((w) => w.text);
    const found = resolveType(fields.type, rest);
    if (found) {
      type = found.value;
      at += found.used;
    } else if (rest[0] === undefined) {
      problems.push({ code: 'missing_leave_type' });
    } else {
      problems.push({ code: 'unknown_leave_type', params: { value: rest[0] } });
      at += 1;
    }
  }

  const reasonStart = words[at]?.index;
  const reason = dates.length > 0 && reasonStart !== undefined ? text.slice(reasonStart).trim() : '';
  if (dates.length > 0 && reason === '' && fields.reason?.required) problems.push({ code: 'missing_reason' });

  const [start, end = start] = dates;
  if (problems.length > 0 || !start?.date || !end?.date || type === undefined) {
    return { kind: 'problems', problems };
  }
  const values: RawFormValues = {
    [fields.start]: { date: start.date, part: start.part ?? 'full' },
    [fields.end]: { date: end.date, part: end.part ?? 'full' },
    [fields.type.id]: type,
  };
  if (fields.reason && reason !== '') values[fields.reason.id] = reason;
  return { kind: 'values', values };
}

const problemKey = (code: QuickTextProblemCode): MessageKey => `forms.quick.problem.${code}`;

/** How to use the quick text, with the template's leave types in the reader's language. */
export function leaveQuickTextUsage(template: LeaveTemplate, t: Translate, locale: Locale): string {
  const { type } = leaveFields(template);
  const types = type.options
    .map((o) => t('forms.quick.typeItem', { label: localized(o.label, locale), value: o.value }))
    .join(locale === 'zh-TW' ? '、' : ', ');
  return `${t('forms.quick.usage')}\n${t('forms.quick.types', { types })}`;
}

/** The reply to a quick text with problems: every problem, then the usage (mrkdwn). */
export function quickTextProblemsMessage(
  problems: readonly QuickTextProblem[],
  template: LeaveTemplate,
  t: Translate,
  locale: Locale,
): string {
  const lines = problems.map((problem) => {
    // What the person typed is quoted back: cut short and unable to mention or link.
    const params = Object.fromEntries(
      Object.entries(problem.params ?? {}).map(([k, v]) => [k, escapeMrkdwn(clip(String(v), 40))]),
    );
    return `• ${t(problemKey(problem.code), params)}`;
  });
  return [t('forms.quick.problems'), ...lines, '', leaveQuickTextUsage(template, t, locale)].join('\n');
}

/** The reply to a quick text the engine refused field by field: each refusal, then the usage. */
export function leaveQuickTextErrors(
  template: LeaveTemplate,
  errors: FieldErrors,
  t: Translate,
  locale: Locale,
): string {
  const lines = describeFieldErrors(template, errors, t, locale).map((line) => `• ${line}`);
  return `${lines.join('\n')}\n\n${leaveQuickTextUsage(template, t, locale)}`;
}
