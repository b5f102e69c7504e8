import type { FieldError, FieldErrors, RawFormValues, ValidationResult } from './form-types';
import type { FormValue, FormValues, HalfDayDate, SlackFileRef } from './model';
import type { FieldDefinition, TemplateDefinition } from './template-schema';
import { trimInvisible } from './visible-text';
import {
  addDays,
  HALF_DAY_PARTS,
  isIsoDate,
  isOrderedRange,
  rangesOverlap,
  workingDays,
} from './working-days';

/**
 * Validates and normalises a form against its template. Everything the checks need from the
 * database comes through `ValidationContext`, so this module is tested without one. Errors are
 * codes (with parameters), one per field: the Slack layer translates them into the modal.
 */

export interface OwnRange {
  reference: string;
  start: HalfDayDate;
  end: HalfDayDate;
}

export interface ValidationContext {
  requesterSlackId: string;
  /** Today in the requester's time zone (YYYY-MM-DD). */
  today: string;
  holidaysBetween(from: string, to: string): Promise<ReadonlySet<string>>;
  /** Whether a Slack user is in the directory, active and not a guest. */
  canApprove(slackUserId: string): Promise<boolean>;
  departmentExists(key: string): Promise<boolean>;
  /** The requester's own requests of this template that are in review, returned or approved. */
  ownActiveRanges(startField: string, endField: string): Promise<OwnRange[]>;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MAX_FILE_NAME = 255;

type Parsed = { value: FormValue } | { missing: true } | { error: FieldError };

const fail = (code: FieldError['code'], params?: FieldError['params']): Parsed => ({
  error: params ? { code, params } : { code },
});

function isMissing(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && trimInvisible(raw) === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

function parseText(raw: unknown, min: number | undefined, max: number): Parsed {
  if (typeof raw !== 'string') return fail('invalid_type');
  const text = trimInvisible(raw);
  // Counted in code points, as people count characters (a CJK character is one).
  const length = [...text].length;
  if (min !== undefined && length < min) return fail('too_short', { min });
  if (length > max) return fail('too_long', { max });
  return { value: text };
}

/**
 * A number as people write it and as cards show it: plain ("1250000") or grouped by thousands
 * ("1,250,000"), with an optional fraction. Grouping must be regular: "1,25,0000" is a typo.
 */
const NUMBER_TEXT = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Full-width digits and signs (typed with a Chinese input method) as their ASCII forms. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF0B\uFF0C\uFF0D\uFF0E\uFF10-\uFF19]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

function parseNumber(raw: unknown, field: Extract<FieldDefinition, { type: 'number' }>): Parsed {
  let number: number;
  if (typeof raw === 'number') number = raw;
  else if (typeof raw === 'string') {
    const typed = toHalfWidth(raw.trim());
    if (!NUMBER_TEXT.test(typed)) return fail('not_a_number');
    number = Number(typed.replace(/,/g, ''));
  } else return fail('not_a_number');
  if (!Number.isFinite(number)) return fail('not_a_number');
  if (field.integer && !Number.isInteger(number)) return fail('not_an_integer');
  if (field.min !== undefined && number < field.min) return fail('too_small', { min: field.min });
  if (field.max !== undefined && number > field.max) return fail('too_large', { max: field.max });
  return { value: number };
}

function parseDate(raw: unknown): Parsed {
  if (typeof raw !== 'string' || !isIsoDate(raw.trim())) return fail('invalid_date');
  return { value: raw.trim() };
}

/** A half-day date is `{ date, part }`; a bare date means the whole day. */
function parseHalfDayDate(raw: unknown): Parsed {
  if (typeof raw === 'string') raw = { date: raw, part: 'full' };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('invalid_date');
  const { date, part = 'full' } = raw as { date?: unknown; part?: unknown };
  if (typeof date !== 'string' || !isIsoDate(date.trim())) return fail('invalid_date');
  if (typeof part !== 'string' || !(HALF_DAY_PARTS as readonly string[]).includes(part))
    return fail('invalid_half_day');
  return { value: { date: date.trim(), part: part as HalfDayDate['part'] } };
}

function parseFiles(raw: unknown, maxFiles: number): Parsed {
  if (!Array.isArray(raw)) return fail('invalid_files');
  const files: SlackFileRef[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) return fail('invalid_files');
    const { id, name } = item as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || !/^F[A-Z0-9]{2,}$/.test(id)) return fail('invalid_files');
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_FILE_NAME)
      return fail('invalid_files');
    files.push({ id, name });
  }
  if (files.length > maxFiles) return fail('too_many_files', { max: maxFiles });
  return { value: files };
}

