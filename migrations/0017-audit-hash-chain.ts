import type { Migration } from '../src/db/migrator';

/**
 * Tamper evidence for the audit log (issue 17): every row carries a SHA-256 over its content and
 * the previous row's hash, so changing, removing or inserting a row breaks the chain from there
 * on (`npm run audit:verify` names the first broken row). The database computes the hash in a
 * BEFORE INSERT trigger, whoever inserts: the app cannot choose it.
 *
 * Rows are chained in the order they are written, not the order their ids were drawn: the trigger
 * takes a transaction-level lock and only then draws the row's id, so ids follow commit order and
 * "the previous row" is always the one with the next lower id. The lock is held from the audit
 * write to the commit, which in the app is the end of the change.
 */
const DIGEST = `
  CREATE FUNCTION audit_row_digest(prev bytea, r audit_log) RETURNS bytea
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT sha256(COALESCE(prev, '\\x'::bytea) || convert_to(concat_ws(E'\\x1f',
      r.id::text,
      to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      r.actor, r.action, r.subject_type, r.subject_id,
      COALESCE(r.before::text, ''), COALESCE(r.after::text, ''), COALESCE(r.request_id, '')), 'UTF8'))
  $$`;

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('ALTER TABLE audit_log ADD COLUMN hash BYTEA');
    await run(DIGEST);
    // The rows written before this migration, chained in id order (the owner may update them once).
    await run('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await run(`
      DO $$
      DECLARE
        r audit_log;
        prev bytea := NULL;
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
          prev := audit_row_digest(prev, r);
          UPDATE audit_log SET hash = prev WHERE id = r.id;
        END LOOP;
      END $$`);
    await run('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    await run(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        prev bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('gongwu.audit_log_chain'));
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
        SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
        NEW.hash := audit_row_digest(prev, NEW);
        RETURN NEW;
      END $$`);
    await run(
      'CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()',
    );
    await run('ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL');
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('DROP TRIGGER audit_log_chain ON audit_log');
    await run('DROP FUNCTION audit_log_chain()');
    await run('DROP FUNCTION audit_row_digest(bytea, audit_log)');
    await run('ALTER TABLE audit_log DROP COLUMN hash');
  });
};
