import { isoDateIn } from '../../date-time-format';
import type { HalfDayDate, HalfDayPart } from './model';

/**
 * Date arithmetic on calendar dates (YYYY-MM-DD), never on instants, so time zones and daylight
 * saving cannot shift a day. A range of half days is counted in half-day slots: every date has a
 * morning slot and an afternoon slot; a start in the afternoon skips the morning of the first day
 * and an end in the morning skips the afternoon of the last day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const HALF_DAY_PARTS: readonly HalfDayPart[] = ['full', 'am', 'pm'];

/** A real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

/** Days since 1970-01-01 of a valid ISO date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The first half-day slot a range starting here covers. */
export function startSlot(start: HalfDayDate): number {
  return dayNumber(start.date) * 2 + (start.part === 'pm' ? 1 : 0);
}

/** The last half-day slot a range ending here covers. */
export function endSlot(end: HalfDayDate): number {
  return dayNumber(end.date) * 2 + (end.part === 'am' ? 0 : 1);
}

/** False when the range is empty: the end comes before the start (same-day PM → AM included). */
export function isOrderedRange(start: HalfDayDate, end: HalfDayDate): boolean {
  return endSlot(end) >= startSlot(start);
}

export function rangesOverlap(
  a: { start: HalfDayDate; end: HalfDayDate },
  b: { start: HalfDayDate; end: HalfDayDate },
): boolean {
  return startSlot(a.start) <= endSlot(b.end) && startSlot(b.start) <= endSlot(a.end);
}

/**
 * Working days in [start, end]: weekdays that are not holidays, in steps of 0.5.
 * An unordered range counts 0.
 */
export function workingDays(start: HalfDayDate, end: HalfDayDate, holidays: ReadonlySet<string>): number {
  const first = startSlot(start);
  const last = endSlot(end);
  let halves = 0;
  for (let slot = first; slot <= last; slot++) {
    const date = dateFromDayNumber(Math.floor(slot / 2));
    if (!isWeekend(date) && !holidays.has(date)) halves++;
  }
  return halves / 2;
}

/** The calendar date now in a time zone (YYYY-MM-DD). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isoDateIn(now, timeZone);
}
