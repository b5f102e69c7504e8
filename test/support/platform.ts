import { randomBytes } from 'node:crypto';
import { SlackEmulator } from '@gongwu/slack-emulator';
import { parseConfig } from '../../src/config';
import {
  APP_MANIFEST_FILE,
  addExampleUsers,
  loadExampleOrg,
  seedExampleOrgIfEmpty,
} from '../../src/local-workspace';
import { createLogger } from '../../src/logger';
import { type Platform, startPlatform } from '../../src/main';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_REDIS_URL } from './redis';

/**
 * The whole app in HTTP mode on a random port (or in Socket Mode), talking to a fresh emulator
 * over real HTTP, on its own database (example organisation imported) and its own queue namespace.
 */
export interface RunningPlatform {
  platform: Platform;
  emulator: SlackEmulator;
  db: TestDatabase;
  /** The app's queue namespace (its Redis key prefix). */
  queueNamespace: string;
  stop(): Promise<void>;
}

export async function startTestPlatform(
  options: {
    queue?: 'redis' | 'postgres';
    env?: Record<string, string>;
    /** E.g. route the app's database connections through a TcpProxy the test controls. */
    appDatabaseUrl?: (url: string) => string;
    /** Migrations at start run on the test database's own (owner) URL: DATABASE_MIGRATION_URL. */
    migrateAsOwner?: boolean;
    /** `socket`: the app opens a Socket Mode connection to the emulator and has no request URL. Default `http`. */
    transport?: 'http' | 'socket';
    /** Runs on the migrated, seeded database before the app starts (e.g. to undo a migration). */
    beforeStart?: (db: TestDatabase) => Promise<void>;
  } = {},
): Promise<RunningPlatform> {
  const db = await createTestDatabase();
  const org = await loadExampleOrg();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  await seedExampleOrgIfEmpty(org, logger);
  const emulator = new SlackEmulator({ port: 0, appManifestPath: APP_MANIFEST_FILE });
  addExampleUsers(emulator, org);
  await emulator.start();
  await options.beforeStart?.(db);
  const config = parseConfig({
    DATABASE_URL: options.appDatabaseUrl ? options.appDatabaseUrl(db.url) : db.url,
    ...(options.migrateAsOwner ? { DATABASE_MIGRATION_URL: db.url } : {}),
    ...(options.queue === 'postgres' ? {} : { REDIS_URL: TEST_REDIS_URL }),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // Scheduled backups and drills have tests of their own; here they would only add load.
    BACKUP_TIME: 'off',
    REPORT_MONTHLY: 'off',
    DRILL_TIME: 'off',
    ...options.env,
  });
  const queueNamespace = `test_${randomBytes(4).toString('hex')}`;
  const platform = await startPlatform(config, {
    logger,
    queueNamespace,
    transport:
      options.transport === 'socket'
        ? {
            kind: 'socket',
            botToken: emulator.botToken,
            appToken: emulator.appToken,
            apiUrl: emulator.apiUrl,
          }
        : {
            kind: 'http',
            botToken: emulator.botToken,
            signingSecret: emulator.signingSecret,
            apiUrl: emulator.apiUrl,
          },
  });
  if (options.transport !== 'socket') emulator.setAppUrl(`${platform.url}/slack/events`);
  return {
    platform,
    emulator,
    db,
    queueNamespace,
    async stop() {
      await platform.stop();
      await emulator.stop();
      await db.drop();
    },
  };
}
