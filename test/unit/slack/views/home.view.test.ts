import { viewProblems } from '@gongwu/slack-emulator';
import { translator } from '../../../../src/slack/i18n';
import { section } from '../../../../src/slack/views/blocks';
import { homeView } from '../../../../src/slack/views/home.view';
import { aliceProfile as profile } from '../../../support/view-fixtures';
import { buttonsOf, textOf } from '../../../support/views';

const en = translator('en');
const zh = translator('zh-TW');

describe('homeView', () => {
  it('welcomes someone unregistered with a Register button, in either language', () => {
    const english = homeView({ kind: 'unregistered', t: en });
    expect(textOf(english.blocks)).toMatch(/^Welcome!\n/);
    expect(buttonsOf(english.blocks)).toEqual([
      { actionId: 'org_register', value: undefined, label: 'Register', style: 'primary' },
    ]);
    const chinese = homeView({ kind: 'unregistered', t: zh });
    expect(textOf(chinese.blocks)).toMatch(/^歡迎！\n/);
    expect(buttonsOf(chinese.blocks)[0]?.label).toBe('登記');
  });

  it('tells a suspended person so and offers nothing else', () => {
    const view = homeView({ kind: 'suspended', t: zh, profile: profile({ status: 'suspended' }) });
    expect(textOf(view.blocks)).toContain('Alice Chen，您好！\n您的帳號已停權，請聯絡系統管理員。');
    expect(buttonsOf(view.blocks)).toEqual([]);
  });

  it('shows an active person the feature sections, then the profile and the commands', () => {
    const sections = [section('FEATURE SECTION')];
    const view = homeView({
      kind: 'active',
      t: en,
      locale: 'en',
      timezone: 'UTC',
      profile: profile(),
      sections,
    });
    const text = textOf(view.blocks);
    expect(text.indexOf('FEATURE SECTION')).toBeLessThan(text.indexOf('*Your profile*'));
    expect(text).toContain('*Your profile*\n*Name*\nAlice Chen');
    expect(text).toContain('*For administrators*');
    const chinese = textOf(
      homeView({ kind: 'active', t: zh, locale: 'zh-TW', timezone: 'UTC', profile: profile() }).blocks,
    );
    expect(chinese).toContain('Alice Chen，您好！');
    expect(chinese).toContain('*您的個人資料*');
  });

  it.each([
    ['unregistered', homeView({ kind: 'unregistered', t: en })],
    ['suspended', homeView({ kind: 'suspended', t: zh, profile: profile({ status: 'suspended' }) })],
    ['active admin', homeView({ kind: 'active', t: en, locale: 'en', timezone: 'UTC', profile: profile() })],
    [
      'very long fields',
      homeView({
        kind: 'active',
        t: en,
        locale: 'en',
        timezone: 'UTC',
        profile: profile({ name: 'N'.repeat(5000), position: 'P'.repeat(5000) }),
      }),
    ],
  ])('the %s home respects Block Kit limits', (_label, view) => {
    expect(viewProblems(view, 'home')).toEqual([]);
  });
});
