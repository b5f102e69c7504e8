import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * The maintenance log (requirements §二.(四).2, issue 17): faults the app saw (a delivery given
 * up, a job failed after its retries, the database, the queue or Slack unreachable and back) and
 * maintenance done (migrations, starts, backups, restores, drills, configuration changed in
 * Slack). Append-only like the audit log: a trigger refuses UPDATE, DELETE and TRUNCATE whoever
 * asks, and the app's role has only SELECT and INSERT on it.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE maintenance_log (
        id          BIGSERIAL PRIMARY KEY,
        at          TIMESTAMPTZ NOT NULL DEFAULT now(),
        category    VARCHAR(12) NOT NULL CHECK (category IN ('fault', 'maintenance')),
        kind        VARCHAR(40) NOT NULL,
        summary     TEXT NOT NULL,
        details     JSONB NOT NULL DEFAULT '{}',
        request_id  VARCHAR(64)
      )`);
    await run('CREATE INDEX maintenance_log_at_idx ON maintenance_log (at DESC, id DESC)');
    await run(`
      CREATE FUNCTION maintenance_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'maintenance_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await run(`CREATE TRIGGER maintenance_log_no_update_delete BEFORE UPDATE OR DELETE ON maintenance_log
               FOR EACH ROW EXECUTE FUNCTION maintenance_log_refuse_change()`);
    await run(`CREATE TRIGGER maintenance_log_no_truncate BEFORE TRUNCATE ON maintenance_log
               FOR EACH STATEMENT EXECUTE FUNCTION maintenance_log_refuse_change()`);
    await run(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON maintenance_log FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TABLE maintenance_log');
    await run('DROP FUNCTION maintenance_log_refuse_change()');
  });
};
