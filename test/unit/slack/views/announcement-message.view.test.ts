import {
  announcementMessage,
  chaseMessage,
  withdrawnMessage,
} from '../../../../src/slack/views/announcements/announcement-message.view';
import { BOB, officeMove } from '../../../support/view-fixtures';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

/**
 * Through the render functions only, each given its reader: configureAnnouncementMessages is
 * being reworked in parallel (issue 14), so the module's defaults are not relied on here.
 */
const important = officeMove({}, { importance: 'important' });

describe('announcementMessage', () => {
  it('shows badges, title, body, department, date and reference, in either language', () => {
    const en = announcementMessage(EN.t, important, { ackCount: 3, edited: true, ...EN });
    expect(en.text).toBe('Notice · Office move · ANN-2026-0007');
    expect(textOf(en.blocks)).toBe(
      [
        '📢 *Notice*  ·  ❗ *Important*',
        'Office move',
        'We move to *Floor 5* on Monday.',
        'General Office · Published 2026-12-01 · ANN-2026-0007 · _edited_',
        'Acknowledge',
        '✔ 3 acknowledged',
      ].join('\n'),
    );
    const zh = announcementMessage(ZH.t, important, { ackCount: 3, edited: true, ...ZH });
    expect(textOf(zh.blocks)).toContain('📢 *通知公告*  ·  ❗ *重要*');
    expect(textOf(zh.blocks)).toContain('綜合辦公室 · 發布日期 2026-12-01 · ANN-2026-0007 · _已更正_');
  });

  it('carries Acknowledge for this item, or a preview id that records nothing', () => {
    const posted = announcementMessage(EN.t, officeMove(), { ackCount: null, edited: false, ...EN });
    expect(buttonsOf(posted.blocks)).toEqual([
      { actionId: 'announcement_ack', value: '7', label: 'Acknowledge', style: 'primary' },
    ]);
    const preview = announcementMessage(ZH.t, officeMove(), {
      ackCount: null,
      edited: false,
      preview: true,
      ...ZH,
    });
    expect(buttonsOf(preview.blocks).map((b) => [b.actionId, b.label])).toEqual([
      ['announcement_ack_preview', '已讀確認'],
    ]);
    const noAck = announcementMessage(EN.t, officeMove({}, { requireAck: false }), {
      ackCount: 3,
      edited: false,
      ...EN,
    });
    expect(buttonsOf(noAck.blocks)).toEqual([]);
    expect(textOf(noAck.blocks)).not.toContain('acknowledged');
  });

  it('keeps a maximal title and body within Block Kit limits', () => {
    const long = officeMove({}, { title: 'T'.repeat(150), body: 'B'.repeat(3000) });
    expect(messageProblems(announcementMessage(EN.t, long, { ackCount: 0, edited: false, ...EN }))).toEqual(
      [],
    );
  });
});

describe('withdrawnMessage and chaseMessage', () => {
  it('replaces a withdrawn copy with who withdrew it and when', () => {
    const view = officeMove({
      status: 'retracted',
      withdrawnAt: '2026-12-02T02:00:00.000Z',
      withdrawnBy: BOB,
    });
    expect(withdrawnMessage(EN.t, view, EN.timezone).text).toBe(
      '🚫 *ANN-2026-0007* “Office move” was withdrawn on 2026-12-02 by <@U01BOB000>.',
    );
    expect(withdrawnMessage(ZH.t, view, ZH.timezone).text).toBe(
      '🚫 *ANN-2026-0007*「Office move」已於 2026-12-02 由 <@U01BOB000> 撤回。',
    );
  });

  it('asks the reader to acknowledge, above the item and its button', () => {
    const en = chaseMessage(EN, officeMove());
    expect(en.text).toBe(
      '👋 <@U01FIONA0> asks you to read and acknowledge *Office move* (ANN-2026-0007): press *Acknowledge* below.',
    );
    expect(buttonsOf(en.blocks).map((b) => b.actionId)).toEqual(['announcement_ack']);
    expect(chaseMessage(ZH, officeMove()).text).toMatch(/^👋 <@U01FIONA0> 請您閱讀並確認 \*Office move\*/);
  });
});
