/**
 * Telling whether a text a person reads is in one language (issue 13, item 25): the English words
 * left in Chinese text, or the Chinese left in English text, once what is the same in both
 * languages is set aside — Slack markup and placeholders, code and commands with their arguments,
 * links, references, dates and a few proper nouns.
 */

/** Words that are the same in both languages: names of things, units, formats. */
const PROPER_NOUNS = new Set(['Slack', 'CSV', 'ID', 'MB', 'RTO', 'RPO']);

/** What is not prose: placeholders, Slack markup, code, commands, links, references, dates. */
export function prose(text: string): string {
  return text
    .replace(/\{\w+(\|[^{}]*)*\}/g, ' ') // {name}, {n|one|other}
    .replace(/`[^`]*`/g, ' ') // `/oa register`, `code`
    .replace(/<[^<>]*>/g, ' ') // <@U…>, <#C…>, <https://…|label>
    .replace(/(^|[\s*])\/[a-z]+(\s+[\w:@|[\]…<>.-]+)*/g, ' ') // /oa role @person admin,leader
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[A-Z]{2,6}-\d{4}-\d{4}\b/g, ' ') // LV-2026-0007, ANN-2026-0012
    .replace(/\b\d{4}-\d{2}-\d{2}(pm|am)?\b|YYYY-MM-DD/g, ' ');
}

export function englishWords(text: string): string[] {
  return [...prose(text).matchAll(/[A-Za-z][A-Za-z'’-]*/g)]
    .map((m) => m[0])
    .filter((word) => !PROPER_NOUNS.has(word));
}

export const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Every `text` a person reads in a message, view or list of them. */
export function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : texts(inner),
  );
}
