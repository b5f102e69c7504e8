/**
 * Keywords are free tags in any language. People separate them with commas, Chinese commas (，),
 * enumeration commas (、), semicolons or new lines; spaces stay inside a keyword ("annual
 * budget"). Case and width do not make two keywords different.
 */

export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 40;

export type KeywordProblem =
  | { code: 'too_many_keywords'; max: number }
  | { code: 'keyword_too_long'; keyword: string; max: number };

const SEPARATORS = /[,，、;；\n]+/;

export function parseKeywords(input: string): { keywords: string[] } | { problem: KeywordProblem } {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of input.split(SEPARATORS)) {
    const keyword = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (!keyword) continue;
    if ([...keyword].length > MAX_KEYWORD_LENGTH)
      return {
        problem: {
          code: 'keyword_too_long',
          keyword: `${[...keyword].slice(0, 12).join('')}…`,
          max: MAX_KEYWORD_LENGTH,
        },
      };
    const key = keyword.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
  }
  if (keywords.length > MAX_KEYWORDS) return { problem: { code: 'too_many_keywords', max: MAX_KEYWORDS } };
  return { keywords };
}
