import { QueryTypes } from 'sequelize';
import { dayOf, fastHours, WITH_SCOPE } from '../../../src/db/repositories/indicator-rows';
import { calendarOf, workingHoursBetween } from '../../../src/domain/workflows/work-calendar';
import { useTestDatabase } from '../../support/database';

/**
 * The SQL working-hours function the indicators use agrees with the engine's own
 * workingHoursBetween, for random intervals, in a zone with daylight saving and one without,
 * across the holidays of the database.
 */

const db = useTestDatabase();

/** A deterministic pseudo-random sequence (so a failure can be replayed). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('working_hours_between (SQL) = workingHoursBetween (TypeScript)', () => {
  it.each([
    ['Asia/Taipei', '09:00', '18:00', [1, 2, 3, 4, 5]],
    ['America/New_York', '08:30', '17:00', [1, 2, 3, 4, 5]],
    ['Europe/London', '00:00', '24:00', [0, 1, 2, 3, 4, 5, 6]],
  ])('in %s, %s–%s', async (timeZone, dayStart, dayEnd, workingDays) => {
    const holidayRows = await db.sequelize.query<{ date: string }>(
      "SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays",
      {
        type: QueryTypes.SELECT,
      },
    );
    const calendar = calendarOf(
      { workingDays, dayStart, dayEnd },
      timeZone,
      new Set(holidayRows.map((row) => row.date)),
    );
    const next = random(42);
    const start = Date.UTC(2026, 0, 1);
    const pairs = Array.from({ length: 300 }, () => {
      const from = start + Math.floor(next() * 400 * 86_400_000);
      return [new Date(from), new Date(from + Math.floor(next() * 30 * 86_400_000) - 86_400_000)] as const;
    });
    const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
    const rows = await db.sequelize.query<{ hours: number }>(
      `SELECT working_hours_between(p.f, p.t, $1, $2, $3, $4::int[]) AS hours
       FROM unnest($5::timestamptz[], $6::timestamptz[]) WITH ORDINALITY AS p(f, t, n) ORDER BY p.n`,
      {
        bind: [
          timeZone,
          minutes(dayStart),
          minutes(dayEnd),
          workingDays,
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        ],
        type: QueryTypes.SELECT,
      },
    );
    const differences = pairs
      .map(([from, to], i) => ({
        from,
        to,
        sql: rows[i]!.hours,
        ts: workingHoursBetween(from, to, calendar),
      }))
      .filter((row) => Math.abs(row.sql - row.ts) > 1e-6);
    expect(differences).toEqual([]);
    // The sample is not trivial: some intervals are long, some empty.
    expect(rows.some((row) => row.hours > 40)).toBe(true);
    expect(rows.some((row) => row.hours === 0)).toBe(true);
  });

  it.each([
    ['Asia/Taipei', 540, 1080, [1, 2, 3, 4, 5]],
    ['America/New_York', 510, 1020, [1, 2, 3, 4, 5]],
    ['Europe/London', 0, 1440, [0, 1, 2, 3, 4, 5, 6]],
  ])(
    'the reports’ calendar look-up gives the same hours in %s',
    async (timeZone, dayStart, dayEnd, workingDays) => {
      // Intervals through 2026 (both daylight-saving changes), some ending before they start; the
      // period is November 2026, so the calendar spans 2024-11 to the day after now.
      const rows = await db.sequelize.query<{ fast: number; slow: number }>(
        `${WITH_SCOPE}
       SELECT ${fastHours('x.f', 'x.t', 'h1', 'h2')} AS fast,
              working_hours_between(x.f, x.t, p.tz, p.day_start, p.day_end, p.workdays) AS slow
       FROM p, (SELECT timestamptz '2026-01-01 00:00Z' + make_interval(mins => (g * 7919) % 525600) AS f,
                       timestamptz '2026-01-01 00:00Z' + make_interval(mins => (g * 7919) % 525600)
                         + make_interval(mins => (g * 104729) % 43200 - 1440) AS t
                FROM generate_series(1, 400) g) x
       ${dayOf('h1', 'x.f')} ${dayOf('h2', 'x.t')}`,
        {
          bind: [
            '2026-11-01',
            '2026-12-01',
            timeZone,
            null,
            dayStart,
            dayEnd,
            workingDays,
            new Date('2026-12-05T02:00:00Z'),
            null,
          ],
          type: QueryTypes.SELECT,
        },
      );
      expect(rows.filter((row) => Math.abs(row.fast - row.slow) > 1e-6)).toEqual([]);
      expect(rows.some((row) => row.slow > 40)).toBe(true);
    },
  );
});
