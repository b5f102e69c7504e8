import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { DeadlineScheduler, escalateJobId, remindJobId } from '../../src/jobs/deadlines';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { type OwnRedis, startOwnRedis } from '../support/own-redis';
import { waitFor } from '../support/wait';
import { configureWorkflows, workflows } from '../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

const { approve, submitRequest } = workflows;

/**
 * Reminders and escalation on both queue backends, with SLAs of seconds on a round-the-clock
 * calendar: they fire once at the right time, a decision cancels them, and after the queue loses
 * its jobs (FLUSHDB on a Redis of our own, or the queue obliterated) reconciliation rebuilds them
 * from PostgreSQL and nothing fires twice.
 */
const logger = createLogger('silent');
const SECOND_IN_HOURS = 1 / 3600;
// People's own zones do not matter on a round-the-clock calendar.
const { db, monday } = useWorkflowDatabase({
  settings: {
    defaultTimeZone: 'UTC',
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
    defaultSlaHours: 4 * SECOND_IN_HOURS,
    deadlines: { reminderPoints: [0.5, 1], maxReminders: 2, escalateAfterHours: SECOND_IN_HOURS },
  },
});
let redis: OwnRedis;
beforeAll(async () => {
  redis = await startOwnRedis();
});
afterAll(() => redis.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dayOffset = 0;
async function newTask(): Promise<{
  instanceId: number;
  reference: string;
  taskId: number;
  createdAt: Date;
  dueAt: Date;
}> {
  // A different day each time: the engine refuses overlapping leave.
  const date = `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + (dayOffset++ % 5)).padStart(2, '0')}`;
  const { instanceId, reference } = submitted(
    await submitRequest(PEOPLE.evan, 'leave', leaveForm(date, date, { reason: `r${dayOffset}` })),
  );
  const [task] = await findTasksOf([instanceId]);
  return { instanceId, reference, taskId: task!.id, createdAt: task!.createdAt, dueAt: task!.dueAt! };
}

const rowsOf = async (instanceId: number, taskId: number) =>
  (await findOutboxOfInstance(instanceId)).filter((m) => m.taskId === taskId || m.kind === 'request_updated');

describe.each(['redis', 'postgres'] as const)('deadlines on the %s queue backend', (kind) => {
  let backend: QueueBackend;
  let scheduler: DeadlineScheduler;
  let outboxKicks = 0;

  beforeAll(async () => {
    await db.sequelize.query(
      `TRUNCATE outbox, workflow_events, workflow_tasks, workflow_revisions, workflow_idempotency_keys,
         workflow_instances RESTART IDENTITY CASCADE`,
    );
    dayOffset = 0;
    backend = createQueueBackend({
      redisUrl: kind === 'redis' ? redis.url : undefined,
      databaseUrl: db.url,
      namespace: `deadlines_${kind}_${process.pid}`,
      logger,
    });
    scheduler = new DeadlineScheduler(backend, logger, workflows, {
      onOutbox: () => {
        outboxKicks++;
      },
      reconcileEverySeconds: 1,
    });
    scheduler.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await scheduler.queue.obliterate({ force: true }).catch(() => undefined);
    await backend.close();
  });

  it('reminds at 50 % and at the due time, escalates after the delay, each exactly once', async () => {
    const { instanceId, reference, taskId, createdAt, dueAt } = await newTask();
    // created_at is the database's clock, due_at is counted from the engine's: allow a little skew.
    expect(dueAt.getTime() - createdAt.getTime()).toBeGreaterThanOrEqual(3900);
    expect(dueAt.getTime() - createdAt.getTime()).toBeLessThanOrEqual(4100);
    expect(await scheduler.schedule(taskId)).toBe(3);
    const rows = await waitFor('the escalation', async () => {
      const all = await rowsOf(instanceId, taskId);
      return all.some((m) => m.kind === 'task_escalated') ? all : undefined;
    });
    await sleep(2500); // reconciliation runs every second meanwhile: nothing may repeat
    const after = await rowsOf(instanceId, taskId);
    expect(after.length).toBe(rows.length);
    const reminders = after.filter((m) => m.kind === 'task_reminder');
    expect(reminders.map((m) => [m.recipientSlackId, m.payload])).toEqual([
      [PEOPLE.bob, { instanceId, taskId, reason: 'scheduled', n: 1 }],
      [PEOPLE.bob, { instanceId, taskId, reason: 'scheduled', n: 2 }],
    ]);
    const at = (iso: string) => new Date(iso).getTime();
    // Half of a 4 s SLA, then the due time; delays are a minimum, and accurate in practice.
    expect(at(reminders[0]!.createdAt) - createdAt.getTime()).toBeGreaterThanOrEqual(1900);
    expect(at(reminders[0]!.createdAt) - createdAt.getTime()).toBeLessThan(3900);
    expect(at(reminders[1]!.createdAt)).toBeGreaterThanOrEqual(dueAt.getTime() - 100);
    const escalations = after.filter((m) => m.kind === 'task_escalated');
    // Bob heads finance; the next level up is the head of general-office (Alice). Evan is told.
    expect(escalations.map((m) => m.recipientSlackId).sort()).toEqual([PEOPLE.alice, PEOPLE.evan].sort());
    expect(at(escalations[0]!.createdAt)).toBeGreaterThanOrEqual(dueAt.getTime() + 900);
    const [task] = await findTasksOf([instanceId]);
    expect(task?.remindersSent).toBe(2);
    expect(task?.escalatedAt).toBeInstanceOf(Date);
    const audits = await db.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_escalated' AND subject_id = :reference",
      { replacements: { reference }, type: QueryTypes.SELECT },
    );
    expect(Number(audits[0]?.n)).toBe(1);
    expect(outboxKicks).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('deciding removes the jobs, and a job that fires anyway does nothing', async () => {
    const { instanceId, taskId } = await newTask();
    await scheduler.schedule(taskId);
    expect(await scheduler.queue.getJob(remindJobId(taskId, 1))).toBeTruthy();
    await approve(PEOPLE.bob, taskId);
    await scheduler.cancel(taskId);
    expect(await scheduler.queue.getJob(remindJobId(taskId, 1))).toBeFalsy();
    expect(await scheduler.queue.getJob(escalateJobId(taskId))).toBeFalsy();
    // A stale job (e.g. added by a reconciliation that read the task just before the decision).
    await scheduler.queue.add(
      'remind',
      { taskId, n: 1 },
      { jobId: remindJobId(taskId, 1), removeOnComplete: true },
    );
    await sleep(6000);
    const rows = await findOutboxOfInstance(instanceId);
    expect(
      rows.filter((m) => m.taskId === taskId && m.kind !== 'task_assigned' && m.kind !== 'task_decided'),
    ).toEqual([]);
  }, 30_000);

  it('after the queue loses every job, reconciliation rebuilds them and nothing fires twice', async () => {
    configureWorkflows({ defaultSlaHours: 8 * SECOND_IN_HOURS });
    try {
      const { instanceId, taskId } = await newTask();
      await scheduler.schedule(taskId);
      expect(await scheduler.queue.getJob(remindJobId(taskId, 1))).toBeTruthy();
      if (kind === 'redis') await redis.flush();
      else await scheduler.queue.obliterate({ force: true });
      expect(await scheduler.queue.getJob(remindJobId(taskId, 1))).toBeFalsy();
      await waitFor('the rebuilt reminder job', async () => {
        const job = await scheduler.queue.getJob(remindJobId(taskId, 1));
        const rows = await rowsOf(instanceId, taskId);
        return job || rows.some((m) => m.kind === 'task_reminder');
      });
      expect(scheduler.status.lastReconciliation).not.toBeNull();
      const rows = await waitFor('the escalation', async () => {
        const all = await rowsOf(instanceId, taskId);
        return all.some((m) => m.kind === 'task_escalated') ? all : undefined;
      });
      await sleep(2500);
      expect((await rowsOf(instanceId, taskId)).length).toBe(rows.length);
      expect(
        rows.filter((m) => m.kind === 'task_reminder').map((m) => (m.payload as { n: number }).n),
      ).toEqual([1, 2]);
      expect(rows.filter((m) => m.kind === 'task_escalated')).toHaveLength(2);
    } finally {
      configureWorkflows({ defaultSlaHours: 4 * SECOND_IN_HOURS });
    }
  }, 40_000);
});
