import { randomBytes } from 'node:crypto';
import { HOME_REFRESH_SLOT_MS, HomeRefresher, homeRefreshJobId } from '../../src/jobs/home-refresh';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/redis';

/** Home refreshes are coalesced per person and time slot: one queued job covers a burst. */
let backend: QueueBackend;
const db = useTestDatabase({ beforeDrop: () => backend?.close() });

beforeAll(() => {
  backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: db.url,
    namespace: `home_${randomBytes(4).toString('hex')}`,
    logger: createLogger('silent'),
  });
});

it('queues one refresh per person and slot, and a new one in the next slot', async () => {
  // The real queue, with its add() counted: the burst must cost one queue call, not five.
  let adds = 0;
  const counting: QueueBackend = {
    ...backend,
    createQueue: <Data>(name: string) => {
      const queue = backend.createQueue<Data>(name);
      const add = queue.add.bind(queue);
      queue.add = ((...args: Parameters<typeof add>) => {
        adds += 1;
        return add(...args);
      }) as typeof queue.add;
      return queue;
    },
  };
  const homes = new HomeRefresher(counting);
  // Well inside a slot, so the burst cannot straddle two.
  const start = (Math.floor(Date.now() / HOME_REFRESH_SLOT_MS) + 10) * HOME_REFRESH_SLOT_MS + 100;
  for (let i = 0; i < 5; i++) await homes.request('U01EVAN00', start + i * 10);
  await homes.request('U01BOB000', start);
  await homes.request('U01EVAN00', start + HOME_REFRESH_SLOT_MS);

  expect(adds).toBe(3);
  const counts = await homes.counts();
  expect(counts.delayed).toBe(3);
  const queue = backend.createQueue('home-refresh');
  for (const [user, at] of [
    ['U01EVAN00', start],
    ['U01BOB000', start],
    ['U01EVAN00', start + HOME_REFRESH_SLOT_MS],
  ] as const)
    expect(await queue.getJob(homeRefreshJobId(user, at))).toBeDefined();
  await queue.obliterate({ force: true });
});
