import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * Spot-check findings (requirements §八, issue 16): one verdict per sampled item, check (seed) and
 * supervisor. A conforming item is recorded closed; a problem stays open, with its responsible
 * department and follow-up owner, until it is closed with a note. The scorecard counts them, the
 * reminder job chases the open ones (`last_reminded_at`). A record: never deleted by the app.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE supervision_findings (
        id                    SERIAL PRIMARY KEY,
        item_type             VARCHAR(16) NOT NULL CHECK (item_type IN ('request', 'announcement', 'file')),
        item_id               INTEGER NOT NULL,
        item_reference        VARCHAR(32) NOT NULL,
        seed                  BIGINT NOT NULL,
        outcome               VARCHAR(12) NOT NULL CHECK (outcome IN ('conforms', 'problem')),
        status                VARCHAR(8) NOT NULL CHECK (status IN ('open', 'closed')),
        note                  TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        department_id         INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        follow_up_person_id   INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        recorded_by_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
        created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
        closed_at             TIMESTAMPTZ,
        closed_by_person_id   INTEGER REFERENCES people(id) ON DELETE RESTRICT,
        closing_note          TEXT CHECK (length(closing_note) <= 2000),
        last_reminded_at      TIMESTAMPTZ,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
        CHECK (outcome = 'problem' OR status = 'closed')
      )`);
    await run(`CREATE UNIQUE INDEX supervision_findings_verdict_idx
                 ON supervision_findings (item_type, item_id, seed, recorded_by_person_id)`);
    await run(`CREATE INDEX supervision_findings_open_idx ON supervision_findings (created_at)
                 WHERE status = 'open'`);
    await run(
      'CREATE INDEX supervision_findings_period_idx ON supervision_findings (created_at, department_id)',
    );
    await run(`REVOKE DELETE, TRUNCATE ON supervision_findings FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP TABLE supervision_findings');
};
