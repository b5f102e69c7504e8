/**
 * Intl.DateTimeFormat instances, shared per options, locale and time zone. Building one loads the
 * locale's and the zone's ICU data (tens of microseconds, more than formatting with it): a card
 * shows several dates and every notification renders a card, so building a formatter per call
 * cost ~6% of the app's CPU under a burst of approvals.
 */

/** Zones come from people's profiles (a few hundred IANA names at most): the bound is a safety net. */
const MAX_PER_STYLE = 500;
const styles = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();

/**
 * The formatter of `style` (a module-level constant: the cache is keyed by the object itself,
 * which costs nothing per call) for a locale and a time zone.
 */
export function dateTimeFormat(
  style: Readonly<Intl.DateTimeFormatOptions>,
  locale: string,
  timeZone: string,
): Intl.DateTimeFormat {
  let formatters = styles.get(style);
  if (formatters === undefined) {
    formatters = new Map();
    styles.set(style, formatters);
  }
  const key = `${locale} ${timeZone}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    // An unknown zone throws RangeError here as before, and nothing is cached.
    formatter = new Intl.DateTimeFormat(locale, { ...style, timeZone });
    if (formatters.size >= MAX_PER_STYLE) formatters.delete(formatters.keys().next().value as string);
    formatters.set(key, formatter);
  }
  return formatter;
}

const ISO_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; en-CA formats dates so. */
export const isoDateIn = (at: Date, timeZone: string): string =>
  dateTimeFormat(ISO_DATE, 'en-CA', timeZone).format(at);
