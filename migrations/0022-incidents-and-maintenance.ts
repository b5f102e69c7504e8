import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * Incidents and maintenance mode (issue 17, requirements §七.(四)). An incident's timeline is a
 * record like the audit log: append-only, enforced by the database whoever the client is. The
 * incident row itself changes once (open → resolved) and is never deleted. Maintenance mode is
 * one row every replica reads: on while `until` is in the future.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE incidents (
        id           SERIAL PRIMARY KEY,
        severity     VARCHAR(8) NOT NULL CHECK (severity IN ('sev1', 'sev2', 'sev3')),
        summary      TEXT NOT NULL,
        drill        BOOLEAN NOT NULL DEFAULT false,
        status       VARCHAR(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        started_by   VARCHAR(64) NOT NULL,
        started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        resolved_by  VARCHAR(64),
        resolved_at  TIMESTAMPTZ,
        resolution   TEXT,
        CHECK ((status = 'open') = (resolved_at IS NULL))
      )`);
    await run("CREATE INDEX incidents_open_idx ON incidents (started_at) WHERE status = 'open'");
    await run(`
      CREATE TABLE incident_events (
        id           BIGSERIAL PRIMARY KEY,
        incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE RESTRICT,
        at           TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        kind         VARCHAR(12) NOT NULL CHECK (kind IN ('started', 'update', 'broadcast', 'resolved')),
        actor        VARCHAR(64) NOT NULL,
        text         TEXT NOT NULL,
        channels     JSONB
      )`);
    await run('CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, id)');
    await run(`
      CREATE FUNCTION incident_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'incident_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await run(`CREATE TRIGGER incident_events_no_update_delete BEFORE UPDATE OR DELETE ON incident_events
               FOR EACH ROW EXECUTE FUNCTION incident_events_refuse_change()`);
    await run(`CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events
               FOR EACH STATEMENT EXECUTE FUNCTION incident_events_refuse_change()`);
    await run(`REVOKE UPDATE, DELETE, TRUNCATE ON incident_events FROM ${APP_ROLE}`);
    await run(`REVOKE DELETE, TRUNCATE ON incidents FROM ${APP_ROLE}`);

    await run(`
      CREATE TABLE maintenance_mode (
        id       SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        until    TIMESTAMPTZ,
        reason   TEXT,
        set_by   VARCHAR(64) NOT NULL,
        set_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        CHECK ((until IS NULL) = (reason IS NULL))
      )`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(
    'DROP TABLE maintenance_mode, incident_events, incidents; DROP FUNCTION incident_events_refuse_change()',
  );
};
