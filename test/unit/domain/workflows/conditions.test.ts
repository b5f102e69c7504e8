import { evaluateCondition } from '../../../../src/domain/workflows/conditions';
import type { FormValues } from '../../../../src/domain/workflows/model';
import type { Condition } from '../../../../src/domain/workflows/template-schema';

const values: FormValues = {
  working_days: 3.5,
  urgency: 'urgent',
  confidentiality: 'internal',
  start: { date: '2026-12-14', part: 'pm' },
  title: '',
  attachments: [],
  agreed: true,
};

describe('step conditions', () => {
  it.each<[Condition, boolean]>([
    [{ field: 'working_days', op: 'gt', value: 3 }, true],
    [{ field: 'working_days', op: 'gt', value: 3.5 }, false],
    [{ field: 'working_days', op: 'gte', value: 3.5 }, true],
    [{ field: 'working_days', op: 'lt', value: 3.5 }, false],
    [{ field: 'working_days', op: 'lte', value: 3.5 }, true],
    [{ field: 'urgency', op: 'eq', value: 'urgent' }, true],
    [{ field: 'urgency', op: 'ne', value: 'urgent' }, false],
    [{ field: 'urgency', op: 'in', value: ['urgent', 'very_urgent'] }, true],
    [{ field: 'confidentiality', op: 'in', value: ['confidential'] }, false],
    [{ field: 'start', op: 'gte', value: '2026-12-14' }, true],
    [{ field: 'start', op: 'eq', value: '2026-12-14' }, true],
    [{ field: 'agreed', op: 'truthy' }, true],
    [{ field: 'title', op: 'truthy' }, false],
    [{ field: 'attachments', op: 'truthy' }, false],
  ])('%j → %s', (condition, expected) => {
    expect(evaluateCondition(condition, values)).toBe(expected);
  });

  it('is false for comparisons with a missing value, and ne is true', () => {
    expect(evaluateCondition({ field: 'budget', op: 'gt', value: 0 }, values)).toBe(false);
    expect(evaluateCondition({ field: 'budget', op: 'lte', value: 0 }, values)).toBe(false);
    expect(evaluateCondition({ field: 'budget', op: 'eq', value: 0 }, values)).toBe(false);
    expect(evaluateCondition({ field: 'budget', op: 'in', value: [0] }, values)).toBe(false);
    expect(evaluateCondition({ field: 'budget', op: 'truthy' }, values)).toBe(false);
    expect(evaluateCondition({ field: 'budget', op: 'ne', value: 0 }, values)).toBe(true);
  });

  it('never compares a number with a string', () => {
    expect(evaluateCondition({ field: 'working_days', op: 'gt', value: '3' }, values)).toBe(false);
    expect(evaluateCondition({ field: 'urgency', op: 'lt', value: 3 }, values)).toBe(false);
  });

  it('combines with any, all and not', () => {
    const urgentOrConfidential = {
      any: [
        { field: 'urgency', op: 'in' as const, value: ['urgent', 'very_urgent'] },
        { field: 'confidentiality', op: 'eq' as const, value: 'confidential' },
      ],
    };
    expect(evaluateCondition(urgentOrConfidential, values)).toBe(true);
    expect(evaluateCondition(urgentOrConfidential, { ...values, urgency: 'normal' })).toBe(false);
    expect(
      evaluateCondition(urgentOrConfidential, {
        ...values,
        urgency: 'normal',
        confidentiality: 'confidential',
      }),
    ).toBe(true);
    const both = {
      all: [
        { field: 'working_days', op: 'gt' as const, value: 3 },
        { field: 'agreed', op: 'truthy' as const },
      ],
    };
    expect(evaluateCondition(both, values)).toBe(true);
    expect(evaluateCondition(both, { ...values, agreed: false })).toBe(false);
    expect(evaluateCondition({ not: both }, { ...values, agreed: false })).toBe(true);
  });
});
