import { randomBytes } from 'node:crypto';
import { OutboxCourier } from '../../src/delivery/outbox-courier';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { useOutboxWorld } from '../support/outbox-world';
import { type OwnRedis, startOwnRedis } from '../support/own-redis';
import { waitFor } from '../support/wait';
import { workflows } from '../support/workflows';

const { submitRequest } = workflows;

/**
 * Issue 13 item 1: the outbox's reconciliation is its safety net for rows no kick delivered (a
 * crash between commit and kick, a replica that died holding them). Its schedule must survive
 * Redis losing every key: a schedule kept only in Redis (a BullMQ job scheduler) was gone after
 * such a restart, and rows written afterwards without a kick were never delivered.
 */
const logger = createLogger('silent');
let redis: OwnRedis;
let backend: QueueBackend;
let courier: OutboxCourier;
const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    await courier?.stop();
    await courier?.settle();
    await backend?.close();
    await redis?.stop();
  },
});

beforeAll(async () => {
  redis = await startOwnRedis();
  backend = createQueueBackend({
    redisUrl: redis.url,
    databaseUrl: world.db.url,
    namespace: `redis_loss_${randomBytes(4).toString('hex')}`,
    logger,
  });
  courier = new OutboxCourier(backend, logger, undefined, 16, 1000);
  courier.start(world.notify);
});

it('keeps reconciling after Redis restarts empty, so rows nobody kicked are delivered', async () => {
  await redis.restart();
  // Written after the restart and never kicked: only a reconciliation pass can find them.
  const submitted = await submitRequest('U01EVAN00', 'leave', {
    leave_type: 'annual',
    start: { date: '2027-09-14', part: 'full' },
    end: { date: '2027-09-14', part: 'full' },
    reason: 'After the Redis restart',
  });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  expect(await world.undelivered()).toBeGreaterThan(0);

  await waitFor(
    'every row delivered by reconciliation',
    async () => (await world.undelivered()) === 0,
    20_000,
  );
  const cards = world.emulator
    .messages(world.emulator.dmChannelOf('U01BOB000'))
    .filter((message) => JSON.stringify(message).includes(submitted.reference));
  expect(cards).toHaveLength(1);
}, 60_000);
