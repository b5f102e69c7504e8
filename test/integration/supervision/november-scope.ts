import type { IndicatorScope } from '../../../src/domain/supervision/store';

/**
 * The indicator tests' period: November 2026 in Taipei, 09:00–18:00 Monday to Friday, the whole
 * organisation, seen on 5 December.
 */
export const novemberScope = (overrides: Partial<IndicatorScope> = {}): IndicatorScope => ({
  fromDate: '2026-11-01',
  toDate: '2026-12-01',
  departmentIds: null,
  calendar: {
    timeZone: 'Asia/Taipei',
    dayStartMinute: 540,
    dayEndMinute: 1080,
    workingDays: [1, 2, 3, 4, 5],
  },
  now: new Date('2026-12-05T02:00:00Z'),
  ...overrides,
});
