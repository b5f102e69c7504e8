/**
 * Finding files by words in Chinese and English without a word segmenter. PostgreSQL's full-text
 * search splits on spaces, and Chinese has none; trigrams miss two-character words such as 預算.
 * So a file's title, abstract and keywords are indexed as "grams": every Chinese (CJK) character
 * and every pair of neighbouring ones, and every Latin word with its prefixes of two letters or
 * more. A query term matches when all its grams are there (a GIN index on the array answers
 * that), and the text is then checked for the term itself, so 預算 must appear as written.
 */

/** Han, kana and Hangul: scripts written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_WORD = /[\p{L}\p{N}]/u;

/** Latin prefixes are indexed up to this length; longer words match on their first 20 letters. */
const MAX_PREFIX = 20;

/** What a search compares: NFKC (full-width letters become ASCII) and lower case. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Runs of CJK characters and Latin words, in order. */
export function searchTokens(text: string): Array<{ cjk: boolean; text: string }> {
  const tokens: Array<{ cjk: boolean; text: string }> = [];
  let current: { cjk: boolean; text: string } | null = null;
  for (const char of normaliseSearchText(text)) {
    const cjk = CJK.test(char);
    if (!cjk && !LATIN_WORD.test(char)) {
      current = null;
      continue;
    }
    if (current && current.cjk === cjk) current.text += char;
    else {
      current = { cjk, text: char };
      tokens.push(current);
    }
  }
  return tokens;
}

function tokenGrams(token: { cjk: boolean; text: string }, forQuery: boolean): string[] {
  const chars = [...token.text];
  if (token.cjk) {
    if (chars.length === 1) return chars;
    const pairs = chars.slice(1).map((char, i) => `${chars[i]}${char}`);
    return forQuery ? pairs : [...chars, ...pairs];
  }
  if (forQuery) return [chars.slice(0, MAX_PREFIX).join('')];
  const grams: string[] = [];
  for (let length = Math.min(2, chars.length); length <= Math.min(MAX_PREFIX, chars.length); length += 1)
    grams.push(chars.slice(0, length).join(''));
  return grams;
}

/** The grams stored with a file (deduplicated, sorted so equal texts give equal arrays). */
export function indexGrams(...texts: string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts)
    for (const token of searchTokens(text)) for (const gram of tokenGrams(token, false)) grams.add(gram);
  return [...grams].sort();
}

export interface SearchTerm {
  /** The term as it must appear in the normalised text. */
  text: string;
  /** Grams the file's array must contain. */
  grams: string[];
}

/**
 * A query's terms: each CJK run and each Latin word is a term; a one-letter Latin word is too
 * common to search for and is dropped (a one-character Chinese word is kept: 章 means something).
 */
export function queryTerms(query: string): SearchTerm[] {
  return searchTokens(query)
    .filter((token) => token.cjk || token.text.length >= 2)
    .map((token) => ({ text: token.text, grams: tokenGrams(token, true) }));
}
