import { randomBytes } from 'node:crypto';
import { SlackEmulator } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import { fanoutProgress, insertFanoutItems } from '../../src/db/repositories/fanout.repository';
import { useTestDatabase } from '../support/database';
import {
  type FanoutWorkerSpec,
  spawnFanoutWorker,
  startFanoutWorker,
  TEST_PURPOSE,
  testPurpose,
} from '../support/fanout-worker';
import { TEST_REDIS_URL } from '../support/redis';

/**
 * Fan-out under emulated rate limits with a worker killed mid-run: every target exactly once.
 * The sender runs in a child process that is SIGKILLed while it is sending; a second one takes
 * over (the dead one's leased items come back when their lease runs out, and are looked up in
 * the conversation before being posted again).
 */
jest.setTimeout(180_000);

const PEOPLE = Array.from({ length: 300 }, (_, i) => `UCRASH${String(i).padStart(4, '0')}`);

describe.each(['redis', 'postgres'] as const)('fan-out crash recovery (%s queue)', (queue) => {
  const db = useTestDatabase();
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = new SlackEmulator({ port: 0 });
    for (const id of PEOPLE) emulator.addUser({ id, name: id.toLowerCase() });
    await emulator.start();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  it('fan-out under emulated rate limits with a worker killed mid-run: every target exactly once', async () => {
    // Slack's per-channel rule, and a workspace cap equal to our ceiling.
    emulator.enableRateLimits({
      'chat.postMessage': [
        { limit: 3, windowMs: 3000, per: 'channel' },
        { limit: 40, windowMs: 1000 },
      ],
    });
    const spec: FanoutWorkerSpec = {
      databaseUrl: db.url,
      redisUrl: queue === 'redis' ? TEST_REDIS_URL : undefined,
      namespace: `crash_${randomBytes(4).toString('hex')}`,
      slack: { botToken: emulator.botToken, apiUrl: emulator.apiUrl },
      options: { postsPerSecond: 40, concurrency: 8, leaseSeconds: 15, reconcileEveryMs: 5000 },
    };
    const batch = `crash-${queue}`;
    await insertFanoutItems(
      PEOPLE.map((person) => ({
        itemKey: `${batch}-${person}`,
        batchKey: batch,
        purpose: TEST_PURPOSE,
        method: 'post' as const,
        channel: person,
        subject: { text: `chase ${person}` },
        priority: 9,
      })),
    );
    // This process only queues the items; the children send them.
    const producer = startFanoutWorker(spec, testPurpose({ permanentErrors: [], settled: [] }));
    const delivered = () => emulator.callsTo('chat.postMessage').filter((call) => call.ok).length;
    const first = spawnFanoutWorker(spec);
    const second = { current: undefined as ReturnType<typeof spawnFanoutWorker> | undefined };
    try {
      await first.ready;
      await producer.sender.kick();
      await emulator.waitFor(() => delivered() >= 100, { timeoutMs: 60_000 });
      first.child.kill('SIGKILL');
      const killedAt = delivered();
      expect(killedAt).toBeLessThan(PEOPLE.length);

      second.current = spawnFanoutWorker(spec);
      await second.current.ready;
      const done = await emulator.waitFor(
        async () => {
          const progress = await fanoutProgress(batch);
          return progress.pending === 0 ? progress : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );
      expect(done).toEqual({ pending: 0, sent: PEOPLE.length, failed: 0, skipped: 0 });
      for (const person of PEOPLE) {
        const messages = emulator.messages(emulator.dmChannelOf(person));
        expect({ person, count: messages.length }).toEqual({ person, count: 1 });
      }
      expect(emulator.callsTo('chat.postMessage').some((call) => call.status === 429)).toBe(true);
      // The kill interrupted work in flight: items the dead worker held came back in doubt.
      const [row] = await db.sequelize.query<{ n: string }>(
        'SELECT count(*) AS n FROM fanout_items WHERE batch_key = :batch AND in_doubt',
        { replacements: { batch }, type: QueryTypes.SELECT },
      );
      expect(Number(row!.n)).toBeGreaterThan(0);
    } finally {
      first.child.kill('SIGKILL');
      second.current?.child.kill('SIGKILL');
      await producer.backend.close();
    }
  });
});
