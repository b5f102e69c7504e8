import type { Migration } from '../src/db/migrator';

/**
 * The outbox's kinds move from a CHECK list (which every feature had to drop and re-create with
 * the full list, so two migrations written side by side collided) to a small reference table:
 * a later migration adds its kinds with one INSERT and removes them in `down`, and the foreign key
 * still refuses a kind nobody declared.
 */
const KINDS = [
  'task_assigned',
  'task_superseded',
  'task_decided',
  'request_updated',
  'request_decided',
  'cc_notified',
  'comment_added',
  'task_reminder',
  'task_escalated',
];

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('CREATE TABLE outbox_kinds (kind VARCHAR(32) PRIMARY KEY)');
    await run(`INSERT INTO outbox_kinds (kind) VALUES ${KINDS.map((kind) => `('${kind}')`).join(', ')}`);
    await run('ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check');
    await run(
      'ALTER TABLE outbox ADD CONSTRAINT outbox_kind_fkey FOREIGN KEY (kind) REFERENCES outbox_kinds (kind)',
    );
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('ALTER TABLE outbox DROP CONSTRAINT outbox_kind_fkey');
    await run(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN (${KINDS.map((kind) => `'${kind}'`).join(', ')}))`,
    );
    await run('DROP TABLE outbox_kinds');
  });
};
