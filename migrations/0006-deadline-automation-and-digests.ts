import type { Migration } from '../src/db/migrator';

/**
 * Deadline automation and digests.
 * - `workflow_tasks.auto_handling`: the automatic handling of an overdue task (auto-approve,
 *   auto-reject or reassign), planned when the task is escalated and marked once it ran, so the
 *   job can be rebuilt from PostgreSQL and never acts twice.
 * - `digest_deliveries`: one row per person, kind and local date of a daily digest or weekly
 *   summary, written in the same transaction as its outbox row: the unique key is what makes a
 *   digest go out once however many replicas (or replayed jobs) look at the same morning.
 * - A digest is not about one request, so an outbox row's `instance_id` may be null.
 */
const KINDS = ['daily_digest', 'weekly_summary'];
const list = KINDS.map((kind) => `'${kind}'`).join(', ');

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('ALTER TABLE workflow_tasks ADD COLUMN auto_handling JSONB');
    await run(`CREATE TABLE digest_deliveries (
                 kind       VARCHAR(32) NOT NULL CHECK (kind IN (${list})),
                 person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
                 local_date DATE NOT NULL,
                 created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                 PRIMARY KEY (kind, person_id, local_date)
               )`);
    await run('ALTER TABLE outbox ALTER COLUMN instance_id DROP NOT NULL');
    await run(`INSERT INTO outbox_kinds (kind) VALUES ${KINDS.map((kind) => `('${kind}')`).join(', ')}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`DELETE FROM outbox WHERE kind IN (${list}) OR instance_id IS NULL`);
    await run(`DELETE FROM outbox_kinds WHERE kind IN (${list})`);
    await run('ALTER TABLE outbox ALTER COLUMN instance_id SET NOT NULL');
    await run('DROP TABLE digest_deliveries');
    await run('ALTER TABLE workflow_tasks DROP COLUMN auto_handling');
  });
};
