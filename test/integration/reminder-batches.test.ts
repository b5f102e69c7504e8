import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { markRemindersSent } from '../../src/db/repositories/workflows-deadlines.repository';
import { workflows } from '../support/workflows';
import { count, leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

const { approve, sendScheduledReminder, submitRequest } = workflows;

/**
 * Scheduled reminders are written in batches (one statement for whatever falls due together).
 * A batch must keep every guarantee of a single reminder: once per task and number, nothing for
 * a decided task, and each caller told whether its own reminder was written.
 */
const { db, monday } = useWorkflowDatabase();

/** One pending task per weekday of the quiet week, Evan's leave (approver: Bob). */
async function pendingTasks(days: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < days; i++) {
    const date = `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + i).padStart(2, '0')}`;
    const { instanceId } = submitted(
      await submitRequest(PEOPLE.evan, 'leave', leaveForm(date, date, { reason: `batch ${i}` })),
    );
    const [task] = await findTasksOf([instanceId]);
    ids.push(task!.id);
  }
  return ids;
}

const remindersOf = (taskId: number) =>
  count(db, `SELECT count(*) AS n FROM outbox WHERE kind = 'task_reminder' AND task_id = :taskId`, {
    taskId,
  });

it('writes each reminder once when many callers race for the same tasks, and none for a decided task', async () => {
  const [decided, ...open] = await pendingTasks(5);
  await approve(PEOPLE.bob, decided!);
  // Every task's first reminder asked for four times at once (a job run again, two replicas…).
  const calls = [decided!, ...open].flatMap((taskId) =>
    [1, 2, 3, 4].map(() => sendScheduledReminder(taskId, 1).then((written) => ({ taskId, written }))),
  );
  const outcomes = await Promise.all(calls);
  for (const taskId of open) {
    expect(outcomes.filter((o) => o.taskId === taskId && o.written)).toHaveLength(1);
    expect(await remindersOf(taskId)).toBe(1);
  }
  expect(outcomes.filter((o) => o.taskId === decided && o.written)).toHaveLength(0);
  expect(await remindersOf(decided!)).toBe(0);
  // Asked again later: already sent.
  expect(await sendScheduledReminder(open[0]!, 1)).toBe(false);
});

it('in one statement: tells each entry apart, and writes only the later of two numbers for one task', async () => {
  await db.sequelize.query(`DELETE FROM outbox`);
  const tasks = await count(db, `SELECT count(*) AS n FROM workflow_tasks WHERE status = 'pending'`);
  expect(tasks).toBe(4);
  const [a, b] = await db.sequelize
    .query<{ id: number }>(`SELECT id FROM workflow_tasks WHERE status = 'pending' ORDER BY id LIMIT 2`, {
      type: QueryTypes.SELECT,
    })
    .then((rows) => rows.map((row) => Number(row.id)));
  // a: reminder 1 was sent by the first test, so 1 is stale and 2 is due; b: 1 and 2 both due.
  const written = await markRemindersSent([
    { taskId: a!, n: 1 },
    { taskId: a!, n: 2 },
    { taskId: b!, n: 1 },
    { taskId: b!, n: 2 },
    { taskId: 999_999, n: 1 },
  ]);
  expect(written).toEqual([false, true, false, true, false]);
  const rows = await db.sequelize.query<{ task_id: string; n: number }>(
    `SELECT task_id, (payload->>'n')::int AS n FROM outbox WHERE kind = 'task_reminder' ORDER BY task_id`,
    { type: QueryTypes.SELECT },
  );
  expect(rows.map((row) => [Number(row.task_id), row.n])).toEqual([
    [a, 2],
    [b, 2],
  ]);
  expect(await markRemindersSent([])).toEqual([]);
});
