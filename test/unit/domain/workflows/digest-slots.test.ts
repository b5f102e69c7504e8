import {
  dailyDigestDate,
  digestSlot,
  weeklySummaryDate,
} from '../../../../src/domain/workflows/digest-slots';
import { calendarOf, DEFAULT_CALENDAR } from '../../../../src/domain/workflows/work-calendar';

/** When digests are due: each approver's morning on their working days; the org's weekday for the summary. */
describe('daily digest time', () => {
  const taipei = calendarOf(DEFAULT_CALENDAR, 'Asia/Taipei', new Set(['2026-10-12']));
  // 2026-10-14 is a Wednesday; Taipei is UTC+8 all year.
  it('is due from the digest time until the end of the working day, in the approver’s zone', () => {
    expect(dailyDigestDate(new Date('2026-10-14T00:29:00Z'), taipei, '08:30')).toBeNull();
    expect(dailyDigestDate(new Date('2026-10-14T00:30:00Z'), taipei, '08:30')).toBe('2026-10-14');
    expect(dailyDigestDate(new Date('2026-10-14T09:59:00Z'), taipei, '08:30')).toBe('2026-10-14');
    expect(dailyDigestDate(new Date('2026-10-14T10:00:00Z'), taipei, '08:30')).toBeNull();
  });

  it('names the local date, not the UTC one', () => {
    // 23:00 UTC on the 13th is 07:00 on the 14th in Taipei.
    expect(dailyDigestDate(new Date('2026-10-13T23:00:00Z'), taipei, '07:00')).toBe('2026-10-14');
  });

  it('skips weekends and holidays', () => {
    expect(dailyDigestDate(new Date('2026-10-17T02:00:00Z'), taipei, '08:30')).toBeNull(); // Saturday
    expect(dailyDigestDate(new Date('2026-10-12T02:00:00Z'), taipei, '08:30')).toBeNull(); // holiday
  });

  it('follows daylight-saving time in the approver’s zone', () => {
    const newYork = calendarOf(DEFAULT_CALENDAR, 'America/New_York');
    // 08:30 EDT (UTC-4) in October, 08:30 EST (UTC-5) in November.
    expect(dailyDigestDate(new Date('2026-10-14T12:30:00Z'), newYork, '08:30')).toBe('2026-10-14');
    expect(dailyDigestDate(new Date('2026-11-11T12:30:00Z'), newYork, '08:30')).toBeNull();
    expect(dailyDigestDate(new Date('2026-11-11T13:30:00Z'), newYork, '08:30')).toBe('2026-11-11');
  });
});

describe('weekly summary time', () => {
  it('is due on the weekday from the time until midnight, in the organisation’s zone', () => {
    const monday = { day: 1, at: '09:00' };
    expect(weeklySummaryDate(new Date('2026-10-19T00:59:00Z'), 'Asia/Taipei', monday)).toBeNull();
    expect(weeklySummaryDate(new Date('2026-10-19T01:00:00Z'), 'Asia/Taipei', monday)).toBe('2026-10-19');
    expect(weeklySummaryDate(new Date('2026-10-19T15:59:00Z'), 'Asia/Taipei', monday)).toBe('2026-10-19');
    expect(weeklySummaryDate(new Date('2026-10-19T16:00:00Z'), 'Asia/Taipei', monday)).toBeNull(); // Tuesday there
  });
});

describe('digest slot', () => {
  it('is the same for every instant of a slot and changes with the next', () => {
    const at = new Date('2026-10-14T00:30:00Z');
    expect(digestSlot(new Date(at.getTime() + 299_000), 5)).toBe(digestSlot(at, 5));
    expect(digestSlot(new Date(at.getTime() + 300_000), 5)).toBe(digestSlot(at, 5) + 1);
  });
});
