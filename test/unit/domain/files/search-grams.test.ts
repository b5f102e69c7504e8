import { indexGrams, normaliseSearchText, queryTerms } from '../../../../src/domain/files/search-grams';

/** What a search finds, decided the way the database decides it: all grams, then the text. */
function finds(query: string, ...texts: string[]): boolean {
  const grams = new Set(indexGrams(...texts));
  const haystack = normaliseSearchText(texts.join('\n'));
  const terms = queryTerms(query);
  return (
    terms.length > 0 &&
    terms.every((term) => term.grams.every((gram) => grams.has(gram)) && haystack.includes(term.text))
  );
}

describe('Chinese and English search without a segmenter', () => {
  it('finds a two-character Chinese word inside a longer run', () => {
    expect(finds('預算', '年度預算報告')).toBe(true);
    expect(finds('預算報告', '2026年度預算報告')).toBe(true);
    expect(finds('報', '年度預算報告')).toBe(true);
  });

  it('does not find characters that are all there but not next to each other', () => {
    // 預 and 算 are both in the text, but never side by side.
    expect(finds('預算', '預備計算')).toBe(false);
  });

  it('finds English words by their start, in any case and width', () => {
    expect(finds('budget', 'Annual BUDGET report')).toBe(true);
    expect(finds('budg', 'Annual budget report')).toBe(true);
    expect(finds('ＢＵＤＧＥＴ', 'annual budget')).toBe(true);
    expect(finds('udget', 'annual budget')).toBe(false);
  });

  it('needs every term of the query, in any field', () => {
    expect(finds('預算 2026', '年度預算報告', 'fiscal year 2026')).toBe(true);
    expect(finds('預算 2027', '年度預算報告', 'fiscal year 2026')).toBe(false);
  });

  it('drops one-letter English words but keeps one Chinese character', () => {
    expect(queryTerms('a budget')).toEqual([{ text: 'budget', grams: ['budget'] }]);
    expect(queryTerms('章')).toEqual([{ text: '章', grams: ['章'] }]);
    expect(queryTerms('a , ;')).toEqual([]);
  });

  it('indexes CJK characters and pairs, and Latin prefixes of two letters or more', () => {
    expect(indexGrams('預算 Plan')).toEqual(['pl', 'pla', 'plan', '算', '預', '預算'].sort());
  });

  it('bounds Latin prefixes so a long word does not blow up the index', () => {
    const long = 'a'.repeat(200);
    expect(indexGrams(long)).toHaveLength(19);
    expect(finds(long, long)).toBe(true);
  });
});
