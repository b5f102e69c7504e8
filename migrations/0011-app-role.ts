import type { Migration } from '../src/db/migrator';

/**
 * The privileges the running app needs, and no more, granted to the group role `gongwu_app`.
 * Migrations run as the role that owns the tables (DATABASE_MIGRATION_URL); the app logs in as a
 * role that is a member of gongwu_app and owns nothing. An owner can rewrite the audit log
 * (ALTER TABLE … DISABLE TRIGGER, CREATE OR REPLACE FUNCTION of its guard); a member of
 * gongwu_app can only read and append to it, and cannot change the schema at all.
 *
 * Roles are cluster-wide: the group role is created once (several databases of one cluster may
 * migrate at the same time, so a concurrent creation is tolerated). A migrating role without
 * CREATEROLE can still run this when an administrator created gongwu_app beforehand
 * (docs/operations.md).
 */
export const APP_ROLE = 'gongwu_app';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
      END $$`);
    await run(`GRANT CONNECT, TEMPORARY ON DATABASE "${await databaseName(sequelize)}" TO ${APP_ROLE}`);
    await run(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await run(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    await run(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${APP_ROLE}`);
    // The audit log: read and append only.
    await run(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${APP_ROLE}`);
    // The migrations' own bookkeeping is the owner's.
    await run(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${APP_ROLE}`);
    // Tables and sequences later migrations create (by this same owner) are covered the same way;
    // a migration that adds an append-only table revokes like the audit log above.
    await run(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await run(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_ROLE}`,
    );
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await run(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await run(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await run(`REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${APP_ROLE}`);
    await run(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    await run(`REVOKE ALL ON DATABASE "${await databaseName(sequelize)}" FROM ${APP_ROLE}`);
    // The role itself stays: other databases of the cluster may use it.
  });
};

async function databaseName(sequelize: Parameters<Migration>[0]['context']): Promise<string> {
  const [rows] = await sequelize.query('SELECT current_database() AS name');
  return String((rows as { name: string }[])[0]?.name);
}
