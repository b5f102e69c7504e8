import { randomBytes } from 'node:crypto';
import type { SlackEmulator } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import {
  type DeliverNotices,
  type DeliverOutbox,
  NOTICE_KINDS,
  OUTBOX_QUEUE,
  OutboxCourier,
  RetryLaterError,
} from '../../src/delivery/outbox-courier';
import type { OutboxMessage } from '../../src/domain/workflows/outbox-types';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import type { createOutboxNotifier } from '../../src/slack/outbox-notifier';
import type { TestDatabase } from '../support/database';
import { useOutboxWorld } from '../support/outbox-world';
import { TEST_REDIS_URL } from '../support/redis';
import { workflows } from '../support/workflows';

const { approve, submitRequest } = workflows;

/**
 * Notices that wait together for one person (outcomes to a requester, FYIs to a CC'd head) go out
 * as one message, each exactly once — also when the merged post is sent again after a failure.
 */
const logger = createLogger('silent');
const EVAN = 'U01EVAN00'; // requester; Bob approves, the head of HR (Carol) is CC'd on leave
const BOB = 'U01BOB000';
const CAROL = 'U01CAROL0';
let db: TestDatabase;
let emulator: SlackEmulator;
let notify: ReturnType<typeof createOutboxNotifier>;
const backends: QueueBackend[] = [];

const world = useOutboxWorld(logger);
beforeAll(() => {
  ({ db, emulator, notify } = world);
});

// Each test's courier stops with it: a courier left running would reconcile the next test's rows.
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close();
});

/** A courier delivering one row at a time, so the order is the queue's priority order. */
function startCourier(
  notices: DeliverNotices = notify.notices,
  { concurrency = 1, deliver = notify as DeliverOutbox } = {},
) {
  const backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: db.url,
    namespace: `notices_${randomBytes(4).toString('hex')}`,
    logger,
  });
  backends.push(backend);
  const courier = new OutboxCourier(backend, logger, undefined, concurrency);
  courier.start(deliver, notices);
  return courier;
}

const undelivered = () => world.undelivered();

const undeliveredNotices = async () =>
  Number(
    (
      await db.sequelize.query<{ n: string }>(
        'SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL AND kind IN (:kinds)',
        { replacements: { kinds: [...NOTICE_KINDS] }, type: QueryTypes.SELECT },
      )
    )[0]!.n,
  );

async function deliverAll(courier: OutboxCourier, description: string) {
  await emulator.waitFor(
    async () => {
      await courier.reconcile();
      return (await undelivered()) === 0;
    },
    { timeoutMs: 30_000, intervalMs: 300, description },
  );
}

