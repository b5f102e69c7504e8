import { FILE_KINDS, type FileKind } from '../../storage/content-type';

/** `/files …` as typed, parsed into what to do. Free text (search words, names, reasons) stays as typed. */
export type FilesCommand =
  | { kind: 'upload' }
  | { kind: 'help' }
  | { kind: 'unknown'; sub: string }
  | { kind: 'search'; text: string }
  | { kind: 'categories' }
  | { kind: 'category_add'; key: string; name: string; parentKey: string | null; important: boolean }
  | { kind: 'category_remove'; key: string }
  | { kind: 'category_usage' }
  | { kind: 'purge'; reference: string; label: string; reason: string }
  | { kind: 'purge_usage' };

export function parseFilesText(raw: string): FilesCommand {
  const text = raw.trim();
  if (!text) return { kind: 'upload' };
  const [first = '', ...rest] = text.split(/\s+/);
  const sub = first.toLowerCase();
  const tail = text.slice(first.length).trim();
  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'upload':
      return { kind: 'upload' };
    case 'search':
      return { kind: 'search', text: tail };
    case 'category':
    case 'categories':
      return parseCategory(rest);
    case 'purge': {
      const [reference, label, ...reason] = rest;
      if (!reference || !label || !reason.length) return { kind: 'purge_usage' };
      return { kind: 'purge', reference, label, reason: reason.join(' ') };
    }
    default:
      return { kind: 'unknown', sub: first };
  }
}

function parseCategory(words: string[]): FilesCommand {
  const [action = '', key, ...rest] = words;
  if (!action) return { kind: 'categories' };
  if (action.toLowerCase() === 'remove')
    return key && !rest.length ? { kind: 'category_remove', key } : { kind: 'category_usage' };
  if (action.toLowerCase() !== 'add' || !key) return { kind: 'category_usage' };
  let parentKey: string | null = null;
  let important = false;
  const name: string[] = [];
  for (const word of rest) {
    if (/^parent:/i.test(word)) parentKey = word.slice('parent:'.length);
    else if (word.toLowerCase() === 'important') important = true;
    else name.push(word);
  }
  if (!name.length) return { kind: 'category_usage' };
  return { kind: 'category_add', key, name: name.join(' '), parentKey, important };
}

/** The filters of `/files search`, as typed (resolved against categories and departments later). */
export interface SearchFilters {
  words: string;
  category?: string;
  dept?: string;
  type?: FileKind;
  from?: Date;
  to?: Date;
  page: number;
}

/** A filter that is not one, or a value it cannot take: named so the person can fix it. */
export type SearchTextProblem =
  | { code: 'badFilter'; filter: string }
  | { code: 'badType'; value: string }
  | { code: 'badDate'; filter: string; value: string }
  | { code: 'badPage'; value: string };

const FILTER = /^([a-z]+):(.*)$/i;
const KNOWN = new Set(['category', 'dept', 'type', 'from', 'to', 'page']);

/** 2026-01-31 as the start of that day in UTC; null when it is not a real date. */
function dateOf(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : null;
}

/**
 * Words and `name:value` filters. `to:` includes its whole day. A word that looks like a filter
 * but names none (`categroy:x`) is refused rather than searched for, so a typo does not silently
 * widen or empty the results.
 */
export function parseSearchText(text: string): SearchFilters | { problem: SearchTextProblem } {
  const words: string[] = [];
  const filters: SearchFilters = { words: '', page: 1 };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const match = FILTER.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const name = match[1]!.toLowerCase();
    const value = match[2]!;
    if (!KNOWN.has(name)) return { problem: { code: 'badFilter', filter: `${match[1]}:` } };
    switch (name) {
      case 'category':
        filters.category = value;
        break;
      case 'dept':
        filters.dept = value;
        break;
      case 'type': {
        const kind = FILE_KINDS.find((known) => known === value.toLowerCase().replace(/^\./, ''));
        if (!kind) return { problem: { code: 'badType', value } };
        filters.type = kind;
        break;
      }
      case 'from':
      case 'to': {
        const date = dateOf(value);
        if (!date) return { problem: { code: 'badDate', filter: `${name}:`, value } };
        if (name === 'from') filters.from = date;
        else filters.to = new Date(date.getTime() + 24 * 3600 * 1000);
        break;
      }
      case 'page': {
        const page = Number(value);
        if (!Number.isSafeInteger(page) || page < 1) return { problem: { code: 'badPage', value } };
        filters.page = page;
        break;
      }
    }
  }
  filters.words = words.join(' ');
  return filters;
}

/** The same search one page further on (for the "next page" hint). */
export function nextPageText(text: string, page: number): string {
  const kept = text
    .split(/\s+/)
    .filter((token) => token && !/^page:/i.test(token))
    .join(' ');
  return `${kept} page:${page + 1}`.trim();
}
