import type { Migration } from '../src/db/migrator';

/**
 * Categories get a short key (`/files category add contracts 合同`, `category:contracts` in a
 * search, `parent:` when adding a child): names are long, bilingual and may change; the key is
 * what people type. Existing rows, and rows inserted without one, get `c<id>`.
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
    // Rows written without a key (older tools, fixtures) get `c<id>` like the existing ones did.
    await run(`CREATE FUNCTION file_categories_default_key() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   IF NEW.key IS NULL THEN NEW.key := 'c' || NEW.id; END IF;
                   RETURN NEW;
                 END $$`);
    await run(`CREATE TRIGGER file_categories_default_key BEFORE INSERT ON file_categories
                 FOR EACH ROW EXECUTE FUNCTION file_categories_default_key()`);
  });
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query('DROP TRIGGER file_categories_default_key ON file_categories');
  await sequelize.query('DROP FUNCTION file_categories_default_key()');
  await sequelize.query('ALTER TABLE file_categories DROP COLUMN key');
};
