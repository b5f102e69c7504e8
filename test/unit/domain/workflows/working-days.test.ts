import type { HalfDayDate } from '../../../../src/domain/workflows/model';
import {
  addDays,
  isIsoDate,
  isOrderedRange,
  isWeekend,
  rangesOverlap,
  todayIn,
  workingDays,
} from '../../../../src/domain/workflows/working-days';

const d = (date: string, part: HalfDayDate['part'] = 'full'): HalfDayDate => ({ date, part });
const none = new Set<string>();

// 2026-12-21 is a Monday; 2026-12-25 (Friday) is Constitution Day.
describe('working days', () => {
  it('counts a whole working week as five and skips the weekend', () => {
    expect(workingDays(d('2026-12-14'), d('2026-12-18'), none)).toBe(5);
    expect(workingDays(d('2026-12-14'), d('2026-12-20'), none)).toBe(5);
    expect(workingDays(d('2026-12-12'), d('2026-12-13'), none)).toBe(0);
    expect(workingDays(d('2026-12-11'), d('2026-12-14'), none)).toBe(2);
  });

  it('skips holidays', () => {
    expect(workingDays(d('2026-12-21'), d('2026-12-25'), new Set(['2026-12-25']))).toBe(4);
    expect(workingDays(d('2026-12-25'), d('2026-12-25'), new Set(['2026-12-25']))).toBe(0);
    // Across the new year with New Year's Day off: Thursday 31st and Monday 4th.
    expect(workingDays(d('2026-12-31'), d('2027-01-04'), new Set(['2027-01-01']))).toBe(2);
  });

  it('counts half days at either end', () => {
    expect(workingDays(d('2026-12-14', 'pm'), d('2026-12-18'), none)).toBe(4.5);
    expect(workingDays(d('2026-12-14'), d('2026-12-18', 'am'), none)).toBe(4.5);
    expect(workingDays(d('2026-12-14', 'pm'), d('2026-12-18', 'am'), none)).toBe(4);
    // Friday afternoon to Monday morning is one day, the weekend between costs nothing.
    expect(workingDays(d('2026-12-18', 'pm'), d('2026-12-21', 'am'), none)).toBe(1);
    // A start "in the morning" or an end "in the afternoon" is the same as the whole day there.
    expect(workingDays(d('2026-12-14', 'am'), d('2026-12-14', 'pm'), none)).toBe(1);
  });

  it('counts a single day by its parts', () => {
    expect(workingDays(d('2026-12-14'), d('2026-12-14'), none)).toBe(1);
    expect(workingDays(d('2026-12-14', 'am'), d('2026-12-14', 'am'), none)).toBe(0.5);
    expect(workingDays(d('2026-12-14', 'pm'), d('2026-12-14', 'pm'), none)).toBe(0.5);
    expect(workingDays(d('2026-12-14', 'full'), d('2026-12-14', 'am'), none)).toBe(0.5);
    expect(workingDays(d('2026-12-14', 'pm'), d('2026-12-14', 'full'), none)).toBe(0.5);
    // Half a holiday or half a Saturday is still nothing.
    expect(workingDays(d('2026-12-25', 'pm'), d('2026-12-25', 'pm'), new Set(['2026-12-25']))).toBe(0);
    expect(workingDays(d('2026-12-19', 'am'), d('2026-12-19', 'am'), none)).toBe(0);
  });

  it('treats an end before the start as an empty range', () => {
    expect(isOrderedRange(d('2026-12-15'), d('2026-12-14'))).toBe(false);
    expect(isOrderedRange(d('2026-12-14', 'pm'), d('2026-12-14', 'am'))).toBe(false);
    expect(isOrderedRange(d('2026-12-14', 'am'), d('2026-12-14', 'am'))).toBe(true);
    expect(workingDays(d('2026-12-15'), d('2026-12-14'), none)).toBe(0);
  });

  it('finds overlaps to the half day', () => {
    const mondayPmToTuesdayAm = { start: d('2026-12-14', 'pm'), end: d('2026-12-15', 'am') };
    expect(rangesOverlap(mondayPmToTuesdayAm, { start: d('2026-12-15', 'pm'), end: d('2026-12-16') })).toBe(
      false,
    );
    expect(
      rangesOverlap(mondayPmToTuesdayAm, { start: d('2026-12-15', 'am'), end: d('2026-12-15', 'am') }),
    ).toBe(true);
    expect(
      rangesOverlap(mondayPmToTuesdayAm, { start: d('2026-12-14', 'am'), end: d('2026-12-14', 'am') }),
    ).toBe(false);
    expect(rangesOverlap(mondayPmToTuesdayAm, { start: d('2026-12-10'), end: d('2026-12-20') })).toBe(true);
  });
});

describe('calendar dates', () => {
  it('accepts only real dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2026-12-14')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('14/12/2026')).toBe(false);
    expect(isIsoDate('2026-12-14T00:00:00Z')).toBe(false);
  });

  it('adds days across months and years, and knows weekends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isWeekend('2026-12-19')).toBe(true);
    expect(isWeekend('2026-12-20')).toBe(true);
    expect(isWeekend('2026-12-21')).toBe(false);
  });

  it('says what day it is in a time zone', () => {
    const instant = new Date('2026-12-31T20:00:00Z');
    expect(todayIn('Asia/Taipei', instant)).toBe('2027-01-01');
    expect(todayIn('UTC', instant)).toBe('2026-12-31');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-12-31');
  });
});
