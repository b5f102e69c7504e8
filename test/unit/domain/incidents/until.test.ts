import { untilInstant } from '../../../../src/domain/incidents/maintenance.service';
import { parseSeverity } from '../../../../src/domain/incidents/model';

const TAIPEI = 'Asia/Taipei'; // UTC+8, no summer time

describe('untilInstant', () => {
  const now = new Date('2026-12-06T01:00:00Z'); // 09:00 in Taipei

  it('reads a clock time as the next one in the organisation’s zone', () => {
    expect(untilInstant({ kind: 'clock', minute: 18 * 60 }, now, TAIPEI).toISOString()).toBe(
      '2026-12-06T10:00:00.000Z',
    );
    // 08:00 has passed today in Taipei: tomorrow's.
    expect(untilInstant({ kind: 'clock', minute: 8 * 60 }, now, TAIPEI).toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    );
  });

  it('reads a date and time in the zone, and a duration from now', () => {
    expect(
      untilInstant({ kind: 'datetime', date: '2026-12-06', minute: 18 * 60 }, now, TAIPEI).toISOString(),
    ).toBe('2026-12-06T10:00:00.000Z');
    expect(untilInstant({ kind: 'duration', seconds: 7200 }, now, TAIPEI).toISOString()).toBe(
      '2026-12-06T03:00:00.000Z',
    );
  });
});

describe('parseSeverity', () => {
  it('knows the words of both languages and nothing else', () => {
    expect(parseSeverity('Critical')).toBe('sev1');
    expect(parseSeverity('二級')).toBe('sev2');
    expect(parseSeverity('sev_3')).toBe('sev3');
    expect(parseSeverity('sev4')).toBeUndefined();
    expect(parseSeverity('')).toBeUndefined();
  });
});
