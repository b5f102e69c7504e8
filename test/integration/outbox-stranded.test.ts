import { randomBytes } from 'node:crypto';
import type { SlackEmulator } from '@gongwu/slack-emulator';
import { findUndeliveredOutboxIds } from '../../src/db/repositories/workflows-outbox.repository';
import { OUTBOX_QUEUE, OutboxCourier, outboxJobId } from '../../src/delivery/outbox-courier';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import type { TestDatabase } from '../support/database';
import { useOutboxWorld } from '../support/outbox-world';
import { TEST_REDIS_URL } from '../support/redis';
import { workflows } from '../support/workflows';

const { submitRequest } = workflows;

/**
 * Failed delivery jobs are kept for inspection; one whose every attempt failed (say the database
 * was away while it claimed its row) must not block its row for good: the courier's
 * reconciliation retries it, on both queue backends, and the notification is delivered.
 */
const logger = createLogger('silent');
let db: TestDatabase;
let emulator: SlackEmulator;
const backends: QueueBackend[] = [];
const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    for (const backend of backends) await backend.close();
  },
});
beforeAll(() => {
  ({ db, emulator } = world);
});

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(['redis', 'postgres'] as const)('on the %s queue backend', (kind) => {
  it('retries a delivery job that failed for good, so its row is delivered', async () => {
    const backend = createQueueBackend({
      redisUrl: kind === 'redis' ? TEST_REDIS_URL : undefined,
      databaseUrl: db.url,
      namespace: `stranded_${kind}_${randomBytes(4).toString('hex')}`,
      logger,
    });
    backends.push(backend);
    const submitted = await submitRequest('U01EVAN00', 'leave', {
      leave_type: 'annual',
      start: { date: kind === 'redis' ? '2027-08-10' : '2027-08-11', part: 'full' },
      end: { date: kind === 'redis' ? '2027-08-10' : '2027-08-11', part: 'full' },
      reason: 'Stranded delivery',
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    const rows = await findUndeliveredOutboxIds();
    expect(rows.length).toBeGreaterThan(0);

    // Each row's delivery job fails its only attempt and is kept in the failed set.
    const queue = backend.createQueue<{ outboxId: string }>(OUTBOX_QUEUE);
    const failing = backend.createWorker(OUTBOX_QUEUE, async () => {
      throw new Error('the database is away');
    });
    for (const row of rows)
      await queue.add(
        'deliver',
        { outboxId: row.id },
        { jobId: outboxJobId(row.id, row.attempts), attempts: 1 },
      );
    await until('the failed jobs', async () => (await queue.getJobCounts('failed')).failed === rows.length);
    await failing.close();

    const courier = new OutboxCourier(backend, logger);
    courier.start(world.notify);
    await courier.reconcile();
    await until('every row delivered', async () => (await findUndeliveredOutboxIds()).length === 0);
    expect(
      emulator
        .messages(emulator.dmChannelOf('U01BOB000'))
        .filter((m) => JSON.stringify(m).includes(submitted.reference)),
    ).toHaveLength(1);
  }, 60_000);
});
