import {
  dueMonthlyReport,
  firstWorkingDay,
  previousMonth,
} from '../../../../src/domain/supervision/monthly-report';

const schedule = { timeZone: 'Asia/Taipei', workingDays: [1, 2, 3, 4, 5], at: '09:00' };
const holidays = (dates: string[]) => async () => new Set(dates);

describe('the monthly report’s day', () => {
  it('is the month’s first working day, skipping weekends and holidays', () => {
    expect(firstWorkingDay('2026-12', [1, 2, 3, 4, 5], new Set())).toBe('2026-12-01');
    // 1 January 2027 is a Friday and a holiday; the 2nd and 3rd are a weekend.
    expect(firstWorkingDay('2027-01', [1, 2, 3, 4, 5], new Set(['2027-01-01']))).toBe('2027-01-04');
    expect(firstWorkingDay('2026-11', [1, 2, 3, 4, 5], new Set())).toBe('2026-11-02');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });

  it('is due from 09:00 local time until that day ends, for the month before', async () => {
    const due = (iso: string, dates: string[] = []) =>
      dueMonthlyReport(new Date(iso), schedule, holidays(dates));
    expect(await due('2027-01-04T08:59:00+08:00', ['2027-01-01'])).toBeNull();
    expect(await due('2027-01-04T09:00:00+08:00', ['2027-01-01'])).toBe('2026-12');
    expect(await due('2027-01-04T23:59:00+08:00', ['2027-01-01'])).toBe('2026-12');
    expect(await due('2027-01-01T10:00:00+08:00', ['2027-01-01'])).toBeNull();
    expect(await due('2027-01-05T10:00:00+08:00', ['2027-01-01'])).toBeNull();
    // 01:30 UTC on 1 December is 09:30 in Taipei.
    expect(await due('2026-12-01T01:30:00Z')).toBe('2026-11');
  });
});
