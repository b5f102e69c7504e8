import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { claimOutboxById } from '../../src/db/repositories/workflows-outbox.repository';
import { OutboxCourier } from '../../src/delivery/outbox-courier';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { useOutboxWorld } from '../support/outbox-world';
import { TEST_REDIS_URL } from '../support/redis';
import { waitFor } from '../support/wait';
import { workflows } from '../support/workflows';

const { submitRequest } = workflows;

/**
 * Issue 13 item 2: rows held by a process that died were stranded for the whole 300 s lease
 * (cards kept their buttons for 326 s after a kill -9). A lease names its holder's advisory lock;
 * once the holder's connection is gone, the rows are taken over at once — and never while it
 * lives.
 */
const logger = createLogger('silent');
let backend: QueueBackend;
let courier: OutboxCourier | undefined;
const world = useOutboxWorld(logger, {
  beforeStop: async () => {
    await courier?.stop();
    await courier?.settle();
    await backend?.close();
  },
});

beforeAll(() => {
  backend = createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: world.db.url,
    namespace: `dead_holder_${randomBytes(4).toString('hex')}`,
    logger,
  });
});

it('takes over the rows of a holder killed with SIGKILL within seconds, posting each once', async () => {
  const submitted = await submitRequest('U01EVAN00', 'leave', {
    leave_type: 'annual',
    start: { date: '2027-10-12', part: 'full' },
    end: { date: '2027-10-12', part: 'full' },
    reason: 'Held by a dying process',
  });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/outbox-lease-child.ts', world.db.url],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const held = JSON.parse(line) as { holder: number; ids: string[] };
  expect(held.holder).toBeGreaterThan(0);
  expect(held.ids.length).toBeGreaterThan(0);

  // While the holder lives, its rows are its own.
  for (const id of held.ids) expect(await claimOutboxById(id)).toBeNull();

  child.kill('SIGKILL');
  await exited;
  const killedAt = Date.now();
  courier = new OutboxCourier(backend, logger);
  courier.start(world.notify);
  await waitFor('the dead holder’s rows delivered', async () => (await world.undelivered()) === 0, 30_000);
  process.stdout.write(`taken over ${Date.now() - killedAt} ms after the kill\n`);

  const posts = world.emulator
    .messages(world.emulator.dmChannelOf('U01BOB000'))
    .filter((message) => JSON.stringify(message).includes(submitted.reference));
  expect(posts).toHaveLength(1);
}, 60_000);
