import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../src/db/migrator';
import { createSequelize } from '../../src/db/sequelize';
import { createEmptyDatabase } from '../support/database';

const tables = async (sequelize: ReturnType<typeof createSequelize>) =>
  (
    await sequelize.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1",
      { type: QueryTypes.SELECT },
    )
  ).map((row) => row.tablename);

describe('migrations', () => {
  it('go all the way up, all the way down, and up again on a real database', async () => {
    const empty = await createEmptyDatabase('gongwu_migrations');
    const sequelize = createSequelize(empty.url);
    try {
      const migrator = createMigrator(sequelize);
      const applied = await migrator.up();
      expect(applied.length).toBeGreaterThan(0);
      expect(await tables(sequelize)).toEqual(expect.arrayContaining(['audit_log', 'departments', 'people']));
      expect(await migrator.pending()).toEqual([]);
      await migrator.down({ to: 0 });
      expect(await tables(sequelize)).toEqual([]);
      expect((await migrator.up()).length).toBe(applied.length);
    } finally {
      await sequelize.close();
      await empty.drop();
    }
  });
});
