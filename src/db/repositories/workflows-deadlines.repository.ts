import { QueryTypes, type Transaction } from 'sequelize';
import type { AutoHandling } from '../../domain/workflows/model';
import { WorkflowTask } from '../models';

/**
 * Reads and marks of the deadline machinery: the pending tasks that have a due time (what the
 * queue must hold jobs for), and the per-task counters that make every reminder, escalation and
 * nudge happen once however often its job runs.
 */

export interface DeadlineTaskRow {
  taskId: number;
  createdAt: Date;
  dueAt: Date;
  remindersSent: number;
  escalatedAt: Date | null;
  autoHandling: AutoHandling | null;
  assigneeTimeZone: string | null;
}

const sequelize = () => {
  const instance = WorkflowTask.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};

/** Pending tasks with a due time, ordered by id, a page at a time (keyset: ids above `afterId`). */
export async function findDeadlineTasks(afterId: number, limit: number): Promise<DeadlineTaskRow[]> {
  const rows = await sequelize().query<{
    id: number;
    created_at: Date;
    due_at: Date;
    reminders_sent: number;
    escalated_at: Date | null;
    auto_handling: AutoHandling | null;
    timezone: string | null;
  }>(
    `SELECT t.id, t.created_at, t.due_at, t.reminders_sent, t.escalated_at, t.auto_handling, p.timezone
       FROM workflow_tasks t JOIN people p ON p.id = t.assignee_person_id
      WHERE t.status = 'pending' AND t.due_at IS NOT NULL AND t.id > :afterId
      ORDER BY t.id LIMIT :limit`,
    { replacements: { afterId, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    taskId: row.id,
    createdAt: new Date(row.created_at),
    dueAt: new Date(row.due_at),
    remindersSent: row.reminders_sent,
    escalatedAt: row.escalated_at ? new Date(row.escalated_at) : null,
    autoHandling: row.auto_handling,
    assigneeTimeZone: row.timezone,
  }));
}

export async function findDeadlineTask(taskId: number): Promise<DeadlineTaskRow | null> {
  const [row] = await findDeadlineTasks(taskId - 1, 1);
  return row && row.taskId === taskId ? row : null;
}

export async function markTaskDeadline(
  taskId: number,
  changes: {
    remindersSent?: number;
    escalatedAt?: Date;
    nudgedAt?: Date;
    autoHandling?: AutoHandling | null;
  },
  transaction: Transaction,
): Promise<void> {
  await WorkflowTask.update(changes, { where: { id: taskId }, transaction });
}

/**
 * Scheduled reminders, many tasks in one statement: each task is marked reminded and gets its
 * outbox row only while it is still pending in its request's current step and had fewer than `n`
 * reminders. The UPDATE takes the task row's lock, and every decision changes the task row in
 * the transaction that holds the request's lock, so the two serialise on that row: a reminder
 * either lands before the decision (and was due) or sees the decided task and writes nothing.
 * No locked read-modify-write, and one round trip and one commit for a whole batch: a thousand
 * reminders due at the same second are bounded by a few dozen statements, not a thousand.
 * The same task twice in one batch (reminders 1 and 2 both overdue) gets only the later one.
 * Returns, per entry, whether that reminder was written.
 */
export async function markRemindersSent(reminders: Array<{ taskId: number; n: number }>): Promise<boolean[]> {
  if (reminders.length === 0) return [];
  const rows = await sequelize().query<{ task_id: string; n: number }>(
    `WITH due AS (
       SELECT DISTINCT ON (task_id) task_id, n
         FROM unnest(ARRAY[:taskIds]::bigint[], ARRAY[:ns]::int[]) AS x(task_id, n)
        ORDER BY task_id, n DESC),
     reminded AS (
       UPDATE workflow_tasks t SET reminders_sent = d.n
         FROM due d, workflow_instances i
        WHERE t.id = d.task_id AND t.status = 'pending' AND t.reminders_sent < d.n
          AND i.id = t.instance_id AND i.status = 'in_review'
          AND i.revision = t.revision AND i.current_step = t.step_index
        RETURNING t.id, t.instance_id, t.assignee_person_id, d.n)
     INSERT INTO outbox (kind, recipient_person_id, recipient_slack_id, instance_id, task_id, payload)
     SELECT 'task_reminder', p.id, p.slack_user_id, r.instance_id, r.id,
            jsonb_build_object('instanceId', r.instance_id, 'taskId', r.id, 'reason', 'scheduled', 'n', r.n)
       FROM reminded r JOIN people p ON p.id = r.assignee_person_id
      WHERE p.slack_user_id IS NOT NULL
     RETURNING task_id, (payload->>'n')::int AS n`,
    {
      replacements: { taskIds: reminders.map((r) => r.taskId), ns: reminders.map((r) => r.n) },
      type: QueryTypes.SELECT,
    },
  );
  // One true per reminder written, even when several entries asked for the same one.
  const written = new Set(rows.map((row) => `${row.task_id}:${row.n}`));
  return reminders.map((r) => written.delete(`${r.taskId}:${r.n}`));
}
