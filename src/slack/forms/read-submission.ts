import { z } from 'zod';
import type { RawFormValues } from '../../domain/workflows/form-types';
import type { FormValue, SlackFileRef } from '../../domain/workflows/model';
import type { FieldDefinition } from '../../domain/workflows/template-schema';
import type { TemplateInfo } from '../../domain/workflows/view-types';
import {
  fieldBlockId,
  halfDayDateActionId,
  halfDayDateBlockId,
  halfDayPartActionId,
  halfDayPartBlockId,
} from './form-ids';

/**
 * One element's entry in a view's `state.values`, as Slack sends it (only the parts forms read).
 * Unknown keys are ignored, so Bolt's `ViewStateValue` fits, and so does anything Slack adds.
 */
const selectedOptionSchema = z.object({ value: z.string() });
const uploadedFileSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  title: z.string().nullish(),
});
export const slackStateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: selectedOptionSchema.nullish(),
  selected_options: z.array(selectedOptionSchema).nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  files: z.array(uploadedFileSchema).nullish(),
});
export type SlackStateValue = z.input<typeof slackStateValueSchema>;

/** `view.state.values`: block_id → action_id → entry. */
export const slackStateValuesSchema = z.record(z.string(), z.record(z.string(), slackStateValueSchema));
export type SlackStateValues = Record<string, Record<string, SlackStateValue>>;

export interface ReadSubmissionOptions {
  /**
   * The values the form was pre-filled with. Slack cannot pre-fill file inputs, so an empty one
   * keeps the files attached before (see requestModal).
   */
  previous?: Readonly<Record<string, FormValue | undefined>>;
}

/** An entry that is missing or not shaped as Slack shapes it reads as empty, never as a crash. */
function entry(
  state: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>,
  blockId: string,
  actionId: string,
): z.output<typeof slackStateValueSchema> | undefined {
  const parsed = slackStateValueSchema.safeParse(state[blockId]?.[actionId]);
  return parsed.success ? parsed.data : undefined;
}

const nonEmpty = (text: string | null | undefined): string | undefined =>
  text === null || text === undefined || text.trim() === '' ? undefined : text;

function readField(
  field: FieldDefinition,
  state: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>,
  options: ReadSubmissionOptions,
): unknown {
  if (field.type === 'half_day_date') {
    const date = nonEmpty(
      entry(state, halfDayDateBlockId(field.id), halfDayDateActionId(field.id))?.selected_date,
    );
    if (date === undefined) return undefined;
    const part = entry(state, halfDayPartBlockId(field.id), halfDayPartActionId(field.id))?.selected_option
      ?.value;
    // The engine checks the part; a form always sends one, the default being the whole day.
    return { date, part: part ?? 'full' };
  }
  const value = entry(state, fieldBlockId(field.id), field.id);
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'number':
      // Numbers go to the engine as typed: it reports not_a_number, too_small… in the person's words.
      return nonEmpty(value?.value);
    case 'date':
      return nonEmpty(value?.selected_date);
    case 'select':
    case 'department':
      return nonEmpty(value?.selected_option?.value);
    case 'user':
      return nonEmpty(value?.selected_user);
    case 'checkbox':
      return (value?.selected_options?.length ?? 0) > 0;
    case 'files': {
      const files: SlackFileRef[] = (value?.files ?? []).map((file) => ({
        id: file.id,
        name: nonEmpty(file.name) ?? nonEmpty(file.title) ?? file.id,
      }));
      if (files.length > 0) return files;
      const previous = options.previous?.[field.id];
      return Array.isArray(previous) && previous.length > 0 ? previous : undefined;
    }
  }
}

/**
 * Turns a submitted request modal's `view.state.values` back into the engine's raw form values:
 * one entry per template field that has a value; empty fields are left out (checkboxes are
 * `false`). Nothing is validated here: the engine does that and answers with field errors.
 */
export function readSubmission(
  template: Pick<TemplateInfo, 'fields'>,
  stateValues: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>,
  options: ReadSubmissionOptions = {},
): RawFormValues {
  const values: RawFormValues = {};
  for (const field of template.fields) {
    const value = readField(field, stateValues, options);
    if (value !== undefined) values[field.id] = value;
  }
  return values;
}
