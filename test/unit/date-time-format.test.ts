import { dateTimeFormat, isoDateIn } from '../../src/date-time-format';

const STYLE: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const at = new Date('2026-12-31T17:30:00Z');

describe('shared date formatters', () => {
  it('gives one formatter per style, locale and zone, formatting as a new one would', () => {
    const taipei = dateTimeFormat(STYLE, 'en-GB', 'Asia/Taipei');
    expect(dateTimeFormat(STYLE, 'en-GB', 'Asia/Taipei')).toBe(taipei);
    expect(taipei.format(at)).toBe(
      new Intl.DateTimeFormat('en-GB', { ...STYLE, timeZone: 'Asia/Taipei' }).format(at),
    );
    expect(taipei.format(at)).toBe('01:30');
    expect(dateTimeFormat(STYLE, 'en-GB', 'Europe/London').format(at)).toBe('17:30');
    expect(dateTimeFormat(STYLE, 'zh-TW', 'Asia/Taipei')).not.toBe(taipei);
    // Another style object with the same options is another style: the cache is keyed by identity.
    expect(dateTimeFormat({ ...STYLE }, 'en-GB', 'Asia/Taipei')).not.toBe(taipei);
  });

  it('refuses an unknown zone every time, as the constructor does', () => {
    expect(() => dateTimeFormat(STYLE, 'en-GB', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dateTimeFormat(STYLE, 'en-GB', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('keeps at most 500 locale and zone pairs per style, dropping the oldest', () => {
    const style: Intl.DateTimeFormatOptions = { hour: 'numeric' };
    const first = dateTimeFormat(style, 'en-GB', 'UTC');
    const pairs = ['en', 'fr'].flatMap((locale) =>
      Intl.supportedValuesOf('timeZone').map((zone) => [locale, zone] as const),
    );
    for (const [locale, zone] of pairs.slice(0, 499)) dateTimeFormat(style, locale, zone);
    const [locale, zone] = pairs[498]!;
    const latest = dateTimeFormat(style, locale, zone);
    expect(dateTimeFormat(style, 'en-GB', 'UTC')).toBe(first); // 500 pairs: all kept
    dateTimeFormat(style, ...pairs[499]!);
    expect(dateTimeFormat(style, locale, zone)).toBe(latest);
    expect(dateTimeFormat(style, 'en-GB', 'UTC')).not.toBe(first);
  });

  it('writes calendar dates in the zone', () => {
    expect(isoDateIn(at, 'Asia/Taipei')).toBe('2027-01-01');
    expect(isoDateIn(at, 'America/New_York')).toBe('2026-12-31');
  });
});
