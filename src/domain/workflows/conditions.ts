import type { FormValue, FormValues } from './model';
import type { Condition } from './template-schema';

/**
 * Evaluates a step condition on normalised form values (computed values included). A comparison
 * with a missing value is false, so an optional field left empty never adds a step by accident.
 */
export function evaluateCondition(condition: Condition, values: FormValues): boolean {
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, values));
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, values));
  if ('not' in condition) return !evaluateCondition(condition.not, values);
  const actual = values[condition.field];
  const expected = condition.value;
  switch (condition.op) {
    case 'truthy':
      return isTruthy(actual);
    case 'eq':
      return actual !== undefined && scalarOf(actual) === expected;
    case 'ne':
      return actual === undefined || scalarOf(actual) !== expected;
    case 'in':
      return (
        actual !== undefined && Array.isArray(expected) && expected.some((item) => item === scalarOf(actual))
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(condition.op, actual, expected);
  }
}

function isTruthy(value: FormValue | undefined): boolean {
  if (value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A half-day date compares by its date; other values are their own scalar. */
function scalarOf(value: FormValue): unknown {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object') return value.date;
  return value;
}

function compare(op: 'gt' | 'gte' | 'lt' | 'lte', actual: FormValue | undefined, expected: unknown): boolean {
  if (actual === undefined) return false;
  const left = scalarOf(actual);
  // Numbers compare with numbers, strings (ISO dates) with strings; anything else never matches.
  if (
    !(
      (typeof left === 'number' && typeof expected === 'number') ||
      (typeof left === 'string' && typeof expected === 'string')
    )
  )
    return false;
  const l = left as number | string;
  const r = expected as number | string;
  if (op === 'gt') return l > r;
  if (op === 'gte') return l >= r;
  if (op === 'lt') return l < r;
  return l <= r;
}