/** Shape and limits of one value; checks needing the database come later. */
export function parseField(field: FieldDefinition, raw: unknown): Parsed {
  if (field.type === 'checkbox') {
    if (raw === undefined || raw === null) return field.required ? fail('required') : { value: false };
    if (typeof raw !== 'boolean') return fail('invalid_type');
    return field.required && !raw ? fail('required') : { value: raw };
  }
  if (isMissing(raw)) return field.required ? fail('required') : { missing: true };
  switch (field.type) {
    case 'text':
    case 'long_text':
      return parseText(raw, field.minLength, field.maxLength);
    case 'number':
      return parseNumber(raw, field);
    case 'date':
      return parseDate(raw);
    case 'half_day_date':
      return parseHalfDayDate(raw);
    case 'select':
      if (typeof raw !== 'string') return fail('invalid_type');
      return field.options.some((option) => option.value === raw) ? { value: raw } : fail('invalid_option');
    case 'user':
      if (typeof raw !== 'string' || !SLACK_USER_ID.test(raw)) return fail('invalid_user');
      return { value: raw };
    case 'department':
      if (typeof raw !== 'string') return fail('invalid_type');
      return { value: raw.trim() };
    case 'files':
      return parseFiles(raw, field.maxFiles);
  }
}

const asRange = (value: FormValue | undefined): HalfDayDate | undefined => {
  if (typeof value === 'string') return { date: value, part: 'full' };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  return undefined;
};

export async function validateValues(
  template: TemplateDefinition,
  raw: RawFormValues,
  ctx: ValidationContext,
): Promise<ValidationResult> {
  const errors: FieldErrors = {};
  const values: FormValues = {};
  for (const field of template.fields) {
    const parsed = parseField(field, raw[field.id]);
    if ('error' in parsed) errors[field.id] = parsed.error;
    else if ('value' in parsed) values[field.id] = parsed.value;
  }

  // Checks against the directory: chosen approvers and departments.
  const chosenApproverFields = new Set(
    template.steps.flatMap((step) =>
      step.approvers.rule === 'requester_chosen' ? [step.approvers.fieldId] : [],
    ),
  );
  for (const field of template.fields) {
    const value = values[field.id];
    if (typeof value !== 'string') continue;
    if (field.type === 'department' && !(await ctx.departmentExists(value)))
      errors[field.id] = { code: 'unknown_department' };
    if (field.type === 'user' && chosenApproverFields.has(field.id)) {
      if (value === ctx.requesterSlackId) errors[field.id] = { code: 'self_not_allowed' };
      else if (!(await ctx.canApprove(value))) errors[field.id] = { code: 'user_not_eligible' };
    }
  }

  const usable = (id: string) => values[id] !== undefined && errors[id] === undefined;

  for (const check of template.checks) {
    if (check.kind === 'date_order' || check.kind === 'no_overlap_with_own') {
      if (!usable(check.start) || !usable(check.end)) continue;
      const start = asRange(values[check.start])!;
      const end = asRange(values[check.end])!;
      if (!isOrderedRange(start, end)) {
        errors[check.end] = { code: 'end_before_start' };
        continue;
      }
      if (check.kind === 'no_overlap_with_own') {
        const clash = (await ctx.ownActiveRanges(check.start, check.end)).find((other) =>
          rangesOverlap({ start, end }, other),
        );
        if (clash)
          errors[check.start] = { code: 'overlaps_existing', params: { reference: clash.reference } };
      }
    } else if (check.kind === 'max_days_in_past') {
      if (!usable(check.field)) continue;
      const date = asRange(values[check.field])!.date;
      if (date < addDays(ctx.today, -check.days))
        errors[check.field] = { code: 'too_far_in_past', params: { days: check.days } };
    } else if (check.kind === 'max_days_ahead') {
      if (!usable(check.field)) continue;
      const date = asRange(values[check.field])!.date;
      if (date > addDays(ctx.today, check.days))
        errors[check.field] = { code: 'too_far_ahead', params: { days: check.days } };
    } else if (check.kind === 'max_span_days') {
      if (!usable(check.start) || !usable(check.end)) continue;
      const start = asRange(values[check.start])!.date;
      const end = asRange(values[check.end])!.date;
      // Inclusive: a leave from Monday to Monday covers one day.
      if (end >= start && end > addDays(start, check.days - 1))
        errors[check.end] = { code: 'too_long_span', params: { days: check.days } };
    }
  }

  for (const computed of template.computed) {
    if (!usable(computed.start) || !usable(computed.end)) continue;
    const start = asRange(values[computed.start])!;
    const end = asRange(values[computed.end])!;
    if (!isOrderedRange(start, end)) continue;
    values[computed.id] = workingDays(start, end, await ctx.holidaysBetween(start.date, end.date));
  }

  for (const check of template.checks) {
    if (check.kind !== 'positive_working_days') continue;
    const computed = template.computed.find((c) => c.id === check.computed);
    if (computed && values[computed.id] === 0 && errors[computed.end] === undefined)
      errors[computed.end] = { code: 'no_working_days' };
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, normalized: values };
}
