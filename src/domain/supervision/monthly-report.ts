/**
 * The monthly report (issue 16): on the first working day of each month, from 09:00 in the
 * organisation's zone until that day ends, each department head gets their department's report
 * for the month before, and the supervisors and admins the whole organisation's (the report
 * service decides which from the reader's roles). A recipient is claimed before the send
 * (`MonthlyReportSends`), so replicas and restarts send each one once.
 */

export type { MonthlyRecipient, MonthlyReportSends } from './store';

export interface MonthlySchedule {
  timeZone: string;
  /** Working weekdays as WORK_DAYS gives them: 0 = Sunday … 6 = Saturday. */
  workingDays: readonly number[];
  /** "HH:MM" local time from which the report goes out. */
  at: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date ("YYYY-MM-DD") and minutes after midnight of `now` in `timeZone`. */
export function localClock(now: Date, timeZone: string): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The month's first day that is a working day and not a holiday. */
export function firstWorkingDay(
  month: string,
  workingDays: readonly number[],
  holidays: ReadonlySet<string>,
): string | null {
  for (let day = 1; day <= 28; day += 1) {
    const date = `${month}-${pad(day)}`;
    if (workingDays.includes(weekday(date)) && !holidays.has(date)) return date;
  }
  return null;
}

/** The month before `month` ("2026-01" → "2025-12"). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/**
 * The month whose report is due at `now` (the month before), or null: it is due on the first
 * working day of the month from `schedule.at` until the day ends.
 */
export async function dueMonthlyReport(
  now: Date,
  schedule: MonthlySchedule,
  holidays: (from: string, to: string) => Promise<Set<string>>,
): Promise<string | null> {
  const { date, minutes } = localClock(now, schedule.timeZone);
  const [hh, mm] = schedule.at.split(':').map(Number) as [number, number];
  if (minutes < hh * 60 + mm) return null;
  const month = date.slice(0, 7);
  // Only the first four weeks can hold the first working day; no holiday read after them.
  if (Number(date.slice(8)) > 28) return null;
  const first = firstWorkingDay(month, schedule.workingDays, await holidays(`${month}-01`, `${month}-28`));
  return first === date ? previousMonth(month) : null;
}
