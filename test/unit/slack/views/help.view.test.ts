import { messageBlockProblems } from '@gongwu/slack-emulator';
import { translator } from '../../../../src/slack/i18n';
import { helpMessage } from '../../../../src/slack/views/help.view';
import { textOf } from '../../../support/views';

const en = translator('en');
const zh = translator('zh-TW');

describe('helpMessage', () => {
  it('lists everyone’s commands under a title, in either language', () => {
    const english = helpMessage({ t: en, isAdmin: false, isGuest: false });
    expect(english.text).toBe('Official affairs platform — commands');
    expect(textOf(english.blocks)).toContain('`/oa whoami` — your profile, department and roles');
    expect(textOf(english.blocks)).toContain('`/oa status &lt;reference&gt;` — where a request stands');
    const chinese = helpMessage({ t: zh, isAdmin: false, isGuest: false });
    expect(chinese.text).toBe('公務平臺 — 指令');
    expect(textOf(chinese.blocks)).toContain('`/oa whoami` — 您的個人資料、部門與角色');
  });

  it('shows the administrators’ section to admins only', () => {
    expect(textOf(helpMessage({ t: zh, isAdmin: true, isGuest: false }).blocks)).toContain('*系統管理員*');
    expect(textOf(helpMessage({ t: zh, isAdmin: false, isGuest: false }).blocks)).not.toContain(
      '*系統管理員*',
    );
  });

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

  it('messages respect Block Kit limits', () => {
    expect(messageBlockProblems(helpMessage({ t: zh, isAdmin: true, isGuest: false }).blocks)).toEqual([]);
  });
});
