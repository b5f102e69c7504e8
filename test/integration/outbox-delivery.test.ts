import { randomBytes } from 'node:crypto';
import type { SlackEmulator } from '@gongwu/slack-emulator';
import { OutboxCourier } from '../../src/delivery/outbox-courier';
import type { OutboxMessage } from '../../src/domain/workflows/outbox-types';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import type { TestDatabase } from '../support/database';
import { useOutboxWorld } from '../support/outbox-world';
import { TEST_REDIS_URL } from '../support/redis';
import { workflows } from '../support/workflows';

const { submitRequest } = workflows;

/**
 * The outbox survives a dead worker: notifications committed while no worker runs, and one lost
 * between Slack accepting a post and the row being marked, are delivered exactly once later.
 */
const logger = createLogger('silent');
let db: TestDatabase;
let emulator: SlackEmulator;
let deliver: (message: OutboxMessage) => Promise<{ channel?: string; ts?: string }>;
const namespace = `outbox_${randomBytes(4).toString('hex')}`;
const backends: QueueBackend[] = [];

const newCourier = () => {
  const backend = createQueueBackend({ redisUrl: TEST_REDIS_URL, databaseUrl: db.url, namespace, logger });
  backends.push(backend);
  return { backend, courier: new OutboxCourier(backend, logger) };
};

const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    for (const backend of backends) await backend.close();
  },
});
beforeAll(() => {
  ({ db, emulator } = world);
  deliver = world.notify;
});

const undelivered = () => world.undelivered();

const cardsFor = (userId: string, reference: string) =>
  emulator.messages(emulator.dmChannelOf(userId)).filter((m) => JSON.stringify(m).includes(reference));

describe('outbox delivery after a crash', () => {
  it('delivers what was committed while no worker ran, and a post lost before marking, exactly once', async () => {
    const submitted = await submitRequest('U01EVAN00', 'leave', {
      leave_type: 'annual',
      start: { date: '2027-05-10', part: 'full' },
      end: { date: '2027-05-10', part: 'full' },
      reason: 'Crash test',
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const { reference } = submitted;
    // Committed, nothing sent: the worker is "dead".
    expect(await undelivered()).toBeGreaterThanOrEqual(2);
    expect(cardsFor('U01BOB000', reference)).toHaveLength(0);

    // A worker comes up and dies right after Slack accepts its first post, before marking the row.
    const first = newCourier();
    let crashed = false;
    const crashed$ = new Promise<void>((resolve) => {
      first.courier.start(async (message) => {
        const card = await deliver(message);
        if (!crashed) {
          crashed = true;
          resolve();
          throw new Error('worker killed after posting');
        }
        return card;
      });
    });
    await first.courier.kick();
    await crashed$;
    await first.backend.close();

    // A new worker picks up everything still undelivered (the crashed row once its lease expires).
    const second = newCourier();
    second.courier.start(deliver);
    await emulator.waitFor(
      async () => {
        await second.courier.reconcile();
        return (await undelivered()) === 0;
      },
      { timeoutMs: 20_000, intervalMs: 500, description: 'every outbox row delivered' },
    );
    expect(cardsFor('U01BOB000', reference)).toHaveLength(1);
    expect(cardsFor('U01EVAN00', reference)).toHaveLength(1);
    expect(emulator.callsTo('conversations.history').length).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('a kick in a process that delivers sends its rows itself while it has free slots, the rest through the queue', async () => {
    const references: string[] = [];
    for (const date of ['2027-05-17', '2027-05-18', '2027-05-19'])
      references.push((await submitOrThrow(date, 'Slots test')).reference);
    expect(await undelivered()).toBe(6);
    // A queue of its own: the couriers above still serve theirs.
    const backend = createQueueBackend({
      redisUrl: TEST_REDIS_URL,
      databaseUrl: db.url,
      namespace: `${namespace}_slots`,
      logger,
    });
    backends.push(backend);
    const courier = new OutboxCourier(backend, logger, undefined, 2);
    // Every delivery holds until released: two slots taken at once by the kick, two by the worker.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = 0;
    let mostHeld = 0;
    courier.start(async (message) => {
      holding += 1;
      mostHeld = Math.max(mostHeld, holding);
      await released;
      holding -= 1;
      return deliver(message);
    });
    try {
      await courier.kick();
      // The worker holds two (its concurrency); the other two are the kick's own, outside the queue.
      await emulator.waitFor(() => holding === 4, { timeoutMs: 10_000, description: 'four deliveries held' });
    } finally {
      release();
    }
    await emulator.waitFor(async () => (await undelivered()) === 0, {
      timeoutMs: 20_000,
      description: 'every row delivered',
    });
    expect(mostHeld).toBe(4);
    for (const reference of references) {
      expect(cardsFor('U01BOB000', reference)).toHaveLength(1);
      expect(cardsFor('U01EVAN00', reference)).toHaveLength(1);
    }
    await courier.settle();
  }, 30_000);

  it('waits out a 429 as Slack asks (Retry-After) and then delivers once', async () => {
    const { reference } = await submitOrThrow('2027-05-11', 'Rate limit test');
    emulator.injectFailure('chat.postMessage', { status: 429, retryAfter: 2, times: 1 });
    const started = Date.now();
    const { courier } = newCourier();
    courier.start(deliver);
    await emulator.waitFor(
      async () => {
        await courier.kick();
        return (await undelivered()) === 0;
      },
      { timeoutMs: 20_000, intervalMs: 300, description: 'every outbox row delivered after the 429' },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(cardsFor('U01BOB000', reference)).toHaveLength(1);
    expect(cardsFor('U01EVAN00', reference)).toHaveLength(1);
  }, 30_000);
});

async function submitOrThrow(date: string, reason: string) {
  const submitted = await submitRequest('U01EVAN00', 'leave', {
    leave_type: 'annual',
    start: { date, part: 'full' },
    end: { date, part: 'full' },
    reason,
  });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
  return submitted;
}
