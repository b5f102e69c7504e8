import type { AnnouncementSummary } from '../../../../src/domain/announcements';
import { translator } from '../../../../src/slack/i18n';
import { announcementLines } from '../../../../src/slack/views/announcements/list.view';

/** Issue 13 item 18: Who acknowledged and Chase only where acknowledgement was asked for. */
const item = (requireAck: boolean): AnnouncementSummary => ({
  id: 7,
  reference: 'ANN-2026-0007',
  title: 'Office move',
  category: 'notice',
  importance: 'normal',
  audience: 'everyone',
  status: 'published',
  reviewStatus: 'approved',
  authorSlackId: 'U01FIONA0',
  requireAck,
  publishAt: null,
  publishedAt: '2026-12-01T02:00:00.000Z',
  createdAt: '2026-12-01T01:00:00.000Z',
  manageable: true,
});

const actionsOf = (requireAck: boolean) =>
  JSON.stringify(
    announcementLines({
      t: translator('en'),
      locale: 'en',
      timezone: 'Asia/Taipei',
      items: [item(requireAck)],
    }),
  );

it('offers Who acknowledged and Chase on an item that asks for acknowledgement', () => {
  expect(actionsOf(true)).toContain('"announcement_ack_status"');
  expect(actionsOf(true)).toContain('"announcement_chase"');
});

it('offers neither on an item that asks for none, and still Edit and Withdraw', () => {
  const blocks = actionsOf(false);
  expect(blocks).not.toContain('"announcement_ack_status"');
  expect(blocks).not.toContain('"announcement_chase"');
  expect(blocks).toContain('"announcement_edit"');
});
