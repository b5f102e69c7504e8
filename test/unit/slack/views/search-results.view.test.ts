import { searchResults } from '../../../../src/slack/views/workflows/search-results.view';
import { leaveRequest, page } from '../../../support/view-fixtures';
import { EN, messageProblems, textOf, ZH } from '../../../support/views';

describe('searchResults', () => {
  it('lists each request with status, reference, subject, requester and local time', () => {
    const en = searchResults({ ...EN, page: page([leaveRequest({ status: 'approved' })]) });
    expect(en.text).toBe('Found 1 request');
    expect(textOf(en.blocks)).toContain(
      '*LV-2026-0041* Annual leave 12-08 — <@U01EVAN00> · 2026-12-01 09:00',
    );
    const zh = searchResults({ ...ZH, page: page([leaveRequest()]) });
    expect(textOf(zh.blocks)).toContain('⏳ 審批中 · *LV-2026-0041* 特休 12-08');
  });

  it('says how many more there are when the page is not all', () => {
    const en = searchResults({ ...EN, page: page([leaveRequest()], 3) });
    expect(textOf(en.blocks)).toContain('Showing the first 1 of 3; narrow the search to see others.');
    expect(textOf(searchResults({ ...ZH, page: page([leaveRequest()], 3) }).blocks)).toContain(
      '顯示前 1 筆，共 3 筆',
    );
  });

  it('answers "no finished request" when nothing matches', () => {
    expect(searchResults({ ...EN, page: page([]) }).text).toMatch(/^No finished request matches\./);
    expect(searchResults({ ...ZH, page: page([]) }).text).toMatch(/^沒有符合的已結案申請。/);
  });

  it('keeps a long page within one 3000-character section', () => {
    const long = Array.from({ length: 60 }, (_, i) =>
      leaveRequest({ id: i, subject: { en: 's'.repeat(200), zh: '假' } }),
    );
    const result = searchResults({ ...EN, page: page(long) });
    expect(messageProblems(result)).toEqual([]);
    expect(textOf(result.blocks[1]).length).toBe(3000);
  });
});
