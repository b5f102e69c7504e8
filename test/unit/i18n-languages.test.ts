import { translate, translator } from '../../src/slack/i18n';
import { en, type MessageKey } from '../../src/slack/i18n/en';
import { helpMessage } from '../../src/slack/views/help.view';
import { homeView } from '../../src/slack/views/home.view';
import { whoamiMessage } from '../../src/slack/views/profile.view';
import { CJK, englishWords, prose, texts } from '../support/one-language';
import { aliceProfile } from '../support/view-fixtures';

/**
 * Issue 13, item 25: no user-facing string in one language is built from pieces of the other.
 * Every catalog entry is checked as it reads once filled: Chinese text carries no English words
 * and English text no Chinese characters, apart from what is the same in both languages — Slack
 * markup and placeholders, command names and their arguments, references, proper nouns.
 */

/** A language is named in its own language too, so a person can find theirs: 英文（English）. */
const ENDONYMS = new Set<MessageKey>(['language.en', 'language.zh-TW']);

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

describe('views put together in one language (issue 13, item 25)', () => {
  const profile = aliceProfile({ roles: ['admin', 'leader'], timezone: 'Asia/Taipei' });
  // What the person wrote into the directory is theirs, in whatever language they wrote it.
  const theirs = ['Alice Chen', 'Director', 'alice@example.org', 'Asia/Taipei', '+886 2 1234 5678'];

  const rendered = (locale: 'en' | 'zh-TW') => {
    const t = translator(locale);
    const views = [
      helpMessage({ t, isAdmin: true, isGuest: false }),
      helpMessage({ t, isAdmin: false, isGuest: true }),
      homeView({ kind: 'unregistered', t }),
      homeView({ kind: 'suspended', t, profile: { ...profile, status: 'suspended' } }),
      homeView({ kind: 'active', t, locale, timezone: 'Asia/Taipei', profile }),
      whoamiMessage({ t, locale, timezone: 'Asia/Taipei', profile }),
    ];
    return texts(views).map((text) => theirs.reduce((rest, data) => rest.split(data).join(' '), text));
  };

  it('in Chinese: help, Home and whoami carry no English words', () => {
    expect(rendered('zh-TW').length).toBeGreaterThan(20);
    expect(rendered('zh-TW').flatMap(englishWords)).toEqual([]);
  });

  it('in English: no Chinese', () => {
    expect(rendered('en').filter((text) => CJK.test(prose(text)))).toEqual([]);
  });
});
