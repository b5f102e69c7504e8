import type { Migration } from '../src/db/migrator';

/**
 * Who holds an outbox row's lease, so a row held by a process that died is taken over at once
 * instead of after its 300 s lease. Each app process holds a session-level advisory lock
 * (namespace 26479, key = its holder id) for as long as it lives; PostgreSQL releases it the
 * moment the process's connection closes, a kill -9 included. A lease whose holder's lock is gone
 * is as good as expired.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('ALTER TABLE outbox ADD COLUMN leased_by integer');
    await run(`
      CREATE FUNCTION lease_holder_gone(holder integer) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT holder IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2
            AND classid = 26479 AND objid = holder::oid
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
      $$`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query('DROP FUNCTION lease_holder_gone(integer)', { transaction });
    await sequelize.query('ALTER TABLE outbox DROP COLUMN leased_by', { transaction });
  });
};
