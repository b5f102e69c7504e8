/**
 * Times as the person sees them: in their own time zone and language. `<!date^…>` tokens follow
 * Slack's formatting reference; anything that cannot be formatted falls back to the app's text.
 */
import { pageLocale } from './i18n.mjs';

function parts(date, tz, options) {
  const out = {};
  for (const part of new Intl.DateTimeFormat('en-US', { timeZone: tz, ...options }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

function dayNumber(date, tz) {
  const p = parts(date, tz, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / 86_400_000;
}

function ordinal(day) {
  const n = Number(day);
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function pretty(date, ctx, plain) {
  const diff = dayNumber(date, ctx.tz) - dayNumber(new Date(), ctx.tz);
  if (Math.abs(diff) > 1) return plain;
  return new Intl.RelativeTimeFormat(ctx.locale, { numeric: 'auto' }).format(diff, 'day');
}

function tokenValue(token, date, ctx) {
  const locale = ctx.locale;
  const tz = ctx.tz;
  const en = pageLocale(locale) === 'en';
  const fmt = (options) => new Intl.DateTimeFormat(locale, { timeZone: tz, ...options }).format(date);
  const long = () => {
    if (!en) return fmt({ dateStyle: 'long' });
    const p = parts(date, tz, { year: 'numeric', month: 'long', day: 'numeric' });
    return `${p.month} ${ordinal(p.day)}, ${p.year}`;
  };
  const short = () => fmt({ year: 'numeric', month: 'short', day: 'numeric' });
  const withWeekday = () => `${fmt({ weekday: 'long' })}, ${long()}`;
  switch (token) {
    case 'date_num': {
      const p = parts(date, tz, { year: 'numeric', month: '2-digit', day: '2-digit' });
      return `${p.year}-${p.month}-${p.day}`;
    }
    case 'date':
      return long();
    case 'date_short':
      return short();
    case 'date_long':
      return withWeekday();
    case 'date_pretty':
      return pretty(date, ctx, long());
    case 'date_short_pretty':
      return pretty(date, ctx, short());
    case 'date_long_pretty':
      return pretty(date, ctx, withWeekday());
    case 'time':
      return fmt({ hour: 'numeric', minute: '2-digit' });
    case 'time_secs':
      return fmt({ hour: 'numeric', minute: '2-digit', second: '2-digit' });
    case 'ago':
      return ago(date, locale);
    default:
      return undefined;
  }
}

function ago(date, locale) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

/** `{date_short} at {time}` for Unix `seconds`; `undefined` when a token is unknown. */
export function formatSlackDate(seconds, format, ctx) {
  const date = new Date(Number(seconds) * 1000);
  if (!Number.isFinite(date.getTime())) return undefined;
  let unknown = false;
  const text = format.replace(/\{(\w+)\}/g, (whole, token) => {
    const value = tokenValue(token, date, ctx);
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? undefined : text;
}

/** A message's time, as Slack shows it beside the author. */
export function messageTime(ts, ctx) {
  const date = new Date(Number(ts) * 1000);
  return new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.tz, hour: 'numeric', minute: '2-digit' }).format(
    date,
  );
}

export function fullTime(ts, ctx) {
  const date = new Date(Number(ts) * 1000);
  return new Intl.DateTimeFormat(ctx.locale, {
    timeZone: ctx.tz,
    dateStyle: 'full',
    timeStyle: 'long',
  }).format(date);
}

/** A `datetime-local` value for Unix seconds, as a wall clock in the person's zone. */
export function toLocalInput(seconds, tz) {
  const p = parts(new Date(seconds * 1000), tz, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Unix seconds for a `datetime-local` value read as a wall clock in the person's zone. */
export function fromLocalInput(value, tz) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, hh, mm] = match.map(Number);
  const guess = Date.UTC(y, mo - 1, d, hh, mm) / 1000;
  // The zone's offset at that moment: what the wall clock reads there minus UTC.
  const shown = toLocalInput(guess, tz);
  const [, sy, smo, sd, shh, smm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(shown).map(Number);
  const offset = Date.UTC(sy, smo - 1, sd, shh, smm) / 1000 - guess;
  return guess - offset;
}
