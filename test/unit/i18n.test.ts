import { supportedLocale, translate } from '../../src/slack/i18n';
import { en } from '../../src/slack/i18n/en';
import { zhTW } from '../../src/slack/i18n/zh-TW';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have exactly the same keys in English and Traditional Chinese', () => {
    expect(Object.keys(zhTW).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s has the same placeholders and a non-empty text in both', (key) => {
    const k = key as keyof typeof en;
    expect(en[k].trim()).not.toBe('');
    expect(zhTW[k].trim()).not.toBe('');
    expect(placeholders(zhTW[k])).toEqual(placeholders(en[k]));
  });

  it('fills variables and leaves unknown ones visible', () => {
    expect(translate('en', 'home.greeting', { name: 'Alice' })).toBe('Hello, Alice!');
    expect(translate('zh-TW', 'home.greeting', { name: '陳' })).toBe('陳，您好！');
    expect(translate('en', 'home.greeting')).toBe('Hello, {name}!');
  });

  it('maps Slack locales onto the supported ones', () => {
    expect(supportedLocale('zh-TW')).toBe('zh-TW');
    expect(supportedLocale('zh-HK')).toBe('zh-TW');
    expect(supportedLocale('en-GB')).toBe('en');
    expect(supportedLocale('fr-FR')).toBeUndefined();
    expect(supportedLocale(undefined)).toBeUndefined();
  });
});

describe('counts (issue 13 item 25)', () => {
  it('says "1 request" and "2 requests", and Chinese has one form', () => {
    expect(translate('en', 'search.title', { total: 1 })).toBe('Found 1 request');
    expect(translate('en', 'search.title', { total: 2 })).toBe('Found 2 requests');
    expect(translate('en', 'away.handover.offer', { count: 1, delegate: 'Bob' })).toBe(
      'You hold 1 pending approval. Hand it over to Bob as well?',
    );
    expect(translate('zh-TW', 'search.title', { total: 1 })).toBe('找到 1 筆申請');
  });

  it('leaves "(optional)" to Slack, which marks optional inputs itself', () => {
    for (const catalog of [en, zhTW])
      for (const [key, text] of Object.entries(catalog)) {
        if (!key.startsWith('ann.field.')) continue;
        expect(text).not.toMatch(/\(optional\)|（選填）/);
      }
  });
  it('names the Approve button in the opinion refusal exactly as the button reads', () => {
    // Issue 13 item 26: the refusal sends the approver to the one-click button.
    expect(zhTW['wf.error.opinion_required']).toContain(`『${zhTW['wf.button.approve']}』`);
    expect(en['wf.error.opinion_required']).toContain(`“${en['wf.button.approve']}”`);
  });
  it('names the acknowledge button in the chase DM exactly as the button reads', () => {
    // Issue 13 item 25: the chase said 「確認已讀」 while the button reads 「已讀確認」.
    expect(zhTW['ack.chase.dm']).toContain(`「${zhTW['ann.msg.ackButton']}」`);
    expect(en['ack.chase.dm']).toContain(`*${en['ann.msg.ackButton']}*`);
  });
});
