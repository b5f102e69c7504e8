/**
 * The apps under test. `startBareBolt` and `startOursApp` run inside the target process
 * (target-process.ts); `prepareOursDatabase` and `deleteRedisKeys` run in the orchestrator, which
 * owns everything that must be cleaned up even if the target process dies.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import Redis from 'ioredis';
import { parseConfig } from '../../src/config';
import { migrateUp } from '../../src/db/migrator';
import { createSequelize } from '../../src/db/sequelize';
import type { OrgFile } from '../../src/domain/org/org-file';
import { seedExampleOrgIfEmpty } from '../../src/local-workspace';
import { createLogger } from '../../src/logger';
import { startPlatform } from '../../src/main';
import { createEmptyDatabase } from '../../test/support/database';

/** Slack's side as the app sees it: the emulator's credentials and Web API. */
export interface SlackSide {
  botToken: string;
  signingSecret: string;
  apiUrl: string;
}

export interface RunningApp {
  /** `http://127.0.0.1:<port>/slack/events` */
  eventsUrl: string;
  stop(): Promise<void>;
}

/**
 * The reference: Bolt's HTTPReceiver and a listener that only acknowledges. Its Web API client
 * points at the emulator too, because Bolt verifies the token with auth.test (once, cached).
 */
export async function startBareBolt(slack: SlackSide): Promise<RunningApp> {
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events' });
  const app = new App({
    token: slack.botToken,
    receiver,
    deferInitialization: true,
    clientOptions: { slackApiUrl: slack.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/oa', async ({ ack }) => {
    await ack();
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}

export interface OursAppOptions {
  slack: SlackSide;
  databaseUrl: string;
  /** Absent: the PostgreSQL queue backend. */
  redisUrl: string | undefined;
  queueNamespace: string;
}

/** Ours, as production runs it in HTTP mode, on a prepared database. */
export async function startOursApp(options: OursAppOptions): Promise<RunningApp> {
  const config = parseConfig({
    DATABASE_URL: options.databaseUrl,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // A scheduled backup at start would be measured as part of the decisions: off here.
    BACKUP_TIME: 'off',
    REPORT_MONTHLY: 'off',
    DRILL_TIME: 'off',
  });
  const platform = await startPlatform(config, {
    logger: createLogger('silent'),
    queueNamespace: options.queueNamespace,
    transport: { kind: 'http', ...options.slack },
  });
  return { eventsUrl: `${platform.url}/slack/events`, stop: () => platform.stop() };
}

/** A fresh database on the real server, migrated, with the example organisation imported. */
export async function prepareOursDatabase(
  org: OrgFile,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const db = await createEmptyDatabase('gongwu_bench');
  try {
    const sequelize = createSequelize(db.url);
    try {
      await migrateUp(sequelize);
      await seedExampleOrgIfEmpty(org, createLogger('silent'));
    } finally {
      await sequelize.close();
    }
    return db;
  } catch (error) {
    await db.drop().catch(() => undefined);
    throw error;
  }
}

/** The queue's keys under its prefix (BullMQ leaves its bookkeeping behind). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
