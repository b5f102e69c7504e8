import { randomBytes } from 'node:crypto';
import type { Worker } from 'bullmq';
import { HOME_REFRESH_SLOT_MS, HomeRefresher, startHomeRefreshWorker } from '../../src/jobs/home-refresh';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { publishHomeForRefresh } from '../../src/slack/home-publisher';
import { createCourierClient } from '../../src/slack/slack-errors';
import { UserContextResolver } from '../../src/slack/user-context';
import { useOutboxWorld } from '../support/outbox-world';
import { TEST_REDIS_URL } from '../support/redis';
import { waitFor } from '../support/wait';
import { announcements, files, org, workflows } from '../support/workflows';

/**
 * Issue 13 item 6: a Home refresh that cannot succeed (Slack refuses the app itself) is not
 * retried and stops further refreshes for a while, instead of calling Slack for every change;
 * one that fails for a passing reason is retried until it succeeds, never left failed for good.
 */
const logger = createLogger('silent');
let backend: QueueBackend;
let homes: HomeRefresher;
let worker: Worker;
const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    await worker?.close();
    await backend?.close();
  },
});

beforeAll(() => {
  backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: world.db.url,
    namespace: `home_fail_${randomBytes(4).toString('hex')}`,
    logger,
  });
  const client = createCourierClient(
    { botToken: world.emulator.botToken, apiUrl: world.emulator.apiUrl },
    logger,
  );
  const users = new UserContextResolver(client, { locale: 'en', timezone: 'Asia/Taipei' }, logger);
  homes = new HomeRefresher(backend);
  worker = startHomeRefreshWorker(
    backend,
    (id) => publishHomeForRefresh(client, { users, workflows, announcements, org, files }, id),
    logger,
    homes,
  );
});

const publishes = () => world.emulator.callsTo('views.publish');
const jobCounts = () => homes.counts();

it('keeps retrying a refresh that fails for a passing reason past the queue’s default attempts', async () => {
  world.emulator.clearCalls();
  // Five failures use up the attempts every other job gets (DEFAULT_JOB_OPTIONS): a Home refresh
  // must still be waiting for its next try, not failed for good.
  world.emulator.injectFailure('views.publish', { status: 500, times: 5 });
  await homes.request('U01EVAN00');
  await waitFor('five failed publishes', async () => publishes().length >= 5, 40_000);
  await waitFor(
    'the fifth failure handled',
    async () => {
      const counts = await jobCounts();
      return (counts.delayed ?? 0) + (counts.failed ?? 0) === 1 && (counts.active ?? 0) === 0;
    },
    10_000,
  );
  const counts = await jobCounts();
  expect(counts.failed).toBe(0);
  expect(counts.delayed).toBe(1);
  expect(publishes().every((call) => !call.ok)).toBe(true);
  await backend.createQueue('home-refresh').drain(true);
}, 60_000);

it('does not retry a refusal of the app itself, and pauses later refreshes', async () => {
  world.emulator.clearCalls();
  world.emulator.injectFailure('views.publish', { error: 'not_authed', times: 100 });
  await homes.request('U01BOB000');
  await waitFor('the refused refresh settled', async () => (await jobCounts()).failed === 1, 20_000);
  expect(publishes()).toHaveLength(1);

  // Later changes for other people queue nothing while paused.
  const later = Date.now() + HOME_REFRESH_SLOT_MS;
  await homes.request('U01CAROL0', later);
  await homes.request('U01EVAN00', later);
  const counts = await jobCounts();
  expect((counts.delayed ?? 0) + (counts.waiting ?? 0) + (counts.active ?? 0)).toBe(0);
  expect(publishes()).toHaveLength(1);
  world.emulator.clearFailures();
}, 30_000);
