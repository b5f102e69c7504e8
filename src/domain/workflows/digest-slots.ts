import { isWorkingDate, localParts, minutesOf, type WorkCalendar } from './work-calendar';
import { dayNumber } from './working-days';

/**
 * When digests are due, as pure functions of an instant. The scheduler asks every few minutes
 * "whose digest is due now?"; the answer names a local date, and PostgreSQL remembers per person
 * and date that it was sent, so asking again (another replica, a replayed job) sends nothing new.
 */

/**
 * The approver's local date when their daily digest is due at `now`: a working day of their
 * calendar (their zone, the organisation's working days and holidays), from `dailyAt` until the
 * end of their working day. A digest missed until then (the app was down) is not sent late in
 * the evening: null.
 */
export function dailyDigestDate(now: Date, calendar: WorkCalendar, dailyAt: string): string | null {
  const { date, minute } = localParts(now, calendar.timeZone);
  if (!isWorkingDate(date, calendar)) return null;
  const from = minutesOf(dailyAt);
  const until = Math.max(calendar.dayEndMinute, from + 60);
  return minute >= from && minute < until ? date : null;
}

/**
 * The organisation's local date when the weekly summary is due at `now`: the configured weekday,
 * from the configured time to midnight (holidays included: admins still want the week's picture).
 */
export function weeklySummaryDate(
  now: Date,
  timeZone: string,
  weekly: { day: number; at: string },
): string | null {
  const { date, minute } = localParts(now, timeZone);
  const weekday = (((dayNumber(date) + 4) % 7) + 7) % 7;
  return weekday === weekly.day && minute >= minutesOf(weekly.at) ? date : null;
}

/** The time slot of a check (same on every replica): its job id makes N replicas enqueue it once. */
export const digestSlot = (now: Date, everyMinutes: number): number =>
  Math.floor(now.getTime() / (everyMinutes * 60_000));
