import type { FieldDefinition } from '../../domain/workflows/template-schema';

/**
 * Block and action ids of request forms. Every field is one input block `field:<id>` whose element
 * has action_id `<id>`, except half-day dates: Slack allows one element per input block, so they
 * are two blocks, `field:<id>:date` (datepicker, action `<id>:date`) and `field:<id>:part`
 * (full/am/pm select, action `<id>:part`). Field ids are at most 40 characters, far below
 * Slack's 255 for ids.
 */
export const FORM_INTRO_BLOCK_ID = 'form:intro';

export const fieldBlockId = (fieldId: string): string => `field:${fieldId}`;
export const halfDayDateBlockId = (fieldId: string): string => `field:${fieldId}:date`;
export const halfDayPartBlockId = (fieldId: string): string => `field:${fieldId}:part`;
export const halfDayDateActionId = (fieldId: string): string => `${fieldId}:date`;
export const halfDayPartActionId = (fieldId: string): string => `${fieldId}:part`;

/**
 * Where a field's error is shown. Half-day dates: a bad part of the day (`invalid_half_day`) on
 * the part select, everything else (`end_before_start`, `overlaps_existing`…) on the date.
 */
export function errorBlockId(field: FieldDefinition, code?: string): string {
  if (field.type !== 'half_day_date') return fieldBlockId(field.id);
  return code === 'invalid_half_day' ? halfDayPartBlockId(field.id) : halfDayDateBlockId(field.id);
}

/**
 * Cuts text to at most `max` UTF-16 units (what Slack counts), never inside a surrogate pair,
 * ending with "…" when it had to cut.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
