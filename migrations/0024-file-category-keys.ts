import type { Migration } from '../src/db/migrator';

/**
 * Categories get a short key (`/files category add contracts 合同`, `category:contracts` in a
 * search, `parent:` when adding a child): names are long, bilingual and may change; the key is
 * what people type. Existing rows get `c<id>`.
 */
export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.transaction(async (transaction) => {
    const run = (sql: string) => sequelize.query(sql, { transaction });
    await run('ALTER TABLE file_categories ADD COLUMN key VARCHAR(40)');
    await run(`UPDATE file_categories SET key = 'c' || id`);
    await run('ALTER TABLE file_categories ALTER COLUMN key SET NOT NULL');
    await run(`ALTER TABLE file_categories ADD CONSTRAINT file_categories_key_format
                 CHECK (key ~ '^[a-z0-9][a-z0-9_-]*$')`);
    await run('CREATE UNIQUE INDEX file_categories_key_idx ON file_categories (key)');
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('ALTER TABLE file_categories DROP COLUMN key');
};
