import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { addDays, todayIn } from '../../src/domain/workflows/working-days';
import { DeadlineScheduler } from '../../src/jobs/deadlines';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { TEST_REDIS_URL } from '../support/redis';
import { waitFor } from '../support/wait';
import { configureWorkflows, workflows } from '../support/workflows';
import {
  clearHolidays,
  clearRequests,
  leaveForm,
  PEOPLE,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

const { handOverPendingTasks, setAway, submitRequest } = workflows;

/**
 * Deadlines of delegated tasks on both queue backends: a task routed to the delegate while the
 * approver is away, and a task handed over with one click, are reminded to the delegate (never to
 * the absent approver), and their escalation names the delegate as the one it waits for. SLAs of
 * seconds on a round-the-clock calendar; the outbox rows are passed to the scheduler as the
 * courier does after delivery (scheduling the assigned task, cancelling the transferred one).
 */
const logger = createLogger('silent');
const SECOND_IN_HOURS = 1 / 3600;
const today = () => todayIn('Asia/Taipei');
const { db, monday } = useWorkflowDatabase({
  settings: {
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
    defaultSlaHours: 2 * SECOND_IN_HOURS,
    deadlines: { reminderPoints: [0.5, 1], maxReminders: 2, escalateAfterHours: SECOND_IN_HOURS },
  },
});
// A public holiday today would move the due times to tomorrow.
beforeAll(() => clearHolidays(db, addDays(today(), -2), addDays(today(), 2)));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['redis', 'postgres'] as const)('delegated deadlines on the %s queue backend', (kind) => {
  let backend: QueueBackend;
  let scheduler: DeadlineScheduler;
  /** Outbox rows already passed to the scheduler. */
  const delivered = new Set<string>();

  /** What the courier does after delivering each row: schedule assigned tasks, cancel decided ones. */
  async function deliver(instanceId: number): Promise<void> {
    for (const message of await findOutboxOfInstance(instanceId)) {
      if (delivered.has(message.id)) continue;
      delivered.add(message.id);
      await scheduler.afterDelivery(message);
    }
  }

  /** Every deadline row of the request once it has been escalated (and a little longer: nothing more may come). */
  async function deadlineRowsOnceEscalated(instanceId: number) {
    const rows = await waitFor('the escalation', async () => {
      const all = await findOutboxOfInstance(instanceId);
      return all.some((m) => m.kind === 'task_escalated') ? all : undefined;
    });
    await sleep(1500); // reconciliation runs every second meanwhile
    const after = await findOutboxOfInstance(instanceId);
    expect(after.length).toBe(rows.length);
    return after.filter((m) => m.kind === 'task_reminder' || m.kind === 'task_escalated');
  }

  let day = 0;
  const evanAsks = async () => {
    const date = addDays(monday, day++);
    return submitted(
      await submitRequest(PEOPLE.evan, 'leave', leaveForm(date, date, { reason: `${kind} ${day}` })),
    );
  };

  beforeAll(async () => {
    await clearRequests(db);
    await db.sequelize.query('TRUNCATE delegations CASCADE');
    day = 0;
    backend = createQueueBackend({
      redisUrl: kind === 'redis' ? TEST_REDIS_URL : undefined,
      databaseUrl: db.url,
      namespace: `delegation_deadlines_${kind}_${process.pid}`,
      logger,
    });
    scheduler = new DeadlineScheduler(backend, logger, workflows, { reconcileEverySeconds: 1 });
    scheduler.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await scheduler.queue.obliterate({ force: true }).catch(() => undefined);
    await backend.close();
  });

  it('a task routed to the delegate while the approver is away is reminded to the delegate', async () => {
    await setAway(PEOPLE.bob, {
      from: today(),
      to: addDays(today(), 2),
      delegateSlackId: PEOPLE.daniel,
      note: null,
    });
    const { instanceId } = await evanAsks();
    const [task] = await findTasksOf([instanceId]);
    expect(task?.delegationId).not.toBeNull();
    await deliver(instanceId);

    const rows = await deadlineRowsOnceEscalated(instanceId);
    const reminders = rows.filter((m) => m.kind === 'task_reminder');
    expect(reminders.map((m) => [m.recipientSlackId, m.taskId])).toEqual([
      [PEOPLE.daniel, task!.id],
      [PEOPLE.daniel, task!.id],
    ]);
    // Daniel heads it; the level up is Alice (general-office). Evan, the requester, is told.
    const escalations = rows.filter((m) => m.kind === 'task_escalated');
    expect(escalations.map((m) => m.recipientSlackId).sort()).toEqual([PEOPLE.alice, PEOPLE.evan].sort());
    const [event] = await db.sequelize.query<{ data: { assigneePersonId: number } }>(
      "SELECT data FROM workflow_events WHERE instance_id = :instanceId AND kind = 'escalated'",
      { replacements: { instanceId }, type: 'SELECT' as never },
    );
    expect(event?.data.assigneePersonId).toBe(task!.assigneePersonId);
    // Nothing about deadlines went to Bob, who is away.
    expect(
      (await findOutboxOfInstance(instanceId)).filter(
        (m) => m.recipientSlackId === PEOPLE.bob && m.kind !== 'task_delegated',
      ),
    ).toEqual([]);
  }, 40_000);

  it('a pending task handed over with one click is reminded to the delegate, not to the approver', async () => {
    await db.sequelize.query('TRUNCATE delegations CASCADE');
    // Pending with Bob before he goes away; its deadlines are planned for Bob. A 6 s SLA leaves
    // the hand-over (a transfer keeps the due time) well before the first reminder at 3 s.
    configureWorkflows({ defaultSlaHours: 6 * SECOND_IN_HOURS });
    const { instanceId, reference } = await evanAsks().finally(() =>
      configureWorkflows({ defaultSlaHours: 2 * SECOND_IN_HOURS }),
    );
    await deliver(instanceId);
    const { delegation } = await setAway(PEOPLE.bob, {
      from: today(),
      to: addDays(today(), 2),
      delegateSlackId: PEOPLE.daniel,
      note: null,
    });
    expect((await handOverPendingTasks(PEOPLE.bob, delegation.id)).handedOver).toEqual([reference]);
    await deliver(instanceId);
    const [old, moved] = await findTasksOf([instanceId]);
    expect(old?.status).toBe('transferred');
    expect(moved).toMatchObject({ status: 'pending', delegationId: delegation.id, dueAt: old!.dueAt });

    const rows = await deadlineRowsOnceEscalated(instanceId);
    // Bob, who handed it over, is never reminded; the transferred task's jobs were dropped.
    expect(rows.filter((m) => m.recipientSlackId === PEOPLE.bob)).toEqual([]);
    expect(rows.filter((m) => m.taskId === old!.id)).toEqual([]);
    const reminders = rows.filter((m) => m.kind === 'task_reminder');
    expect(reminders.map((m) => [m.recipientSlackId, m.taskId])).toEqual([
      [PEOPLE.daniel, moved!.id],
      [PEOPLE.daniel, moved!.id],
    ]);
    const escalations = rows.filter((m) => m.kind === 'task_escalated');
    expect(escalations.map((m) => [m.recipientSlackId, m.taskId]).sort()).toEqual(
      [
        [PEOPLE.alice, moved!.id],
        [PEOPLE.evan, moved!.id],
      ].sort(),
    );
  }, 40_000);
});
