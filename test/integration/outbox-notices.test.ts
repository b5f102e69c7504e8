import { randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflows.repository';
import { approve, submitRequest, syncBuiltinTemplates } from '../../src/domain/workflows/engine.service';
import type { OutboxMessage } from '../../src/domain/workflows/types';
import { OutboxCourier } from '../../src/jobs/outbox-courier';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { addExampleUsers, loadExampleOrg, seedExampleOrgIfEmpty } from '../../src/local-workspace';
import { createLogger } from '../../src/logger';
import { SlackEmulator } from '../../src/sandbox';
import { createOutboxNotifier } from '../../src/slack/outbox-notifier';
import { UserContextResolver } from '../../src/slack/user-context';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/redis';

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

beforeAll(async () => {
  db = await createTestDatabase();
  const org = await loadExampleOrg();
  await seedExampleOrgIfEmpty(org, logger);
  await syncBuiltinTemplates();
  emulator = new SlackEmulator({ port: 0 });
  addExampleUsers(emulator, org);
  await emulator.start();
  const client = new WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
  });
  notify = createOutboxNotifier(
    client,
    new UserContextResolver(client, { locale: 'en', timezone: 'Asia/Taipei' }, logger),
  );
});

afterAll(async () => {
  for (const backend of backends) await backend.close();
  await emulator.stop();
  await db.drop();
});

/** A courier delivering one row at a time, so the order is the queue's priority order. */
function startCourier(notices = notify.notices) {
  const backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: db.url,
    namespace: `notices_${randomBytes(4).toString('hex')}`,
    logger,
  });
  backends.push(backend);
  const courier = new OutboxCourier(backend, logger, undefined, 1);
  courier.start(notify, notices);
  return courier;
}

const undelivered = async () =>
  Number(
    (
      await db.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL', {
        type: QueryTypes.SELECT,
      })
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

/** Three one-day leaves of Evan's, approved by Bob while nothing is delivered yet. */
async function threeApprovedLeaves(days: string[]): Promise<string[]> {
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

/** Plain messages (no blocks: not a card) in a person's DM that mention one of the references. */
const noticesTo = (userId: string, references: string[]) =>
  emulator
    .messages(emulator.dmChannelOf(userId))
    .filter((m) => !m.blocks?.length && references.some((ref) => m.text?.includes(ref)));

const mentions = (messages: { text?: string }[], reference: string) =>
  messages.filter((m) => m.text?.includes(reference)).length;

it('sends the outcomes waiting for a requester, and the FYIs waiting for a CC, as one message each', async () => {
  const references = await threeApprovedLeaves(['2027-06-21', '2027-06-22', '2027-06-23']);
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
  const references = await threeApprovedLeaves(['2027-06-14', '2027-06-15', '2027-06-16']);
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
