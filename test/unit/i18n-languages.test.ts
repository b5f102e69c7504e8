import { translate } from '../../src/slack/i18n';
import { en, type MessageKey } from '../../src/slack/i18n/en';

/**
 * Issue 13, item 25: no user-facing string in one language is built from pieces of the other.
 * Every catalog entry is checked as it reads once filled: Chinese text carries no English words
 * and English text no Chinese characters, apart from what is the same in both languages — Slack
 * markup and placeholders, command names and their arguments, references, proper nouns.
 */

/** Words that are the same in both languages: names of things, units, formats. */
const PROPER_NOUNS = new Set(['Slack', 'CSV', 'ID', 'MB']);

/** A language is named in its own language too, so a person can find theirs: 英文（English）. */
const ENDONYMS = new Set<MessageKey>(['language.en', 'language.zh-TW']);

/** What is not prose: placeholders, Slack markup, code, commands, links, references, dates. */
function prose(text: string): string {
  return text
    .replace(/\{\w+(\|[^{}]*)*\}/g, ' ') // {name}, {n|one|other}
    .replace(/`[^`]*`/g, ' ') // `/oa register`, `code`
    .replace(/<[^<>]*>/g, ' ') // <@U…>, <#C…>, <https://…|label>
    .replace(/(^|[\s*])\/[a-z]+(\s+[\w:@|[\]…<>.-]+)*/g, ' ') // /oa role @person admin,leader
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[A-Z]{2,6}-\d{4}-\d{4}\b/g, ' ') // LV-2026-0007, ANN-2026-0012
    .replace(/\b\d{4}-\d{2}-\d{2}(pm|am)?\b|YYYY-MM-DD/g, ' ');
}

function englishWords(text: string): string[] {
  return [...prose(text).matchAll(/[A-Za-z][A-Za-z'’-]*/g)]
    .map((m) => m[0])
    .filter((word) => !PROPER_NOUNS.has(word));
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** An entry as it reads once the plural choices are made; placeholders are left to prose(). */
const filled = (locale: 'en' | 'zh-TW', key: MessageKey) => translate(locale, key);

describe('one language per string (issue 13, item 25)', () => {
  const keys = (Object.keys(en) as MessageKey[]).filter((key) => !ENDONYMS.has(key));

  it.each(keys)('%s in Chinese carries no English words', (key) => {
    expect(englishWords(filled('zh-TW', key))).toEqual([]);
  });

  it.each(keys)('%s in English carries no Chinese', (key) => {
    expect(prose(filled('en', key))).not.toMatch(CJK);
  });

  it('checks what it says it checks', () => {
    expect(englishWords('請按 *Approve* 按鈕')).toEqual(['Approve']);
    expect(englishWords('請輸入 `/oa register` 或 <@U123|bob>，{name}。')).toEqual([]);
    expect(prose('Ask readers (已讀確認)')).toMatch(CJK);
    expect(englishWords('格式為 YYYY-MM-DD；*/announce list [通知公告]*')).toEqual([]);
  });
});

describe('free text is never followed by a full stop of ours (issue 13, item 25)', () => {
  // "was rejected: Confidential.." — a reason, comment or title ends as its writer ended it.
  const FREE_TEXT = ['reason', 'comment', 'note', 'title', 'text', 'body', 'detail', 'value'];
  const keys = Object.keys(en) as MessageKey[];
  it.each(keys)('%s', (key) => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const vars = Object.fromEntries(FREE_TEXT.map((name) => [name, 'Confidential.']));
      const text = translate(locale, key, vars);
      expect(text).not.toMatch(/Confidential\.[.。]/);
    }
  });
});
