import type { Locale } from '../../config';
import { en, type MessageKey } from './en';
import { zhTW } from './zh-TW';

export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-TW': zhTW };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Fills `{name}` with a variable; a missing variable stays visible as {name} rather than silently
 * becoming empty. `{name|one|other}` picks a word by the number: `one` for 1, else `other`
 * ("{total} {total|request|requests}"); a language without plurals simply never uses it.
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const template = catalogs[locale][key];
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (match, name: string, one: string, other: string) =>
      Object.hasOwn(vars, name) ? (Number(vars[name]) === 1 ? one : other) : match,
    )
    .replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : match));
}

const translators = new Map<Locale, Translate>();

/** The translator of a language: one function per language, so views can remember by it. */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = (key, vars) => translate(locale, key, vars);
    translators.set(locale, t);
  }
  return t;
}

export function catalogFor(locale: Locale): Record<MessageKey, string> {
  return catalogs[locale];
}

/** Maps a Slack locale such as "en-US", "zh-TW" or "zh-HK" onto one we have catalogs for. */
export function supportedLocale(slackLocale: string | null | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  const lower = slackLocale.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-TW';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}
