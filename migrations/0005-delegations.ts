import type { Migration } from '../src/db/migrator';

/**
 * Delegation while away (代理): a person names a delegate for a range of days (inclusive, in the
 * absent person's own time zone); tasks that arrive for them meanwhile go to the delegate. A task
 * remembers the delegation it went through (`delegation_id`, next to the existing
 * `on_behalf_of_person_id`), which is what lets the absent person still act on it and what the
 * cards show. Rows are never deleted: ending a delegation early sets `ended_at`.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE delegations (
        id                  SERIAL PRIMARY KEY,
        person_id           INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        delegate_person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        start_date          DATE NOT NULL,
        end_date            DATE NOT NULL,
        note                TEXT,
        created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
        ended_at            TIMESTAMPTZ,
        ended_by_slack_id   VARCHAR(32),
        CHECK (end_date >= start_date),
        CHECK (delegate_person_id <> person_id)
      )`);
    // Routing asks "whose delegation covers today?" for each approver of a starting step.
    await run(`CREATE INDEX delegations_active_idx ON delegations (person_id, end_date)
               WHERE ended_at IS NULL`);
    await run(`ALTER TABLE workflow_tasks
                 ADD COLUMN delegation_id INTEGER REFERENCES delegations(id) ON DELETE RESTRICT`);
    await run("INSERT INTO outbox_kinds (kind) VALUES ('task_delegated')");
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run("DELETE FROM outbox WHERE kind = 'task_delegated'");
    await run("DELETE FROM outbox_kinds WHERE kind = 'task_delegated'");
    await run('ALTER TABLE workflow_tasks DROP COLUMN delegation_id');
    await run('DROP TABLE delegations');
  });
};
