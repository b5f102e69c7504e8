import { join } from 'node:path';
import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Logger } from '../logger';

/**
 * Umzug runs the TypeScript migrations in `migrations/` (compiled to .js in dist/).
 * The schema changes only through these files; `sync()` is never called.
 */
export type MigrationContext = Sequelize;

export function createMigrator(sequelize: Sequelize, logger?: Logger) {
  const migrationsDir = join(__dirname, '..', '..', 'migrations');
  return new Umzug<MigrationContext>({
    migrations: {
      glob: ['*.{ts,js}', { cwd: migrationsDir, ignore: ['*.d.ts'] }],
      // Recorded without the extension, so running from src/ (tsx) or dist/ (node) is the same migration.
      resolve: ({ name, path, context }) => {
        const migration = require(path!) as { up: Migration; down?: Migration };
        return {
          name: name.replace(/\.(ts|js)$/, ''),
          up: () => migration.up({ context }),
          down: () => (migration.down ? migration.down({ context }) : Promise.resolve()),
        };
      },
    },
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: logger
      ? {
          info: (event) => logger.info({ migration: event }, 'migration'),
          warn: (event) => logger.warn({ migration: event }, 'migration'),
          error: (event) => logger.error({ migration: event }, 'migration'),
          debug: (event) => logger.debug({ migration: event }, 'migration'),
        }
      : undefined,
  });
}

export type Migration = (params: { context: MigrationContext }) => Promise<void>;

export async function migrateUp(sequelize: Sequelize, logger?: Logger): Promise<string[]> {
  const applied = await createMigrator(sequelize, logger).up();
  return applied.map((migration) => migration.name);
}
