import { randomUUID } from 'node:crypto';
import type { ViewStateValue } from '@slack/bolt';
import { QueryTypes } from 'sequelize';
import { announcementDriver, BOT, seconds, text } from '../support/announcements';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { option, sendInteraction, type ViewValues, viewSubmission } from '../support/slack-payloads';

/**
 * Announcements end to end through the emulator, the parts announcements.test.ts leaves out:
 * expiry by its delayed BullMQ job (the posted copy replaced by the "expired" notice exactly once),
 * and bad input in the composer — typed through the modal, or forged as a view_submission that
 * skips the Slack client's own checks — answered with field errors and no announcement row.
 */
let running: RunningPlatform;
const emu = () => running.emulator;
const driver = announcementDriver(() => running);
const CHANNEL = 'C0EXPIRE01';

beforeAll(async () => {
  running = await startTestPlatform();
  emu().addChannel({ id: CHANNEL, name: 'expiring', members: ['U01EVAN00', BOT] });
}, 60_000);
afterAll(() => running.stop());

const count = async (sql: string, replacements: Record<string, unknown> = {}) => {
  const [row] = await running.db.sequelize.query<{ n: string }>(sql, {
    type: QueryTypes.SELECT,
    replacements,
  });
  return Number(row?.n);
};

describe('/announce expiry', () => {
  it('replaces the posted copy with the expired notice through the delayed expiry job, once', async () => {
    // Publication does not enqueue the expiry job itself: the reconciliation at each minute
    // boundary adds it (delayed) for every published item with an expiry still ahead. An expiry a
    // few seconds after the next boundary can therefore be met on time only by that delayed job —
    // the following reconciliation, a minute later, is the only other way it could happen.
    const boundary = Math.ceil((Date.now() + 25_000) / 60_000) * 60_000;
    const expiresAt = boundary + 6000;
    const { row, copies } = await driver.publish('U01EVAN00', 'U01BOB000', {
      ann_title: 'Fire drill today',
      ann_body: 'Assemble in the *car park* at 15:00.',
      ann_channels: [CHANNEL],
      ann_expires_at: seconds(expiresAt),
    });
    expect(row.status).toBe('published');
    const copy = copies[CHANNEL]!;
    expect(text(copy)).toContain('car park');
    // The author's "posted" DM offers Edit and Withdraw while the item is live.
    const authorDm = emu().dmChannelOf('U01EVAN00');
    const posted = await emu().waitFor(
      () =>
        emu()
          .messages(authorDm)
          .find((m) => text(m).includes(row.reference) && JSON.stringify(m).includes('announcement_retract')),
      { timeoutMs: 20_000, description: "the author's posted DM with its buttons" },
    );
    expect(JSON.stringify(posted)).toContain('announcement_edit');

    const copyUpdates = () =>
      emu()
        .callsTo('chat.update')
        .filter((call) => call.ok && call.args.channel === CHANNEL && call.args.ts === copy.ts);
    const expired = await emu().waitFor(
      () => {
        const now = emu()
          .messages(CHANNEL)
          .find((m) => m.ts === copy.ts);
        return now && text(now).includes('⌛') ? now : undefined;
      },
      {
        timeoutMs: Math.max(0, boundary + 50_000 - Date.now()),
        description: 'the copy replaced by the expiry notice before the next reconciliation',
      },
    );
    expect(text(expired)).toContain(row.reference);
    expect(text(expired)).toContain('Fire drill today');
    // A channel copy speaks its author's language: Evan reads Chinese.
    expect(text(expired)).toContain('到期下架');
    expect(text(expired)).not.toContain('car park');
    // Never early: the one update came at or after the expiry time.
    expect(copyUpdates()).toHaveLength(1);
    expect(copyUpdates()[0]!.at).toBeGreaterThanOrEqual(expiresAt);

    const [after] = await running.db.sequelize.query<{ status: string }>(
      'SELECT status FROM announcements WHERE id = :id',
      { type: QueryTypes.SELECT, replacements: { id: row.id } },
    );
    expect(after?.status).toBe('expired');
    // …and once it has expired, that DM says so and offers neither.
    const closed = await emu().waitFor(
      () => {
        const now = emu()
          .messages(authorDm)
          .find((m) => m.ts === posted.ts);
        return now && text(now).includes('was posted and has since expired') ? now : undefined;
      },
      { timeoutMs: 20_000, description: "the author's posted DM without its buttons" },
    );
    expect(JSON.stringify(closed)).not.toContain('announcement_edit');
    expect(JSON.stringify(closed)).not.toContain('announcement_retract');
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log
          WHERE action = 'announcement.expired' AND subject_id = :reference AND actor = 'system:announcement-expiry'`,
        { reference: row.reference },
      ),
    ).toBe(1);
    // Once every fan-out item of the item has settled, the copy was still changed exactly once,
    // never deleted, and the channel holds no second copy.
    await emu().waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM fanout_items WHERE subject->>'announcementId' = :id AND status = 'pending'`,
          { id: String(row.id) },
        )) === 0,
      { timeoutMs: 30_000, description: 'every fan-out item settled' },
    );
    expect(copyUpdates()).toHaveLength(1);
    expect(
      emu()
        .callsTo('chat.delete')
        .filter((call) => call.args.channel === CHANNEL),
    ).toEqual([]);
    expect(
      emu()
        .messages(CHANNEL)
        .filter((m) => text(m).includes(row.reference)),
    ).toHaveLength(1);
  }, 150_000);
});

