import { authorNotice } from '../../../../src/slack/views/announcements/author-notice.view';
import { BOB, officeMove } from '../../../support/view-fixtures';
import { buttonsOf, EN, ZH } from '../../../support/views';

const copies = [
  { channel: 'C0GENERAL', target: 'C0GENERAL' },
  { channel: 'D0ALICE', target: 'U01ALICE0' },
];

describe('authorNotice', () => {
  it('says where an item was posted, with Edit, the acknowledgement buttons and Withdraw', () => {
    const en = authorNotice(EN.t, officeMove(), { notice: 'published', copies });
    expect(en.text).toBe('📣 *ANN-2026-0007* “Office move” is posted: <#C0GENERAL>, 1 DM.');
    expect(buttonsOf(en.blocks).map((b) => [b.actionId, b.value, b.label])).toEqual([
      ['announcement_edit', '7', 'Edit'],
      ['announcement_ack_status', '7', 'Who acknowledged'],
      ['announcement_chase', '7', 'Chase'],
      ['announcement_retract', '7', 'Withdraw'],
    ]);
    const zh = authorNotice(ZH.t, officeMove(), { notice: 'published', copies });
    expect(zh.text).toBe('📣 *ANN-2026-0007*「Office move」已發布：<#C0GENERAL>, 1 則私訊。');
    expect(buttonsOf(zh.blocks).map((b) => b.label)).toEqual(['更正', '已讀名單', '催讀', '撤回']);
  });

  it('leaves out the acknowledgement buttons when none was asked', () => {
    const view = officeMove({}, { requireAck: false });
    const actions = buttonsOf(authorNotice(EN.t, view, { notice: 'published', copies }).blocks);
    expect(actions.map((b) => b.actionId)).toEqual(['announcement_edit', 'announcement_retract']);
  });

  it('explains a failed target and how to fix it', () => {
    const en = authorNotice(EN.t, officeMove(), { notice: 'failed', target: 'C0X', error: 'not_in_channel' });
    expect(en.text).toContain('could not be posted to <#C0X>: the bot is not a member');
    expect(en.text).toContain('/announce edit ANN-2026-0007');
    const unknown = authorNotice(ZH.t, officeMove(), {
      notice: 'failed',
      target: 'U0X',
      error: 'weird_<error>',
    });
    expect(unknown.text).toContain('無法發布到 <@U0X>');
    expect(unknown.text).toContain('`weird_&lt;error&gt;`');
  });

  it('closes the DM once withdrawn and says who withdrew it', () => {
    const withdrawn = officeMove({ status: 'retracted', withdrawnBy: BOB });
    expect(authorNotice(EN.t, withdrawn, { notice: 'closed' }).text).toBe(
      '📣 *ANN-2026-0007* “Office move” was posted and has since been withdrawn.',
    );
    expect(authorNotice(ZH.t, withdrawn, { notice: 'withdrawn' }).text).toBe(
      '🚫 *ANN-2026-0007*「Office move」已由 <@U01BOB000> 撤回，所有已發布的訊息正在替換。',
    );
    expect(authorNotice(EN.t, withdrawn, { notice: 'withdrawn' }).blocks).toBeUndefined();
  });
});
