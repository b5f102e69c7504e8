import {
  addWorkingHours,
  calendarOf,
  DEFAULT_CALENDAR,
  instantOf,
  isWithinWorkingHours,
  localParts,
  nextWorkingMoment,
  workingHoursBetween,
} from '../../../../src/domain/workflows/work-calendar';

const taipei = (holidays: string[] = []) => calendarOf(DEFAULT_CALENDAR, 'Asia/Taipei', new Set(holidays));
const at = (iso: string) => new Date(iso);

describe('work calendar', () => {
  it('maps local wall-clock times to instants, DST included', () => {
    expect(instantOf('2026-03-02', 9 * 60, 'Asia/Taipei').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    // New York: EST (-5) before 2026-03-08, EDT (-4) after.
    expect(instantOf('2026-03-06', 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-06T14:00:00.000Z',
    );
    expect(instantOf('2026-03-09', 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    // 02:30 does not exist on the spring-forward day: it is read as 03:30 EDT.
    expect(instantOf('2026-03-08', 150, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localParts(at('2026-03-02T01:00:00Z'), 'Asia/Taipei')).toEqual({
      date: '2026-03-02',
      minute: 540,
    });
  });

  it('adds working hours within a day and across the evening', () => {
    // Monday 2026-03-02 10:00 Taipei + 4 h → 14:00 the same day.
    expect(addWorkingHours(at('2026-03-02T02:00:00Z'), 4, taipei()).toISOString()).toBe(
      '2026-03-02T06:00:00.000Z',
    );
    // Monday 16:00 + 4 h → 2 h left on Monday, Tuesday 11:00.
    expect(addWorkingHours(at('2026-03-02T08:00:00Z'), 4, taipei()).toISOString()).toBe(
      '2026-03-03T03:00:00.000Z',
    );
    // Ending exactly at 18:00 stays on that day.
    expect(addWorkingHours(at('2026-03-02T01:00:00Z'), 9, taipei()).toISOString()).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });

  it('skips weekends and holidays, and starts a request sent at night on the next morning', () => {
    // Friday 2026-03-06 17:00 + 16 h → 1 h Fri, 9 h Mon, 6 h Tue → Tue 15:00.
    expect(addWorkingHours(at('2026-03-06T09:00:00Z'), 16, taipei()).toISOString()).toBe(
      '2026-03-10T07:00:00.000Z',
    );
    // Same with Monday a holiday → Wed 15:00.
    expect(addWorkingHours(at('2026-03-06T09:00:00Z'), 16, taipei(['2026-03-09'])).toISOString()).toBe(
      '2026-03-11T07:00:00.000Z',
    );
    // Saturday 23:00 + 2 h → Monday 11:00.
    expect(addWorkingHours(at('2026-03-07T15:00:00Z'), 2, taipei()).toISOString()).toBe(
      '2026-03-09T03:00:00.000Z',
    );
  });

  it('counts local working hours across a daylight-saving change', () => {
    const ny = calendarOf(DEFAULT_CALENDAR, 'America/New_York');
    // Friday 2026-03-06 17:00 EST + 2 h → Monday 10:00 EDT (14:00Z), not 11:00.
    expect(addWorkingHours(at('2026-03-06T22:00:00Z'), 2, ny).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    // Autumn: Friday 2026-10-30 17:00 EDT + 2 h → Monday 2026-11-02 10:00 EST (15:00Z).
    expect(addWorkingHours(at('2026-10-30T21:00:00Z'), 2, ny).toISOString()).toBe('2026-11-02T15:00:00.000Z');
    expect(workingHoursBetween(at('2026-03-06T22:00:00Z'), at('2026-03-09T14:00:00Z'), ny)).toBeCloseTo(2);
  });

  it('defers quiet hours to the next working morning in the person’s own time zone', () => {
    const ny = calendarOf(DEFAULT_CALENDAR, 'America/New_York');
    // Tuesday 2026-03-10 02:00Z is 10:00 in Taipei (working) but 22:00 Monday in New York.
    const moment = at('2026-03-10T02:00:00Z');
    expect(isWithinWorkingHours(moment, taipei())).toBe(true);
    expect(nextWorkingMoment(moment, taipei()).toISOString()).toBe(moment.toISOString());
    expect(nextWorkingMoment(moment, ny).toISOString()).toBe('2026-03-10T13:00:00.000Z');
    // Friday evening in Taipei → Monday 09:00 Taipei.
    expect(nextWorkingMoment(at('2026-03-06T12:00:00Z'), taipei()).toISOString()).toBe(
      '2026-03-09T01:00:00.000Z',
    );
  });

  it('supports a round-the-clock calendar and refuses an empty day', () => {
    const always = calendarOf(
      { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
      'UTC',
    );
    expect(addWorkingHours(at('2026-03-07T23:30:00Z'), 1, always).toISOString()).toBe(
      '2026-03-08T00:30:00.000Z',
    );
    expect(() => calendarOf({ workingDays: [1], dayStart: '18:00', dayEnd: '09:00' }, 'UTC')).toThrow();
  });
});
