import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * Every backup and restore drill, successful or not (issue 17): what `/metrics`, the admins'
 * alerts and the supervision indicators read. `slot` names the scheduled run (the local day of a
 * daily backup) so replicas and restarts run it once; manual runs have none.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE backup_runs (
        id           SERIAL PRIMARY KEY,
        kind         VARCHAR(12) NOT NULL CHECK (kind IN ('backup', 'drill')),
        slot         VARCHAR(40),
        started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at  TIMESTAMPTZ,
        status       VARCHAR(12) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
        backup_name  VARCHAR(80),
        -- Rows, bytes, RTO/RPO of a drill, what retention removed: what the report shows.
        details      JSONB NOT NULL DEFAULT '{}',
        error        TEXT,
        CHECK ((status = 'running') = (finished_at IS NULL))
      )`);
    // One successful run per scheduled slot, whoever ran it.
    await run(
      "CREATE UNIQUE INDEX backup_runs_slot_idx ON backup_runs (kind, slot) WHERE slot IS NOT NULL AND status <> 'failed'",
    );
    await run('CREATE INDEX backup_runs_recent_idx ON backup_runs (kind, started_at DESC)');
    // A record of what was done: the app appends and completes runs, never deletes them.
    await run(`REVOKE DELETE, TRUNCATE ON backup_runs FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP TABLE backup_runs');
};
