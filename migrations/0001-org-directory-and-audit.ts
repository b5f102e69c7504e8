import type { Migration } from '../src/db/migrator';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE people (
        id            SERIAL PRIMARY KEY,
        slack_user_id VARCHAR(32) UNIQUE,
        email         VARCHAR(320) UNIQUE,
        name          VARCHAR(200) NOT NULL,
        department_id INTEGER,
        position      VARCHAR(200),
        contact       VARCHAR(200),
        roles         VARCHAR(16)[] NOT NULL DEFAULT ARRAY['user']::VARCHAR(16)[],
        status        VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        locale        VARCHAR(16),
        timezone      VARCHAR(64),
        created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
        CHECK (slack_user_id IS NOT NULL OR email IS NOT NULL),
        CHECK (roles <@ ARRAY['admin', 'leader', 'user', 'guest']::VARCHAR(16)[])
      )`);
    await run(`
      CREATE TABLE departments (
        id             SERIAL PRIMARY KEY,
        key            VARCHAR(64) NOT NULL UNIQUE,
        name           VARCHAR(200) NOT NULL,
        name_zh        VARCHAR(200),
        parent_id      INTEGER REFERENCES departments(id) ON DELETE RESTRICT,
        head_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await run(`ALTER TABLE people ADD CONSTRAINT people_department_fk
               FOREIGN KEY (department_id) REFERENCES departments(id) ON DELETE SET NULL`);
    await run('CREATE INDEX people_department_idx ON people (department_id)');

    // The audit log is append-only, enforced by the database itself: any UPDATE, DELETE or
    // TRUNCATE raises, whoever the client is. Only a migration dropping the table removes rows.
    await run(`
      CREATE TABLE audit_log (
        id           BIGSERIAL PRIMARY KEY,
        at           TIMESTAMPTZ NOT NULL DEFAULT now(),
        actor        VARCHAR(64) NOT NULL,
        action       VARCHAR(64) NOT NULL,
        subject_type VARCHAR(32) NOT NULL,
        subject_id   VARCHAR(64) NOT NULL,
        before       JSONB,
        after        JSONB,
        request_id   VARCHAR(64)
      )`);
    await run('CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at)');
    await run('CREATE INDEX audit_log_actor_idx ON audit_log (actor, at)');
    await run(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await run(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
               FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await run(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
               FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TABLE audit_log');
    await run('DROP FUNCTION audit_log_refuse_change()');
    await run('ALTER TABLE people DROP CONSTRAINT people_department_fk');
    await run('DROP TABLE departments');
    await run('DROP TABLE people');
  });
};
