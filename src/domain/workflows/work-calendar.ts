import { dateTimeFormat } from '../../date-time-format';
import { addDays, dayNumber } from './working-days';

/**
 * Working time as pure functions of instants. A calendar is a time zone, the working weekdays,
 * the working hours (minutes after local midnight) and the holidays (YYYY-MM-DD in that zone).
 * Every day's window is computed from its local wall-clock times, so an SLA counted across a
 * daylight-saving change still starts at 09:00 and stops at 18:00 local time.
 */
export interface WorkCalendar {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday. */
  workingDays: readonly number[];
  /** Minutes after local midnight: start inclusive, end exclusive (1440 = midnight). */
  dayStartMinute: number;
  dayEndMinute: number;
  holidays: ReadonlySet<string>;
}

export interface CalendarSettings {
  workingDays: readonly number[];
  /** "HH:MM" */
  dayStart: string;
  /** "HH:MM" (24:00 allowed) */
  dayEnd: string;
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '18:00',
};

const HOUR_MS = 3_600_000;
const MAX_DAYS_SEARCHED = 3700;

export function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || Number(match[2]) > 59) throw new Error(`not a time of day: ${hhmm}`);
  return minutes;
}

export function calendarOf(
  settings: CalendarSettings,
  timeZone: string,
  holidays: ReadonlySet<string> = new Set(),
): WorkCalendar {
  const dayStartMinute = minutesOf(settings.dayStart);
  const dayEndMinute = minutesOf(settings.dayEnd);
  if (dayEndMinute <= dayStartMinute) throw new Error('the working day must end after it starts');
  return { timeZone, workingDays: settings.workingDays, dayStartMinute, dayEndMinute, holidays };
}

const LOCAL_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
};
const formatterOf = (timeZone: string) => dateTimeFormat(LOCAL_PARTS, 'en-US', timeZone);

/** The local calendar date (YYYY-MM-DD) and the minutes after local midnight of an instant. */
export function localParts(at: Date, timeZone: string): { date: string; minute: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60,
  };
}

/** UTC offset of a zone at an instant, in ms (local = utc + offset). */
function offsetAt(at: number, timeZone: string): number {
  const { date, minute } = localParts(new Date(at), timeZone);
  const localAsUtc = dayNumber(date) * 86_400_000 + Math.round(minute * 60_000);
  return localAsUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time. A time skipped by a spring-forward change maps to the
 * same distance after the change (02:30 → 03:30); a repeated time maps to its first occurrence.
 */
export function instantOf(date: string, minute: number, timeZone: string): Date {
  const localAsUtc = dayNumber(date) * 86_400_000 + minute * 60_000;
  // The offsets half a day before and after cover any change on that day.
  const readings = [localAsUtc - 12 * HOUR_MS, localAsUtc + 12 * HOUR_MS].map((probe) => {
    const offset = offsetAt(probe, timeZone);
    const instant = localAsUtc - offset;
    return { instant, consistent: offsetAt(instant, timeZone) === offset };
  }) as [{ instant: number; consistent: boolean }, { instant: number; consistent: boolean }];
  const consistent = readings.filter((reading) => reading.consistent).map((reading) => reading.instant);
  // In a gap no reading is consistent: the offset before the change gives "as far after it".
  return new Date(consistent.length > 0 ? Math.min(...consistent) : readings[0].instant);
}

const weekdayOf = (date: string) => (((dayNumber(date) + 4) % 7) + 7) % 7;

export function isWorkingDate(date: string, calendar: WorkCalendar): boolean {
  return calendar.workingDays.includes(weekdayOf(date)) && !calendar.holidays.has(date);
}

/**
 * Each calendar's working window of a local date, computed once: a reconciliation plans the same
 * few days for thousands of tasks, and every window costs several time-zone conversions.
 */
const windowsByCalendar = new WeakMap<WorkCalendar, Map<string, readonly [number, number] | null>>();

function windowOf(date: string, calendar: WorkCalendar): readonly [number, number] | null {
  let windows = windowsByCalendar.get(calendar);
  if (!windows) {
    windows = new Map();
    windowsByCalendar.set(calendar, windows);
  }
  let window = windows.get(date);
  if (window === undefined) {
    window = isWorkingDate(date, calendar)
      ? [
          instantOf(date, calendar.dayStartMinute, calendar.timeZone).getTime(),
          calendar.dayEndMinute >= 1440
            ? instantOf(addDays(date, 1), 0, calendar.timeZone).getTime()
            : instantOf(date, calendar.dayEndMinute, calendar.timeZone).getTime(),
        ]
      : null;
    windows.set(date, window);
  }
  return window;
}

/** Working windows [start, end) from the local day of `from` onwards. */
function* windowsFrom(from: Date, calendar: WorkCalendar): Generator<readonly [number, number]> {
  let date = localParts(from, calendar.timeZone).date;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, date = addDays(date, 1)) {
    const window = windowOf(date, calendar);
    if (window && window[1] > from.getTime()) yield window;
  }
  throw new Error('no working time within ten years: check the working days');
}

/** `hours` of working time after `start` (which may itself lie outside working hours). */
export function addWorkingHours(start: Date, hours: number, calendar: WorkCalendar): Date {
  let remaining = Math.max(0, hours) * HOUR_MS;
  for (const [windowStart, windowEnd] of windowsFrom(start, calendar)) {
    const from = Math.max(windowStart, start.getTime());
    if (from + remaining <= windowEnd) return new Date(from + remaining);
    remaining -= windowEnd - from;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Working time between two instants, in hours (0 when `to` is not after `from`). */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  let total = 0;
  for (const [windowStart, windowEnd] of windowsFrom(from, calendar)) {
    if (windowStart >= to.getTime()) break;
    total += Math.min(windowEnd, to.getTime()) - Math.max(windowStart, from.getTime());
  }
  return Math.max(0, total) / HOUR_MS;
}

/** `at` itself when it lies in working hours; otherwise the start of the next working window. */
export function nextWorkingMoment(at: Date, calendar: WorkCalendar): Date {
  return addWorkingHours(at, 0, calendar);
}

export function isWithinWorkingHours(at: Date, calendar: WorkCalendar): boolean {
  return nextWorkingMoment(at, calendar).getTime() === at.getTime();
}
