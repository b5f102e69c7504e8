import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * Supervision (issue 16). `refused_interactions`: requests Slack did not sign (or signed with a
 * timestamp far off) and actions the server refused to the person who tried them, as counter rows
 * per local day, reason and Slack user id (empty when the request could not be trusted to say
 * who sent it) — no other personal data, and a flood of forged requests adds to one row instead
 * of filling the table. `monthly_report_sends`: each recipient of the monthly report, claimed
 * before the report is sent, so replicas and restarts send it once. And the indexes the
 * indicators' period filters use (a report reads a month out of a year of requests and tasks).
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE refused_interactions (
        day           DATE NOT NULL,
        reason        VARCHAR(40) NOT NULL,
        slack_user_id VARCHAR(32) NOT NULL DEFAULT '',
        count         INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
        last_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (day, reason, slack_user_id)
      )`);
    await run(`
      CREATE TABLE monthly_report_sends (
        month               CHAR(7) NOT NULL,
        recipient_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        department_id       INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        claimed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
        sent_at             TIMESTAMPTZ,
        PRIMARY KEY (month, recipient_person_id)
      )`);
    await run('CREATE INDEX workflow_instances_created_idx ON workflow_instances (created_at)');
    await run('CREATE INDEX workflow_instances_decided_idx ON workflow_instances (decided_at)');
    await run('CREATE INDEX workflow_tasks_decided_idx ON workflow_tasks (decided_at)');
    await run('CREATE INDEX workflow_tasks_due_idx ON workflow_tasks (due_at)');
    await run("CREATE INDEX workflow_tasks_open_due_idx ON workflow_tasks (due_at) WHERE status = 'pending'");
    await run('CREATE INDEX workflow_events_kind_at_idx ON workflow_events (kind, at)');
    await run('CREATE INDEX announcements_published_idx ON announcements (published_at)');
    // Counters only grow: the app adds and increments, never deletes.
    await run(`REVOKE DELETE, TRUNCATE ON refused_interactions FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  for (const index of [
    'workflow_instances_created_idx',
    'workflow_instances_decided_idx',
    'workflow_tasks_decided_idx',
    'workflow_tasks_due_idx',
    'workflow_tasks_open_due_idx',
    'workflow_events_kind_at_idx',
    'announcements_published_idx',
  ])
    await sequelize.query(`DROP INDEX ${index}`);
  await sequelize.query('DROP TABLE monthly_report_sends');
  await sequelize.query('DROP TABLE refused_interactions');
};
