import { messageBlockProblems } from '@gongwu/slack-emulator';
import { translator } from '../../../../src/slack/i18n';
import { escapeMrkdwn } from '../../../../src/slack/views/blocks';
import { whoamiMessage } from '../../../../src/slack/views/profile.view';
import { aliceProfile as profile } from '../../../support/view-fixtures';
import { textOf } from '../../../support/views';

const en = translator('en');
const zh = translator('zh-TW');

describe('whoamiMessage', () => {
  it('shows the profile’s fields and headships in English', () => {
    const message = whoamiMessage({ t: en, locale: 'en', timezone: 'Asia/Taipei', profile: profile() });
    expect(message.text).toBe('Your profile: Alice Chen');
    expect(textOf(message.blocks)).toContain('*Department*\nGeneral Office\n*Position*\nDirector');
    expect(textOf(message.blocks)).toContain('*Roles*\nAdministrator\n*Status*\nActive');
    expect(textOf(message.blocks)).toContain('*Language · time zone*\nEnglish · Asia/Taipei');
    expect(textOf(message.blocks)).toContain('You are head of: General Office');
  });

  it('whoami uses the localized department name and lists headships', () => {
    const text = JSON.stringify(
      whoamiMessage({ t: zh, locale: 'zh-TW', timezone: 'Asia/Taipei', profile: profile() }),
    );
    expect(text).toContain('綜合辦公室');
    expect(text).toContain('系統管理員');
    expect(text).toContain('Asia/Taipei');
  });

  it('says "none" for missing fields and omits headships of a non-head', () => {
    const plain = profile({ position: null, contact: null, roles: [], headOf: [] });
    const text = textOf(whoamiMessage({ t: en, locale: 'en', timezone: 'UTC', profile: plain }).blocks);
    expect(text).not.toContain('head of');
    expect(text).toContain('*Position*\n—');
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

  it('messages respect Block Kit limits', () => {
    expect(
      messageBlockProblems(
        whoamiMessage({ t: en, locale: 'en', timezone: 'UTC', profile: profile() }).blocks,
      ),
    ).toEqual([]);
  });
});
