import { randomBytes } from 'node:crypto';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createEmptyDatabase } from '../support/database';
import { TEST_REDIS_URL } from '../support/redis';

/**
 * addMissing — what reconciliation passes use — on both backends: adds the jobs the queue lacks,
 * leaves pending ones alone (same data, same due time), and retries a job kept as failed.
 */
describe.each(['redis', 'postgres'] as const)('addMissing on the %s backend', (kind) => {
  let backend: QueueBackend;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const db = await createEmptyDatabase('gongwu_addmissing');
    drop = db.drop;
    backend = createQueueBackend({
      redisUrl: kind === 'redis' ? TEST_REDIS_URL : undefined,
      databaseUrl: db.url,
      namespace: `addmissing_${randomBytes(4).toString('hex')}`,
    });
  });
  afterAll(async () => {
    await backend.close();
    await drop();
  });

  it('adds what is missing, keeps what is pending, and retries what failed', async () => {
    const queue = backend.createQueue<{ n: number }>('reconciled');
    const job = (id: string, n: number, delay: number) => ({
      name: 'x',
      data: { n },
      opts: { jobId: id, delay },
    });
    // One job that will fail for good, one that stays delayed.
    const runs: string[] = [];
    let failing = true;
    const worker = backend.createWorker<{ n: number }>('reconciled', async (current) => {
      runs.push(`${current.id}:${current.data.n}`);
      if (failing) throw new Error('the database is away');
    });
    await queue.add('x', { n: 1 }, { jobId: 'fails', attempts: 1 });
    await queue.add('x', { n: 1 }, { jobId: 'later', delay: 60_000 });
    const deadline = Date.now() + 15_000;
    while ((await queue.getJobCounts('failed')).failed !== 1) {
      if (Date.now() > deadline) throw new Error('the job never failed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    failing = false;

    await backend.addMissing(queue, [job('fails', 2, 0), job('later', 2, 0), job('new', 2, 60_000)]);

    const done = Date.now() + 15_000;
    while (!runs.includes('fails:1') || runs.filter((run) => run.startsWith('fails')).length < 2) {
      if (Date.now() > done) throw new Error(`the failed job was not retried: ${runs.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The retried job is the kept one (its own data), run once more.
    expect(runs.filter((run) => run.startsWith('fails'))).toEqual(['fails:1', 'fails:1']);
    const later = await queue.getJob('later');
    expect(later?.data.n).toBe(1);
    expect(await later?.getState()).toBe('delayed');
    const added = await queue.getJob('new');
    expect(added?.data.n).toBe(2);
    expect(await added?.getState()).toBe('delayed');
    await worker.close();
  }, 40_000);
});