/** One-day leaves of Evan's, approved by Bob while nothing is delivered yet. */
async function approvedLeaves(days: string[]): Promise<string[]> {
  const references: string[] = [];
  for (const day of days) {
    const submitted = await submitRequest(EVAN, 'leave', {
      leave_type: 'annual',
      start: { date: day, part: 'full' },
      end: { date: day, part: 'full' },
      reason: `Notices ${day}`,
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const [task] = await findTasksOf([submitted.instanceId]);
    await approve(BOB, task!.id);
    references.push(submitted.reference);
  }
  return references;
}

/** `count` working days (Monday to Friday) from `first` on, as ISO dates. */
function weekdaysFrom(first: string, count: number): string[] {
  const days: string[] = [];
  for (const day = new Date(`${first}T00:00:00Z`); days.length < count; day.setUTCDate(day.getUTCDate() + 1))
    if (day.getUTCDay() % 6 !== 0) days.push(day.toISOString().slice(0, 10));
  return days;
}

/** Plain messages (no blocks: not a card) in a person's DM that mention one of the references. */
const noticesTo = (userId: string, references: string[]) =>
  emulator
    .messages(emulator.dmChannelOf(userId))
    .filter((m) => !m.blocks?.length && references.some((ref) => m.text?.includes(ref)));

const mentions = (messages: { text?: string }[], reference: string) =>
  messages.filter((m) => m.text?.includes(reference)).length;

it('sends the outcomes waiting for a requester, and the FYIs waiting for a CC, as one message each', async () => {
  const references = await approvedLeaves(['2027-06-21', '2027-06-22', '2027-06-23']);
  const courier = startCourier();
  await deliverAll(courier, 'every notice delivered');

  const toEvan = noticesTo(EVAN, references);
  expect(toEvan).toHaveLength(1);
  for (const reference of references) expect(mentions(toEvan, reference)).toBe(1);
  const toCarol = noticesTo(CAROL, references);
  expect(toCarol).toHaveLength(1);
  for (const reference of references) expect(mentions(toCarol, reference)).toBe(1);
  // Cards are never merged: each request still has its own tracking card and approver card.
  for (const reference of references) {
    expect(
      emulator
        .messages(emulator.dmChannelOf(EVAN))
        .filter((m) => m.blocks?.length && m.text?.includes(reference)),
    ).toHaveLength(1);
    expect(
      emulator
        .messages(emulator.dmChannelOf(BOB))
        .filter((m) => m.blocks?.length && m.text?.includes(reference)),
    ).toHaveLength(1);
  }
}, 40_000);

it('does not post a merged message twice when its delivery is retried after Slack accepted it', async () => {
  const references = await approvedLeaves(['2027-06-14', '2027-06-15', '2027-06-16']);
  let failedOnce = false;
  // The worker "dies" after Slack took the merged post, before the rows are marked delivered.
  const courier = startCourier(async (group: readonly OutboxMessage[]) => {
    await notify.notices(group);
    if (!failedOnce) {
      failedOnce = true;
      throw new Error('worker killed after posting');
    }
  });
  await deliverAll(courier, 'every notice delivered after the retry');

  expect(failedOnce).toBe(true);
  const toEvan = noticesTo(EVAN, references);
  expect(toEvan).toHaveLength(1);
  for (const reference of references) expect(mentions(toEvan, reference)).toBe(1);
  const toCarol = noticesTo(CAROL, references);
  for (const reference of references) expect(mentions(toCarol, reference)).toBe(1);
}, 40_000);

/**
 * Leaves approved on the given days, their cards delivered, their notices (an outcome to Evan and
 * an FYI to Carol each) waiting as new rows: what a burst of decisions leaves for two people.
 */
async function noticesWaiting(days: string[]): Promise<string[]> {
  const references = await approvedLeaves(days);
  const held = () => Promise.reject(new RetryLaterError('held back by the test', 3600));
  const cardsOnly = startCourier(held, {
    deliver: (message) => (NOTICE_KINDS.has(message.kind) ? held() : notify(message)),
  });
  await emulator.waitFor(
    async () => {
      await cardsOnly.reconcile();
      return (await undelivered()) === (await undeliveredNotices());
    },
    { timeoutMs: 30_000, intervalMs: 300, description: 'every card delivered' },
  );
  for (const backend of backends.splice(0)) await backend.close();
  await db.sequelize.query('UPDATE outbox SET leased_until = NULL, attempts = 0 WHERE delivered_at IS NULL');
  return references;
}

it('paces posts to one conversation instead of letting the notices waiting for it fail together', async () => {
  // 24 notices each for Evan and Carol: three merged posts per person, to be sent by 16 deliveries
  // in flight. Slack here allows one post per 0.4 s in a conversation; the courier's pace is 1 s (the margin
  // absorbs a busy machine's delay between taking a turn and the post reaching Slack).
  const [before] = await db.sequelize.query<{ lastId: string }>(
    'SELECT coalesce(max(id), 0) AS "lastId" FROM outbox',
    { type: QueryTypes.SELECT },
  );
  const references = await noticesWaiting(weekdaysFrom('2027-08-02', 24));
  expect(await undeliveredNotices()).toBe(48);

  const postsBefore = emulator.callsTo('chat.postMessage').length;
  emulator.enableRateLimits({ 'chat.postMessage': { limit: 1, windowMs: 400, per: 'channel' } });
  try {
    const courier = startCourier(notify.notices, { concurrency: 16 });
    await deliverAll(courier, 'every notice delivered under the pace');
  } finally {
    emulator.disableRateLimits();
  }
  for (const person of [EVAN, CAROL]) {
    const notices = noticesTo(person, references);
    // Ten at most per message; a row held for a moment by a job being put back may miss one.
    expect(notices.length).toBeGreaterThanOrEqual(3);
    expect(notices.length).toBeLessThanOrEqual(6);
    for (const reference of references) expect(mentions(notices, reference)).toBe(1);
  }
  const posts = emulator.callsTo('chat.postMessage').slice(postsBefore);
  expect(posts.filter((call) => call.status === 429)).toHaveLength(0);
  // Put back for their turn, not failed: no row counts more than the one attempt that sent it.
  const [after] = await db.sequelize.query<{ attempts: number }>(
    `SELECT max(attempts)::int AS attempts FROM outbox
      WHERE id > :lastId AND kind IN ('cc_notified', 'request_decided')`,
    { replacements: { lastId: before!.lastId }, type: QueryTypes.SELECT },
  );
  expect(after!.attempts).toBe(1);
}, 60_000);

it('keeps at most two waiting jobs per row while Slack holds a conversation, however often reconciliation runs', async () => {
  await noticesWaiting(weekdaysFrom('2027-11-01', 12)); // 12 notices each: a group of 10 and 2 left
  // Slack refuses every post with Retry-After 30 s: each person's conversation is held. Merged or
  // alone (a notice whose companions another delivery has just leased goes out by itself), each
  // person's first post is the one the pacer lets through, and the only one while Slack holds it.
  let refused = 0;
  const refuse = async (): Promise<never> => {
    refused += 1;
    throw new RetryLaterError('Slack rate limit', 30);
  };
  const courier = startCourier(refuse, {
    concurrency: 16,
    deliver: (message) => (NOTICE_KINDS.has(message.kind) ? refuse() : notify(message)),
  });
  const queue = backends[0]!.createQueue<{ outboxId: string }>(OUTBOX_QUEUE);
  const settled = async () => {
    const counts = await queue.getJobCounts('waiting', 'active');
    return counts.waiting === 0 && counts.active === 0;
  };
  await courier.reconcile();
  await emulator.waitFor(async () => refused >= 2 && (await settled()), { timeoutMs: 10_000 });
  // The rows left behind are put back for their turn; each pass re-enqueues every waiting row.
  for (let pass = 0; pass < 4; pass++) {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await courier.reconcile();
    await emulator.waitFor(settled, { timeoutMs: 10_000 });
  }
  // Only delivery jobs: the courier's own reconciliation schedule keeps a delayed job in this queue.
  const jobsPerRow = new Map<string, number>();
  for (const job of await queue.getDelayed()) {
    if (job.name === 'reconcile') continue;
    jobsPerRow.set(job.data.outboxId, (jobsPerRow.get(job.data.outboxId) ?? 0) + 1);
  }
  expect(jobsPerRow.size).toBe(24);
  expect(Math.max(...jobsPerRow.values())).toBeLessThanOrEqual(2);
  expect(refused).toBe(2);
}, 60_000);
