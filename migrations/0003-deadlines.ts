import type { Migration } from '../src/db/migrator';

/**
 * Deadlines: what PostgreSQL must remember so that queue jobs can be rebuilt and never repeat —
 * how many scheduled reminders a task has had, when it was escalated, when it was last nudged —
 * and the outbox kinds that carry reminders and escalations.
 */
const OLD_KINDS =
  "'task_assigned', 'task_superseded', 'task_decided', 'request_updated', 'request_decided', 'cc_notified', 'comment_added'";
const NEW_KINDS = `${OLD_KINDS}, 'task_reminder', 'task_escalated'`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`ALTER TABLE workflow_tasks
                 ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0,
                 ADD COLUMN escalated_at   TIMESTAMPTZ,
                 ADD COLUMN nudged_at      TIMESTAMPTZ`);
    // Reconciliation reads the pending tasks that have a deadline.
    await run(`CREATE INDEX workflow_tasks_pending_due_idx ON workflow_tasks (due_at)
               WHERE status = 'pending' AND due_at IS NOT NULL`);
    await run('ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check');
    await run(`ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (${NEW_KINDS}))`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run("DELETE FROM outbox WHERE kind IN ('task_reminder', 'task_escalated')");
    await run('ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check');
    await run(`ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (${OLD_KINDS}))`);
    await run('DROP INDEX workflow_tasks_pending_due_idx');
    await run(`ALTER TABLE workflow_tasks
                 DROP COLUMN reminders_sent, DROP COLUMN escalated_at, DROP COLUMN nudged_at`);
  });
};