describe('/announce bad input', () => {
  // Carol reads Slack in English: the messages checked are the en catalog's.
  const CAROL = 'U01CAROL0';
  /** A composer submission built by hand (it skips the Slack client's required and length checks). */
  async function forgeSubmission(userId: string, fields: Record<string, unknown>) {
    // The composer's inputs all have the action id `value`; a forged state may be any shape.
    const value = (state: unknown) => ({ value: state as ViewStateValue });
    const values: ViewValues = {
      ann_title: value({ type: 'plain_text_input', value: 'Forged title' }),
      ann_body: value({ type: 'plain_text_input', value: 'Forged body.' }),
      ann_category: value({ type: 'static_select', selected_option: option('notice') }),
      ann_channels: value({ type: 'multi_conversations_select', selected_conversations: [CHANNEL] }),
    };
    for (const [block, state] of Object.entries(fields)) values[block] = value(state);
    const submission = viewSubmission({
      user: userId,
      triggerId: emu().createTriggerId(userId),
      callbackId: 'announce_composer',
      privateMetadata: JSON.stringify({ mode: 'new', key: randomUUID() }),
      values,
    });
    const response = await sendInteraction(emu(), submission);
    expect(response.status).toBe(200);
    return (response.body ? JSON.parse(response.body) : {}) as {
      response_action?: string;
      errors?: Record<string, string>;
    };
  }

  const announcements = () => count('SELECT count(*) AS n FROM announcements');
  const titled = (title: string) =>
    count('SELECT count(*) AS n FROM announcements WHERE title = :title', { title });

  it('refuses an expiry before the publication time typed in the composer', async () => {
    const before = await announcements();
    const result = await driver.compose(CAROL, {
      ann_title: 'Backwards',
      ann_body: 'Removed before it is published.',
      ann_category: 'notice',
      ann_channels: [CHANNEL],
      ann_publish_at: seconds(Date.now() + 2 * 3600_000),
      ann_expires_at: seconds(Date.now() + 3600_000),
    });
    expect(result.outcome).toBe('errors');
    expect(result.errors).toEqual({
      ann_expires_at: 'The removal time must come after the publication time.',
    });
    await emu().as(CAROL).closeView();
    expect(await titled('Backwards')).toBe(0);
    expect(await announcements()).toBe(before);
  }, 30_000);

  it.each([
    {
      what: 'an empty (blank) title',
      fields: { ann_title: { type: 'plain_text_input', value: '   ' } },
      block: 'ann_title',
      message: 'Please fill this in.',
    },
    {
      what: 'a title over 150 characters',
      fields: { ann_title: { type: 'plain_text_input', value: 'T'.repeat(151) } },
      block: 'ann_title',
      message: 'At most 150 characters',
    },
    {
      what: 'an empty body',
      fields: { ann_body: { type: 'plain_text_input', value: '' } },
      block: 'ann_body',
      message: 'Please fill this in.',
    },
    {
      what: 'a body over the Block Kit limit',
      fields: { ann_body: { type: 'plain_text_input', value: '長'.repeat(3001) } },
      block: 'ann_body',
      message: 'At most 3000 characters',
    },
    {
      what: 'an unknown channel',
      fields: {
        ann_channels: { type: 'multi_conversations_select', selected_conversations: [CHANNEL, 'C0NOSUCH99'] },
      },
      block: 'ann_channels',
      message: 'I cannot see the channel C0NOSUCH99',
    },
    {
      what: 'a channel id that is no id at all',
      fields: { ann_channels: { type: 'multi_conversations_select', selected_conversations: ['../../x'] } },
      block: 'ann_channels',
      message: 'I cannot see the channel',
    },
    {
      what: 'an expiry before the publication time',
      fields: {
        ann_publish_at: { type: 'datetimepicker', selected_date_time: Math.floor(Date.now() / 1000) + 7200 },
        ann_expires_at: { type: 'datetimepicker', selected_date_time: Math.floor(Date.now() / 1000) + 3600 },
      },
      block: 'ann_expires_at',
      message: 'The removal time must come after the publication time.',
    },
  ])(
    'a forged submission with $what gets a field error and creates nothing',
    async ({ fields, block, message }) => {
      const before = await announcements();
      const answer = await forgeSubmission(CAROL, fields);
      expect(answer.response_action).toBe('errors');
      expect(Object.keys(answer.errors ?? {})).toEqual([block]);
      expect(answer.errors?.[block]).toContain(message);
      expect(await titled('Forged title')).toBe(0);
      expect(await announcements()).toBe(before);
    },
    30_000,
  );

  it('a valid forged submission does create its item (the refusals above are the input, not the forging)', async () => {
    const answer = await forgeSubmission(CAROL, {
      ann_title: { type: 'plain_text_input', value: 'Forged but valid' },
    });
    expect(answer.response_action).toBeUndefined();
    await emu().waitFor(async () => (await titled('Forged but valid')) === 1, {
      timeoutMs: 10_000,
      description: 'the valid forged submission recorded',
    });
    expect((await driver.announcementRow('Forged but valid')).status).toBe('in_review');
  }, 30_000);
});
