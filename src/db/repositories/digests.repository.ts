import { QueryTypes, type Transaction } from 'sequelize';
import type { DigestDeliveryKind, DigestRecipient, OverdueTaskRow } from '../../domain/workflows/store';
import { WorkflowTask } from '../models';

export type { DigestDeliveryKind, DigestRecipient, OverdueTaskRow };

/**
 * Reads and records of the daily digests and weekly summaries: who has pending tasks, who is an
 * admin, which tasks are overdue, and the `digest_deliveries` rows that make each digest once.
 */

const sequelize = () => {
  const instance = WorkflowTask.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};

const toRecipient = (row: { id: number; slack_user_id: string; timezone: string | null }) => ({
  personId: row.id,
  slackUserId: row.slack_user_id,
  timezone: row.timezone,
});

/** Active people with a Slack id who hold at least one pending task. */
export async function findApproversWithPendingTasks(): Promise<DigestRecipient[]> {
  const rows = await sequelize().query<{ id: number; slack_user_id: string; timezone: string | null }>(
    `SELECT p.id, p.slack_user_id, p.timezone FROM people p
      WHERE p.status = 'active' AND p.slack_user_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM workflow_tasks t WHERE t.assignee_person_id = p.id AND t.status = 'pending')
      ORDER BY p.id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map(toRecipient);
}

/** Active admins with a Slack id. */
export async function findActiveAdmins(): Promise<DigestRecipient[]> {
  const rows = await sequelize().query<{ id: number; slack_user_id: string; timezone: string | null }>(
    `SELECT id, slack_user_id, timezone FROM people
      WHERE status = 'active' AND slack_user_id IS NOT NULL AND 'admin' = ANY(roles)
      ORDER BY id`,
    { type: QueryTypes.SELECT },
  );
  return rows.map(toRecipient);
}

/**
 * Records that `kind` went to these people for their local date; returns those recorded now
 * (the others had it already). Two replicas doing this at once: the second waits on the unique
 * key until the first commits, then finds the rows taken.
 */
export async function claimDigestDeliveries(
  kind: DigestDeliveryKind,
  rows: readonly { personId: number; localDate: string }[],
  transaction: Transaction,
): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const values = rows.map((_, i) => `(:kind, :p${i}, :d${i})`).join(', ');
  const replacements: Record<string, unknown> = { kind };
  rows.forEach((row, i) => {
    replacements[`p${i}`] = row.personId;
    replacements[`d${i}`] = row.localDate;
  });
  const claimed = await sequelize().query<{ person_id: number }>(
    `INSERT INTO digest_deliveries (kind, person_id, local_date) VALUES ${values}
     ON CONFLICT DO NOTHING RETURNING person_id`,
    { replacements, type: QueryTypes.SELECT, transaction },
  );
  return new Set(claimed.map((row) => row.person_id));
}

/** Pending tasks past their due time, by the approver's department, oldest due first. */
export async function findOverdueTasks(now: Date, limit = 5000): Promise<OverdueTaskRow[]> {
  const rows = await sequelize().query<{
    id: number;
    instance_id: number;
    reference: string;
    template_id: number;
    approver: string;
    due_at: Date;
    key: string | null;
    name: string | null;
    name_zh: string | null;
  }>(
    `SELECT t.id, t.instance_id, i.reference, i.template_id, p.name AS approver, t.due_at,
            d.key, d.name, d.name_zh
       FROM workflow_tasks t
       JOIN workflow_instances i ON i.id = t.instance_id
       JOIN people p ON p.id = t.assignee_person_id
       LEFT JOIN departments d ON d.id = p.department_id
      WHERE t.status = 'pending' AND t.due_at < :now
      ORDER BY d.name NULLS LAST, t.due_at, t.id
      LIMIT :limit`,
    { replacements: { now, limit }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    taskId: row.id,
    instanceId: row.instance_id,
    reference: row.reference,
    templateId: row.template_id,
    approverName: row.approver,
    dueAt: new Date(row.due_at),
    department: row.key ? { key: row.key, name: row.name ?? row.key, nameZh: row.name_zh } : null,
  }));
}

/** Whether any pending task is past its due time. */
export async function hasOverdueTasks(now: Date): Promise<boolean> {
  const rows = await sequelize().query(
    "SELECT 1 FROM workflow_tasks WHERE status = 'pending' AND due_at < :now LIMIT 1",
    { replacements: { now }, type: QueryTypes.SELECT },
  );
  return rows.length > 0;
}
