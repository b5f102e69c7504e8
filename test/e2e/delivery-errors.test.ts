import { WebClient } from '@slack/web-api';
import { QueryTypes } from 'sequelize';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Issue 13 items 4 and 5: how the outbox courier meets Slack's failures on the running platform.
 * A 5xx is retried by the courier, one call per attempt with the "posted already?" check before
 * each re-post, never inside the Web API client (whose own retries skipped that check and posted
 * a card twice). A card Slack no longer has is posted anew and recorded; a refusal the same call
 * would meet again is settled, not retried for ever.
 */
let running: RunningPlatform;
const emu = () => running.emulator;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

async function submitLeave(requester: string, day: string): Promise<string> {
  const before = emu().ephemerals(requester).length;
  await emu().as(requester).command('/leave', `${day} ${day} annual Delivery errors`);
  await emu().waitFor(() => emu().ephemerals(requester).length > before, { timeoutMs: 5000 });
  const reference = /LV-\d{4}-\d{4}/.exec(JSON.stringify(emu().ephemerals(requester).at(-1)))?.[0];
  if (!reference) throw new Error('no reference in the reply');
  return reference;
}

interface Row {
  id: string;
  kind: string;
  attempts: number;
  delivered: boolean;
  last_error: string | null;
}
const rowsOf = (reference: string) =>
  running.db.sequelize.query<Row>(
    `SELECT o.id::text, o.kind, o.attempts, o.delivered_at IS NOT NULL AS delivered, o.last_error
       FROM outbox o JOIN workflow_instances i ON i.id = o.instance_id
      WHERE i.reference = :reference ORDER BY o.id`,
    { replacements: { reference }, type: QueryTypes.SELECT },
  );
const allDelivered = async (reference: string) => {
  const rows = await rowsOf(reference);
  return rows.length > 0 && rows.every((row) => row.delivered) ? rows : undefined;
};
const postsMarked = (outboxId: string) =>
  emu()
    .callsTo('chat.postMessage')
    .filter((call) => JSON.stringify(call.args.metadata ?? {}).includes(`"outbox_id":"${outboxId}"`));

it('retries a 5xx in the courier, one call per attempt, and posts each card once', async () => {
  emu().injectFailure('chat.postMessage', { status: 500, times: 2 });
  const reference = await submitLeave('U01EVAN00', '2027-11-02');
  const rows = await emu().waitFor(() => allDelivered(reference), {
    timeoutMs: 30_000,
    description: 'every row delivered after the 5xx',
  });
  const failed = emu()
    .callsTo('chat.postMessage')
    .filter((call) => call.status === 500);
  expect(failed).toHaveLength(2);
  for (const row of rows) {
    const calls = postsMarked(row.id);
    // The client made no call of its own: every call is one courier attempt.
    expect(calls.length).toBeLessThanOrEqual(row.attempts);
    expect(calls.filter((call) => call.ok)).toHaveLength(1);
  }
  expect(rows.some((row) => row.attempts > 1)).toBe(true);
}, 60_000);

it('posts a deleted tracking card anew and records the new message', async () => {
  const reference = await submitLeave('U01EVAN00', '2027-11-09');
  const [instance] = await running.db.sequelize.query<{
    id: number;
    card_ts: string | null;
    channel: string;
  }>('SELECT id, card_ts, card_channel AS channel FROM workflow_instances WHERE reference = :reference', {
    replacements: { reference },
    type: QueryTypes.SELECT,
  });
  const card = await emu().waitFor(
    async () => {
      const [row] = await running.db.sequelize.query<{ card_ts: string | null; channel: string | null }>(
        'SELECT card_ts, card_channel AS channel FROM workflow_instances WHERE reference = :reference',
        { replacements: { reference }, type: QueryTypes.SELECT },
      );
      return row?.card_ts && row.channel ? { ts: row.card_ts, channel: row.channel } : undefined;
    },
    { timeoutMs: 10_000, description: 'the tracking card' },
  );
  if (!instance) throw new Error('no request');
  // Someone deletes the tracking card in Slack.
  const bot = new WebClient(emu().botToken, { slackApiUrl: emu().apiUrl, retryConfig: { retries: 0 } });
  await bot.chat.delete({ channel: card.channel, ts: card.ts });

  const approverCard = await emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf('U01BOB000'))
        .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_approve')),
    { timeoutMs: 10_000, description: 'the approver card' },
  );
  await emu()
    .as('U01BOB000')
    .clickButton({
      actionId: 'wf_approve',
      in: { channel: emu().dmChannelOf('U01BOB000'), ts: approverCard.ts },
    });

  const moved = await emu().waitFor(
    async () => {
      const [row] = await running.db.sequelize.query<{ card_ts: string }>(
        'SELECT card_ts FROM workflow_instances WHERE id = :id',
        { replacements: { id: instance.id }, type: QueryTypes.SELECT },
      );
      return row && row.card_ts !== card.ts ? row.card_ts : undefined;
    },
    { timeoutMs: 15_000, description: 'the tracking card recorded anew' },
  );
  const fresh = emu()
    .messages(card.channel)
    .find((m) => m.ts === moved);
  expect(JSON.stringify(fresh)).toContain(reference);
  // The update of the deleted card was tried once, not retried.
  expect(
    emu()
      .callsTo('chat.update')
      .filter((call) => call.args.ts === card.ts),
  ).toHaveLength(1);
  await emu().waitFor(() => allDelivered(reference), { timeoutMs: 15_000, description: 'every row settled' });
}, 60_000);

it('settles a row Slack refuses for good instead of retrying it', async () => {
  emu().injectFailure('chat.postMessage', { error: 'user_not_found' });
  const reference = await submitLeave('U01EVAN00', '2027-11-16');
  const rows = await emu().waitFor(() => allDelivered(reference), {
    timeoutMs: 30_000,
    description: 'every row settled',
  });
  const refused = rows.filter((row) => row.last_error === 'undeliverable: user_not_found');
  expect(refused).toHaveLength(1);
  expect(refused[0]?.attempts).toBe(1);
  expect(postsMarked(refused[0]?.id ?? '')).toHaveLength(1);
}, 60_000);
