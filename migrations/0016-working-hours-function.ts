import type { Migration } from '../src/db/migrator';

/**
 * Working time between two instants, in hours, as SQL: what domain/workflows/work-calendar.ts
 * `workingHoursBetween` computes, so the supervision indicators (turnaround, SLA) are computed in
 * the database from the records, and agree with the deadlines the engine set (a test compares the
 * two). Each working day's window is built from its local wall-clock times in `tz`, so a day across
 * a daylight-saving change still runs from day_start to day_end local time; holidays are the
 * `holidays` table's dates; a day_end of 1440 minutes is the next local midnight.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    CREATE FUNCTION working_hours_between(
      from_ts timestamptz, to_ts timestamptz, tz text, day_start_min int, day_end_min int, workdays int[]
    ) RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT COALESCE(SUM(EXTRACT(EPOCH FROM (LEAST(to_ts, w.w_end) - GREATEST(from_ts, w.w_start)))), 0) / 3600.0
      FROM (
        SELECT (d + make_interval(mins => day_start_min)) AT TIME ZONE tz AS w_start,
               CASE WHEN day_end_min >= 1440 THEN (d + interval '1 day') AT TIME ZONE tz
                    ELSE (d + make_interval(mins => day_end_min)) AT TIME ZONE tz END AS w_end
        FROM generate_series((from_ts AT TIME ZONE tz)::date::timestamp,
                             (to_ts AT TIME ZONE tz)::date::timestamp, interval '1 day') AS d
        WHERE to_ts > from_ts
          AND EXTRACT(DOW FROM d)::int = ANY (workdays)
          AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.date = d::date)
      ) w
      WHERE w.w_end > from_ts AND w.w_start < to_ts
    $$`);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(
    'DROP FUNCTION working_hours_between(timestamptz, timestamptz, text, int, int, int[])',
  );
};
