import { megabytes } from '../../../../src/slack/files/file-refusals';
import { nextPageText, parseFilesText, parseSearchText } from '../../../../src/slack/files/files-text';

describe('/files text', () => {
  it('parses every subcommand, keeping free text as typed', () => {
    expect(parseFilesText('')).toEqual({ kind: 'upload' });
    expect(parseFilesText('HELP')).toEqual({ kind: 'help' });
    expect(parseFilesText('search 年度 預算')).toEqual({ kind: 'search', text: '年度 預算' });
    expect(parseFilesText('category')).toEqual({ kind: 'categories' });
    expect(parseFilesText('category add minutes 會議 紀要 parent:official important')).toEqual({
      kind: 'category_add',
      key: 'minutes',
      name: '會議 紀要',
      parentKey: 'official',
      important: true,
    });
    expect(parseFilesText('category add minutes')).toEqual({ kind: 'category_usage' });
    expect(parseFilesText('category remove minutes')).toEqual({ kind: 'category_remove', key: 'minutes' });
    expect(parseFilesText('purge FILE-2026-0001 1.0 personal data')).toEqual({
      kind: 'purge',
      reference: 'FILE-2026-0001',
      label: '1.0',
      reason: 'personal data',
    });
    expect(parseFilesText('purge FILE-2026-0001 1.0')).toEqual({ kind: 'purge_usage' });
    expect(parseFilesText('frobnicate now')).toEqual({ kind: 'unknown', sub: 'frobnicate' });
  });

  it('reads search filters and names the one that is wrong', () => {
    const parsed = parseSearchText(
      'budget 預算 category:official dept:finance type:PDF from:2026-01-01 to:2026-01-31 page:2',
    );
    expect(parsed).toEqual({
      words: 'budget 預算',
      category: 'official',
      dept: 'finance',
      type: 'pdf',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      page: 2,
    });
    expect(parseSearchText('x categroy:a')).toEqual({ problem: { code: 'badFilter', filter: 'categroy:' } });
    expect(parseSearchText('type:exe')).toEqual({ problem: { code: 'badType', value: 'exe' } });
    expect(parseSearchText('from:2026-02-30')).toEqual({
      problem: { code: 'badDate', filter: 'from:', value: '2026-02-30' },
    });
    expect(parseSearchText('page:0')).toEqual({ problem: { code: 'badPage', value: '0' } });
  });

  it('builds the next page’s command and shows limits readably', () => {
    expect(nextPageText('budget page:2 type:pdf', 2)).toBe('budget type:pdf page:3');
    expect(megabytes(50 * 1024 * 1024)).toBe(50);
    expect(megabytes(0.05 * 1024 * 1024)).toBe(0.05);
  });
});
