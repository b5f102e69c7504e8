import { parseKeywords } from '../../../../src/domain/files/keywords';
import {
  compareVersionNumbers,
  parseVersionLabel,
  suggestNextLabel,
} from '../../../../src/domain/files/version-label';

const later = (a: string, b: string) =>
  compareVersionNumbers(parseVersionLabel(a)!, parseVersionLabel(b)!) > 0;

describe('version labels', () => {
  it('compares number by number, so 1.10 comes after 1.9', () => {
    expect(later('1.10', '1.9')).toBe(true);
    expect(later('2.0', '1.99')).toBe(true);
    expect(later('v2.0.1', '2.0')).toBe(true);
    expect(later('1.9', '1.10')).toBe(false);
  });

  it('treats a missing part as 0, so 2.0 is not later than 2', () => {
    expect(later('2.0', '2')).toBe(false);
    expect(compareVersionNumbers(parseVersionLabel('2.0')!, parseVersionLabel('2')!)).toBe(0);
  });

  it('refuses what is not a version number', () => {
    for (const label of ['final', '1.0-draft', '1..2', '', '1.2.3.4.5', '-1'])
      expect(parseVersionLabel(label)).toBeNull();
  });

  it('suggests the next minor version', () => {
    expect(suggestNextLabel('1.0')).toBe('1.1');
    expect(suggestNextLabel('v2.9')).toBe('2.10');
    expect(suggestNextLabel('3')).toBe('3.1');
  });
});

describe('keywords', () => {
  it('splits on English and Chinese separators, keeping spaces inside a keyword', () => {
    expect(parseKeywords('預算，年度、annual budget; 2026\nHR')).toEqual({
      keywords: ['預算', '年度', 'annual budget', '2026', 'HR'],
    });
  });

  it('drops empty and repeated keywords, whatever their case or width', () => {
    expect(parseKeywords('Budget, budget, ＢＵＤＧＥＴ,, ,預算,預算')).toEqual({
      keywords: ['Budget', '預算'],
    });
  });

  it('refuses an over-long keyword, showing its start', () => {
    expect(parseKeywords(`ok, ${'長'.repeat(41)}`)).toEqual({
      problem: { code: 'keyword_too_long', keyword: `${'長'.repeat(12)}…`, max: 40 },
    });
  });

  it('refuses more than 20 keywords', () => {
    const many = Array.from({ length: 21 }, (_, i) => `k${i}`).join(',');
    expect(parseKeywords(many)).toEqual({ problem: { code: 'too_many_keywords', max: 20 } });
  });
});
