import { randomBytes } from 'node:crypto';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createEmptyDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/redis';

/** The same behaviour is required of both backends; each runs in its own namespace. */
const backends: Array<[string, () => Promise<{ backend: QueueBackend; cleanup: () => Promise<void> }>]> = [
  [
    'redis',
    async () => ({
      backend: createQueueBackend({
        redisUrl: TEST_REDIS_URL,
        databaseUrl: 'postgres://unused',
        namespace: `test-${randomBytes(4).toString('hex')}`,
      }),
      cleanup: async () => undefined,
    }),
  ],
  [
    'postgres',
    async () => {
      const db = await createEmptyDatabase('gongwu_queue');
      return {
        backend: createQueueBackend({ databaseUrl: db.url, namespace: 'bullmq_test' }),
        cleanup: db.drop,
      };
    },
  ],
];

describe.each(backends)('queue backend: %s', (kind, make) => {
  let backend: QueueBackend;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ backend, cleanup } = await make());
  });
  afterAll(async () => {
    await backend.close();
    await cleanup();
  });

  it('is the backend the configuration asked for and answers ping', async () => {
    expect(backend.kind).toBe(kind);
    await expect(backend.ping()).resolves.toBeUndefined();
  });

  it('tells of a job given up after its last attempt, not of a failure it retries', async () => {
    const givenUp: Array<{ queue: string; jobId: string | undefined; attemptsMade: number; error: string }> =
      [];
    backend.onJobGivenUp((failure) => givenUp.push(failure));
    const queue = backend.createQueue<{ n: number }>('given-up');
    let tries = 0;
    backend.createWorker<{ n: number }>('given-up', async () => {
      tries += 1;
      throw new Error(`try ${tries} failed`);
    });
    await queue.add('x', { n: 1 }, { jobId: 'doomed', attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    const deadline = Date.now() + 15_000;
    while (givenUp.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(tries).toBe(2);
    expect(givenUp).toEqual([
      expect.objectContaining({ queue: 'given-up', jobId: 'doomed', attemptsMade: 2, error: 'try 2 failed' }),
    ]);
  }, 20_000);

  it('runs a job once even when the same deterministic id is added twice', async () => {
    const queue = backend.createQueue<{ n: number }>('dedupe');
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      backend.createWorker<{ n: number }>('dedupe', async (job) => {
        seen.push(`${job.id}:${job.data.n}`);
        if (job.data.n === 2) resolve();
      });
    });
    await queue.add('x', { n: 1 }, { jobId: 'task-7-remind-1', delay: 300 });
    await queue.add('x', { n: 99 }, { jobId: 'task-7-remind-1', delay: 300 });
    await queue.add('x', { n: 2 }, { jobId: 'task-7-remind-2', delay: 600 });
    await done;
    expect(seen).toEqual(['task-7-remind-1:1', 'task-7-remind-2:2']);
  });

  it('retries a failing job with backoff and keeps it for inspection when it keeps failing', async () => {
    const queue = backend.createQueue<Record<string, never>>('failing');
    let attempts = 0;
    const failed = new Promise<void>((resolve) => {
      const worker = backend.createWorker('failing', async () => {
        attempts += 1;
        throw new Error('slack is down');
      });
      worker.on('failed', (job) => {
        if (job && job.attemptsMade >= 2) resolve();
      });
    });
    await queue.add('x', {}, { jobId: 'always-fails', attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    await failed;
    expect(attempts).toBe(2);
    const job = await queue.getJob('always-fails');
    expect(job?.failedReason).toBe('slack is down');
  });
});

describe('queue backend: unreachable Redis', () => {
  it('reports why ping fails instead of hanging', async () => {
    const backend = createQueueBackend({ redisUrl: 'redis://127.0.0.1:1', databaseUrl: 'postgres://unused' });
    try {
      await expect(backend.ping()).rejects.toThrow();
    } finally {
      await backend.close();
    }
  });
});
