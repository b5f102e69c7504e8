import type { Locale } from '../../config';
import { dateTimeFormat } from '../../date-time-format';
import type { LocalizedText } from '../../domain/workflows/model';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** Dates and times are shown in the reader's own time zone and language. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const formatter = dateTimeFormat(DATE_TIME, locale === 'zh-TW' ? 'zh-TW' : 'en-GB', timeZone);
  const parts = Object.fromEntries(formatter.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Which side of a LocalizedText a locale reads. */
export const sideOf = (locale: Locale): keyof LocalizedText => (locale === 'zh-TW' ? 'zh' : 'en');

export const localized = (text: LocalizedText, locale: Locale): string => text[sideOf(locale)];
