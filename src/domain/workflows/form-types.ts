/**
 * What forms are made of for the engine's callers: the raw values a client sends, the field error
 * codes (translated by the Slack layer through its catalogs), a validation's result, and the
 * registration form. Plain serialisable data.
 */
import type { FormValues } from './model';

// --- form values ------------------------------------------------------------------------------

/** What a client sends: anything; the engine validates and normalises it. */
export type RawFormValues = Record<string, unknown>;

// --- field errors -----------------------------------------------------------------------------

export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short', // params: { min }
  'too_long', // params: { max }
  'not_a_number',
  'not_an_integer',
  'too_small', // params: { min }
  'too_large', // params: { max }
  'invalid_date',
  'invalid_half_day',
  'invalid_option',
  'invalid_user',
  'user_not_eligible', // the chosen person is unknown, suspended or a guest
  'self_not_allowed', // the requester chose themselves as approver
  'unknown_department',
  'invalid_files',
  'too_many_files', // params: { max }
  'end_before_start',
  'too_far_in_past', // params: { days }
  'too_far_ahead', // params: { days }
  'too_long_span', // params: { days }
  'overlaps_existing', // params: { reference }
  'no_working_days',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** Field id → the first problem found with it. */
export type FieldErrors = Record<string, FieldError>;

export type ValidationResult = { ok: true; normalized: FormValues } | { ok: false; errors: FieldErrors };

export interface RegistrationInput {
  name: string;
  departmentKey: string;
  position: string;
  contact: string;
}
