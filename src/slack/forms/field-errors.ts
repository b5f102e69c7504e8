import type { Locale } from '../../config';
import {
  FIELD_ERROR_CODES,
  type FieldError,
  type FieldErrorCode,
  type FieldErrors,
} from '../../domain/workflows/form-types';
import type { FieldDefinition } from '../../domain/workflows/template-schema';
import type { TemplateInfo } from '../../domain/workflows/view-types';
import type { MessageKey, Translate } from '../i18n';
import { localized } from '../views/format';
import { clip, errorBlockId } from './form-ids';

/** Slack shows at most this much of one error message in a modal. */
export const ERROR_MESSAGE_MAX = 2000;

const isFieldErrorCode = (code: string): code is FieldErrorCode =>
  (FIELD_ERROR_CODES as readonly string[]).includes(code);

/** The catalog key of a field error code: `forms.error.<code>`. */
export const fieldErrorKey = (code: FieldErrorCode): MessageKey => `forms.error.${code}`;

/** Limits the message can quote when the engine did not send them: the field's own. */
function paramsFromField(field: FieldDefinition | undefined): Record<string, string | number> {
  switch (field?.type) {
    case 'text':
    case 'long_text':
      return { max: field.maxLength, ...(field.minLength !== undefined ? { min: field.minLength } : {}) };
    case 'number':
      return {
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
      };
    case 'files':
      return { max: field.maxFiles };
    default:
      return {};
  }
}

/** One error in the reader's language, with its numbers and references filled in. */
export function fieldErrorMessage(error: FieldError, t: Translate, field?: FieldDefinition): string {
  // A code this build does not know (a newer engine) still gets a message rather than a crash.
  const code = isFieldErrorCode(error.code) ? error.code : 'invalid_type';
  return clip(t(fieldErrorKey(code), { ...paramsFromField(field), ...error.params }), ERROR_MESSAGE_MAX);
}

type ErrorTemplate = Pick<TemplateInfo, 'fields' | 'computed'>;

function labelOf(template: ErrorTemplate, id: string, locale: Locale): string {
  const item = template.fields.find((f) => f.id === id) ?? template.computed.find((c) => c.id === id);
  return item ? localized(item.label, locale) : id;
}

/**
 * Field errors as `response_action: 'errors'` wants them: block_id → message. A half-day date's
 * errors go on its date block (`end_before_start` on the end date's), a bad part of the day on
 * its part block. An error for an id that has
 * no block of its own (a computed value, a field of another template version) goes on the first
 * field's block, prefixed with its label, so it is never silently lost (Slack rejects errors for
 * block ids that are not in the view).
 */
export function fieldErrorsForSlack(
  template: ErrorTemplate,
  errors: FieldErrors,
  t: Translate,
  locale: Locale = 'en',
): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (blockId: string, message: string) => {
    const existing = out[blockId];
    out[blockId] = clip(existing ? `${existing} ${message}` : message, ERROR_MESSAGE_MAX);
  };
  const first = template.fields[0];
  for (const [id, error] of Object.entries(errors)) {
    const field = template.fields.find((f) => f.id === id);
    if (field) add(errorBlockId(field, error.code), fieldErrorMessage(error, t, field));
    else if (first)
      add(
        errorBlockId(first),
        t('forms.error.onField', {
          label: labelOf(template, id, locale),
          message: fieldErrorMessage(error, t),
        }),
      );
  }
  return out;
}

/**
 * The same errors as lines "Label: message" in template order, for replies outside a modal
 * (the `/leave` quick text).
 */
export function describeFieldErrors(
  template: ErrorTemplate,
  errors: FieldErrors,
  t: Translate,
  locale: Locale,
): string[] {
  const order = [...template.fields.map((f) => f.id), ...template.computed.map((c) => c.id)];
  const rank = (id: string) => {
    const index = order.indexOf(id);
    return index === -1 ? order.length : index;
  };
  return Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, error]) =>
      t('forms.error.onField', {
        label: labelOf(template, id, locale),
        message: fieldErrorMessage(
          error,
          t,
          template.fields.find((f) => f.id === id),
        ),
      }),
    );
}
