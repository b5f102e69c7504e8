import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { seedPendingTasks } from '../../bench/lib/reminders-workload';
import { DeadlineScheduler } from '../../src/jobs/deadlines';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { workflows } from '../support/workflows';
import { useWorkflowDatabase } from './workflows-support';

/**
 * A reconciliation from an empty PostgreSQL queue adds thousands of jobs in bulk, and the
 * backend's bulk add writes two events per job without trimming any: the reconciliation trims
 * them, so the event table stays bounded instead of growing with every rebuild.
 */
let backend: QueueBackend;
const schema = `events_${randomBytes(4).toString('hex')}`;
const { db } = useWorkflowDatabase({ beforeDrop: () => backend?.close() });

beforeAll(() => {
  backend = createQueueBackend({ databaseUrl: db.url, namespace: schema, logger: createLogger('silent') });
});

it('keeps at most ~10,000 queue events after adding 18,000 jobs', async () => {
  await seedPendingTasks(db.sequelize, 6000);
  const scheduler = new DeadlineScheduler(backend, createLogger('silent'), workflows);
  const { jobs } = await scheduler.reconcile();
  expect(jobs).toBe(18_000);
  expect((await scheduler.queue.getJobCounts('delayed')).delayed).toBe(18_000);
  const [row] = await db.sequelize.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${schema}".event WHERE queue = 'deadlines'`,
    { type: QueryTypes.SELECT },
  );
  // 36,000 events were written; BullMQ's own trimming tolerates a few hundred over the limit.
  expect(Number(row!.n)).toBeLessThanOrEqual(10_300);
  await scheduler.queue.obliterate({ force: true });
}, 120_000);
