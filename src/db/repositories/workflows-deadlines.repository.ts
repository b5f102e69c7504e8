import { QueryTypes, type Transaction } from 'sequelize';
import type { AutoHandling } from '../../domain/workflows/types';
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
 * Scheduled reminder `n` of a task, in one statement: marks it sent and writes its outbox row
 * only while the task is still pending in its request's current step and had fewer than `n`
 * reminders. The UPDATE takes the task row's lock, and every decision changes the task row in
 * the transaction that holds the request's lock, so the two serialise on that row: a reminder
 * either lands before the decision (and was due) or sees the decided task and writes nothing.
 * One round trip instead of a locked read-modify-write: a thousand reminders due at the same
 * second are bounded by this statement, not by six queries each.
 */
export async function markReminderSent(taskId: number, n: number): Promise<boolean> {
  const rows = await sequelize().query<{ id: string }>(
    `WITH reminded AS (
       UPDATE workflow_tasks t SET reminders_sent = :n
         FROM workflow_instances i
        WHERE t.id = :taskId AND t.status = 'pending' AND t.reminders_sent < :n
          AND i.id = t.instance_id AND i.status = 'in_review'
          AND i.revision = t.revision AND i.current_step = t.step_index
        RETURNING t.id, t.instance_id, t.assignee_person_id)
     INSERT INTO outbox (kind, recipient_person_id, recipient_slack_id, instance_id, task_id, payload)
     SELECT 'task_reminder', p.id, p.slack_user_id, r.instance_id, r.id,
            jsonb_build_object('instanceId', r.instance_id, 'taskId', r.id, 'reason', 'scheduled', 'n', :n)
       FROM reminded r JOIN people p ON p.id = r.assignee_person_id
      WHERE p.slack_user_id IS NOT NULL
     RETURNING id`,
    { replacements: { taskId, n }, type: QueryTypes.SELECT },
  );
  return rows.length > 0;
}
