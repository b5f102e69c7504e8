import { messageBlockProblems, viewProblems } from '@gongwu/slack-emulator';
import type { PersonProfile } from '../../../src/domain/org/directory.service';
import { translator } from '../../../src/slack/i18n';
import { escapeMrkdwn } from '../../../src/slack/views/blocks';
import { helpMessage } from '../../../src/slack/views/help.view';
import { homeView } from '../../../src/slack/views/home.view';
import { whoamiMessage } from '../../../src/slack/views/profile.view';

const profile = (overrides: Partial<PersonProfile> = {}): PersonProfile => ({
  id: 1,
  slackUserId: 'U01ALICE0',
  email: 'alice@example.org',
  name: 'Alice Chen',
  departmentId: 1,
  position: 'Director',
  contact: '+886 2 1234 5678',
  roles: ['admin'],
  status: 'active',
  locale: null,
  timezone: null,
  department: { key: 'general-office', name: 'General Office', nameZh: '綜合辦公室' },
  headOf: [{ key: 'general-office', name: 'General Office', nameZh: '綜合辦公室' }],
  ...overrides,
});

const en = translator('en');
const zh = translator('zh-TW');

describe('views', () => {
  it('help shows admin commands to admins only and a note to guests', () => {
    const admin = JSON.stringify(helpMessage({ t: en, isAdmin: true, isGuest: false }));
    const guest = JSON.stringify(helpMessage({ t: en, isAdmin: false, isGuest: true }));
    expect(admin).toContain('/oa role');
    expect(guest).not.toContain('/oa role');
    expect(guest).toContain('As a guest');
  });

  it('help is built once per language and standing and handed out frozen', () => {
    const first = helpMessage({ t: en, isAdmin: true, isGuest: false });
    expect(helpMessage({ t: en, isAdmin: true, isGuest: false })).toBe(first);
    expect(translator('en')).toBe(en);
    expect(helpMessage({ t: en, isAdmin: false, isGuest: false })).not.toBe(first);
    expect(JSON.stringify(helpMessage({ t: zh, isAdmin: true, isGuest: false }))).not.toBe(
      JSON.stringify(first),
    );
    expect(Object.isFrozen(first.blocks[0])).toBe(true);
    expect(() => first.blocks.push(first.blocks[0]!)).toThrow(TypeError);
    const unknown = (subcommand: string) =>
      helpMessage({ t: en, isAdmin: false, isGuest: false, unknownSubcommand: subcommand });
    expect(JSON.stringify(unknown('foo'))).toContain('foo');
    expect(JSON.stringify(unknown('bar'))).toContain('bar');
  });

  it('help for an unknown subcommand names it, cut to a sane length', () => {
    const message = helpMessage({
      t: en,
      isAdmin: false,
      isGuest: false,
      unknownSubcommand: 'x'.repeat(500),
    });
    expect(message.text).toContain('xxx');
    expect(JSON.stringify(message.blocks[0])).not.toContain('x'.repeat(41));
  });

  it('whoami uses the localized department name and lists headships', () => {
    const text = JSON.stringify(
      whoamiMessage({ t: zh, locale: 'zh-TW', timezone: 'Asia/Taipei', profile: profile() }),
    );
    expect(text).toContain('綜合辦公室');
    expect(text).toContain('系統管理員');
    expect(text).toContain('Asia/Taipei');
  });

  it('escapes names so they cannot inject mentions or links', () => {
    expect(escapeMrkdwn('<!channel> & <http://evil|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;http://evil|click&gt;',
    );
    const text = JSON.stringify(
      whoamiMessage({ t: en, locale: 'en', timezone: 'UTC', profile: profile({ name: '<!channel>' }) }),
    );
    expect(text).not.toContain('<!channel>');
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

  it('messages respect Block Kit limits', () => {
    expect(messageBlockProblems(helpMessage({ t: zh, isAdmin: true, isGuest: false }).blocks)).toEqual([]);
    expect(
      messageBlockProblems(
        whoamiMessage({ t: en, locale: 'en', timezone: 'UTC', profile: profile() }).blocks,
      ),
    ).toEqual([]);
  });
});
