import type { EphemeralMessage, SlackMessage } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import { type AnnouncementRow, announcementDriver, BOT, text } from '../support/announcements';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Acknowledgements end to end through the emulator: once per person, the posted copy's count
 * refreshed, who has and has not acknowledged (channel members over several pages) for the
 * author and admins only, chasing with one DM per person who has not acknowledged and at most
 * once per interval, and forged clicks refused without changing anything.
 */
let running: RunningPlatform;
const emu = () => running.emulator;
const { publish, compose, announcementRow, forger, approveCard } = announcementDriver(() => running);

const CHANNEL = 'C0ACKS0001';
const AUTHOR = 'U01FIONA0'; // IT, English
const HEAD = 'U01DANIEL'; // head of IT, English
const NAMED = [AUTHOR, HEAD, 'U01BOB000', 'U01GRACE0', 'U01IVY000'];
/** More members than one conversations.members page (1,000) holds. */
const FILLERS = Array.from({ length: 1050 }, (_, i) => `UFILL${String(i).padStart(5, '0')}`);
/**
 * Who is expected to acknowledge: the channel's members who are active people of the directory,
 * not the author (issue 13 item 18). Ivy is suspended; the fillers are Slack users the directory
 * does not know, who cannot acknowledge. Their pages are still read.
 */
const SUSPENDED = 'U01IVY000';
const READERS = NAMED.filter((id) => id !== AUTHOR && id !== SUSPENDED);

let item: { row: AnnouncementRow; copies: Record<string, SlackMessage> };

beforeAll(async () => {
  running = await startTestPlatform({
    env: {
      ACK_REFRESH_SECONDS: '2',
      ACK_CHASE_INTERVAL_MINUTES: '60',
      FANOUT_POSTS_PER_SECOND: '400',
      FANOUT_CONCURRENCY: '16',
    },
  });
  for (const id of FILLERS) emu().addUser({ id, name: id.toLowerCase() });
  emu().addChannel({ id: CHANNEL, name: 'all-staff', members: [...NAMED, BOT, ...FILLERS] });
  item = await publish(AUTHOR, HEAD, {
    ann_title: 'New expense rules',
    ann_body: 'Receipts are required from *May 1*.',
    ann_channels: [CHANNEL],
    ann_options: ['require_ack'],
  });
}, 90_000);
afterAll(() => running.stop());

const sql = <T extends object>(query: string, replacements: Record<string, unknown> = {}) =>
  running.db.sequelize.query<T>(query, { type: QueryTypes.SELECT, replacements });
const ackRows = async (announcementId: number) =>
  Number(
    (
      await sql<{ n: string }>('SELECT count(*) AS n FROM announcement_acks WHERE announcement_id = :id', {
        id: announcementId,
      })
    )[0]!.n,
  );

/** Runs `act`, then waits for the next ephemeral reply to `userId` and returns its text. */
async function replyTo(userId: string, act: () => Promise<unknown>): Promise<EphemeralMessage> {
  const before = emu().ephemerals(userId).length;
  await act();
  return emu().waitFor(() => emu().ephemerals(userId)[before], {
    timeoutMs: 10_000,
    description: `a reply to ${userId}`,
  });
}

const copy = () => item.copies[CHANNEL]!;
const clickAck = (userId: string) =>
  replyTo(userId, () =>
    emu()
      .as(userId)
      .clickButton({ actionId: 'announcement_ack', in: { channel: CHANNEL, ts: copy().ts } }),
  );
/** The author's "posted" notice in their DM carries the status and chase buttons. */
const authorNotice = () =>
  emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf(AUTHOR))
        .find((m) => text(m).includes(item.row.reference) && text(m).includes('"announcement_chase"')),
    { timeoutMs: 10_000, description: "the author's notice" },
  );
