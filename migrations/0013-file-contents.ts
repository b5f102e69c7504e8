import type { Migration } from '../src/db/migrator';
import { APP_ROLE } from './0011-app-role';

/**
 * The file library's bytes when they live in PostgreSQL (the embedded default, so replicas share
 * them and a database backup holds them): one row per stored content, its bytes in chunks of at
 * most 512 KiB so neither side ever holds a whole file in memory. Content never changes once
 * stored: the app may insert, read and (for an admin purge) delete, never update.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run(`
      CREATE TABLE file_contents (
        key         VARCHAR(80) PRIMARY KEY,
        size_bytes  BIGINT NOT NULL CHECK (size_bytes >= 0),
        sha256      CHAR(64) NOT NULL,
        chunks      INTEGER NOT NULL CHECK (chunks >= 0),
        created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    await run(`
      CREATE TABLE file_content_chunks (
        -- Checked at commit: the chunks are written first, the content row last, with their count.
        content_key VARCHAR(80) NOT NULL REFERENCES file_contents(key) ON DELETE CASCADE
                      DEFERRABLE INITIALLY DEFERRED,
        seq         INTEGER NOT NULL CHECK (seq >= 0),
        data        BYTEA NOT NULL,
        PRIMARY KEY (content_key, seq)
      )`);
    await run(`REVOKE UPDATE, TRUNCATE ON file_contents, file_content_chunks FROM ${APP_ROLE}`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP TABLE file_content_chunks, file_contents');
};