const clickInNotice = async (actionId: string) => {
  const notice = await authorNotice();
  return replyTo(AUTHOR, () =>
    emu()
      .as(AUTHOR)
      .clickButton({ actionId, in: { channel: emu().dmChannelOf(AUTHOR), ts: notice.ts } }),
  );
};
const body_ = (reply: EphemeralMessage) => text(reply);
const counts = (reply: EphemeralMessage) => {
  const body = text(reply);
  return {
    acked: Number(/(?:Acknowledged \(|已確認（)(\d+)/.exec(body)?.[1]),
    pending: Number(/(?:Not yet \(|尚未確認（)(\d+)/.exec(body)?.[1]),
  };
};
const chaseDms = (userId: string, reference: string) =>
  emu()
    .messages(emu().dmChannelOf(userId))
    .filter((m) => m.text.includes('👋') && m.text.includes(reference));

describe('acknowledgements', () => {
  it('the posted copy shows the count; acknowledging twice counts once; the count is refreshed', async () => {
    expect(text(copy())).toContain('✔ 0 acknowledged');
    const first = await clickAck(HEAD);
    expect(first.text).toMatch(/Thank you: your acknowledgement/);
    const second = await clickAck(HEAD);
    expect(second.text).toMatch(/You acknowledged .* already, on .*It counts once\./);
    expect(await ackRows(item.row.id)).toBe(1);
    await clickAck('U01GRACE0');
    expect(await ackRows(item.row.id)).toBe(2);

    const refreshed = await emu().waitFor(
      () =>
        emu()
          .messages(CHANNEL)
          .find((m) => m.ts === copy().ts && text(m).includes('✔ 2 acknowledged')),
      { timeoutMs: 20_000, description: 'the count refreshed to 2' },
    );
    expect(text(refreshed)).toContain('"announcement_ack"');
    const updates = emu()
      .callsTo('chat.update')
      .filter((call) => call.ok && call.args.channel === CHANNEL && call.args.ts === copy().ts);
    // Coalesced: never more updates than acknowledgements recorded.
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(2);
    // Exactly one copy: refreshes update, they never post again.
    expect(
      emu()
        .messages(CHANNEL)
        .filter((m) => text(m).includes(item.row.reference)),
    ).toHaveLength(1);
  }, 60_000);

  it('shows the author and admins who has acknowledged and who has not, over every page of members', async () => {
    const pagesBefore = emu().callsTo('conversations.members').length;
    const status = await clickInNotice('announcement_ack_status');
    expect(status.text).toContain(`2 of ${READERS.length} acknowledged`);
    expect(counts(status)).toEqual({ acked: 2, pending: READERS.length - 2 });
    expect(body_(status)).not.toContain(`<@${SUSPENDED}>`);
    expect(body_(status)).not.toContain(`<@${AUTHOR}>`);
    const body = text(status);
    expect(body).toContain('Daniel Wu');
    expect(body).toContain('Grace Tsai');
    expect(body).toContain('<@U01BOB000>');
    expect(body).not.toContain('<@U01DANIEL>');
    expect(body).not.toContain(`<@${BOT}>`);
    const pages = emu().callsTo('conversations.members').slice(pagesBefore);
    expect(pages.filter((call) => call.args.cursor).length).toBeGreaterThanOrEqual(1);

    // An admin, from /announce list.
    const list = await replyTo('U01ALICE0', () => emu().as('U01ALICE0').command('/announce', 'list'));
    expect(text(list)).toContain(item.row.reference);
    const adminStatus = await replyTo('U01ALICE0', () =>
      emu()
        .as('U01ALICE0')
        .clickButton({ actionId: 'announcement_ack_status', value: String(item.row.id), in: 'ephemeral' }),
    );
    expect(counts(adminStatus)).toEqual({ acked: 2, pending: READERS.length - 2 });
  }, 60_000);

  it('refuses forged status and chase clicks by someone else, changing nothing', async () => {
    const chasesBefore = await sql('SELECT 1 FROM announcement_chases WHERE announcement_id = :id', {
      id: item.row.id,
    });
    for (const actionId of ['announcement_ack_status', 'announcement_chase']) {
      const click = await forger('U01BOB000');
      const reply = await replyTo('U01BOB000', () => click(actionId, String(item.row.id)));
      expect(reply.text).toMatch(/Only the author of .* or an admin|只有 .* 的發布者或管理員/);
      expect(text(reply)).not.toContain('Grace Tsai');
    }
    expect(
      await sql('SELECT 1 FROM announcement_chases WHERE announcement_id = :id', { id: item.row.id }),
    ).toEqual(chasesBefore);
    expect(
      await sql(
        "SELECT 1 FROM fanout_items WHERE purpose = 'announcement.chase' AND subject->>'announcementId' = :id",
        {
          id: String(item.row.id),
        },
      ),
    ).toEqual([]);
  }, 30_000);

  it('chases only those who have not acknowledged, one DM each; a second chase within the interval is refused with its time', async () => {
    const sent = await clickInNotice('announcement_chase');
    const pending = READERS.filter((id) => id !== HEAD && id !== 'U01GRACE0');
    expect(sent.text).toContain(`Chasing ${pending.length} ${pending.length === 1 ? 'person' : 'people'}`);
    const allowedAt = /You may chase again after (.+)\.$/.exec(sent.text)?.[1];
    expect(allowedAt).toBeTruthy();

    const again = await clickInNotice('announcement_chase');
    expect(again.text).toMatch(/was chased at .*You may chase again after/);
    expect(/You may chase again after (.+)\.$/.exec(again.text)?.[1]).toBe(allowedAt);
    expect(
      await sql('SELECT round FROM announcement_chases WHERE announcement_id = :id', { id: item.row.id }),
    ).toEqual([{ round: 1 }]);

    await emu().waitFor(
      async () =>
        (
          await sql("SELECT 1 FROM fanout_items WHERE batch_key = :batch AND status = 'pending' LIMIT 1", {
            batch: `ann-${item.row.id}-chase-1`,
          })
        ).length === 0,
      { timeoutMs: 60_000, intervalMs: 250, description: 'every chase DM sent' },
    );
    const wrong = pending.filter((id) => chaseDms(id, item.row.reference).length !== 1);
    expect(wrong).toEqual([]);
    expect(chaseDms(HEAD, item.row.reference)).toEqual([]);
    expect(chaseDms('U01GRACE0', item.row.reference)).toEqual([]);
    expect(chaseDms('U01ALICE0', item.row.reference)).toEqual([]); // not a member
    expect(chaseDms(AUTHOR, item.row.reference)).toEqual([]);
    expect(chaseDms(SUSPENDED, item.row.reference)).toEqual([]);
    expect(chaseDms(FILLERS[0] ?? '', item.row.reference)).toEqual([]);
  }, 120_000);

  it('a chase DM shows an approved correction, and is withdrawn with the item', async () => {
    const reader = READERS.find((id) => chaseDms(id, item.row.reference).length === 1);
    if (!reader) throw new Error('no reader was chased');
    const [chased] = chaseDms(reader, item.row.reference);
    expect(text(chased)).toContain('"announcement_ack"');

    await emu().as(AUTHOR).command('/announce', `edit ${item.row.reference}`);
    await emu().waitFor(() => emu().openViews(AUTHOR).length > 0, { timeoutMs: 5000 });
    await emu().as(AUTHOR).fillModal({ ann_body: 'Receipts are required from *June 1*.' });
    expect((await emu().as(AUTHOR).submitView()).outcome).toBe('closed');
    await approveCard(HEAD, item.row.reference);
    const dmOf = (id: string) => emu().messages(emu().dmChannelOf(id));
    const corrected = await emu().waitFor(
      () => {
        const now = dmOf(reader).find((m) => m.ts === chased!.ts);
        return now && text(now).includes('June 1') ? now : undefined;
      },
      { timeoutMs: 30_000, description: 'the chase DM showing the correction' },
    );
    expect(text(corrected)).not.toContain('May 1');

    await emu().as(AUTHOR).command('/announce', `retract ${item.row.reference}`);
    const withdrawn = await emu().waitFor(
      () => {
        const now = dmOf(reader).find((m) => m.ts === chased!.ts);
        return now && !text(now).includes('June 1') ? now : undefined;
      },
      { timeoutMs: 30_000, description: 'the chase DM withdrawn' },
    );
    expect(text(withdrawn)).not.toContain('"announcement_ack"');
    expect(text(withdrawn)).toContain(item.row.reference);
  }, 90_000);

  it('refuses forged acknowledgements of an unpublished item and of one restricted to other departments', async () => {
    emu().addChannel({
      id: 'G0FINACK01',
      name: 'finance-acks',
      isPrivate: true,
      members: ['U01BOB000', 'U01EVAN00', 'U01HENRY0', BOT],
    });
    const restricted = await publish('U01EVAN00', 'U01BOB000', {
      ann_title: 'Finance: closing the books',
      ann_body: 'Close by the 25th.',
      ann_channels: ['G0FINACK01'],
      ann_audience: 'departments',
      ann_departments: ['finance'],
      ann_options: ['require_ack'],
    });
    expect(
      (
        await compose('U01EVAN00', {
          ann_title: 'Still in review',
          ann_body: 'Not approved yet.',
          ann_category: 'notice',
          ann_channels: [CHANNEL],
          ann_options: ['require_ack'],
        })
      ).outcome,
    ).toBe('closed');
    const unpublished = await announcementRow('Still in review');
    expect(unpublished.status).toBe('in_review');

    const grace = await forger('U01GRACE0');
    // Outside a restricted item's audience, nothing tells that it exists: the answer is the one
    // for an item that was never published.
    const outsider = await replyTo('U01GRACE0', () => grace('announcement_ack', String(restricted.row.id)));
    const never = await replyTo('U01GRACE0', () => grace('announcement_ack', '987654'));
    expect(outsider.text).toBe(never.text);
    expect(outsider.text).not.toContain(restricted.row.reference);
    const early = await replyTo('U01GRACE0', () => grace('announcement_ack', String(unpublished.id)));
    expect(early.text).toMatch(/is not published|未發布/);
    expect(await ackRows(restricted.row.id)).toBe(0);
    expect(await ackRows(unpublished.id)).toBe(0);

    // The same hand-built payload from someone in the audience is accepted: the refusals above
    // are the authorisation, not a malformed payload.
    const henry = await forger('U01HENRY0');
    const member = await replyTo('U01HENRY0', () => henry('announcement_ack', String(restricted.row.id)));
    expect(member.text).toMatch(/Thank you: your acknowledgement/);
    expect(await ackRows(restricted.row.id)).toBe(1);
  }, 90_000);
});
