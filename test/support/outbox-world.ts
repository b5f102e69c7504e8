import { SlackEmulator } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import { addExampleUsers, loadExampleOrg, seedExampleOrgIfEmpty } from '../../src/local-workspace';
import type { Logger } from '../../src/logger';
import { createOutboxNotifier } from '../../src/slack/outbox-notifier';
import { createCourierClient } from '../../src/slack/slack-errors';
import { UserContextResolver } from '../../src/slack/user-context';
import { createOrg } from '../../src/wiring/org';
import { createTestDatabase, type TestDatabase } from './database';
import { lateBound, useForTestFile } from './per-file';
import { workflows } from './workflows';

const { syncBuiltinTemplates } = workflows;

/**
 * What the outbox tests deliver into: a migrated database with the example organisation and the
 * built-in templates, the emulator with the same people, and the product's notifier talking to
 * the emulator over HTTP (no client retries: a test sees every failure the courier sees).
 */
export interface OutboxWorld {
  db: TestDatabase;
  emulator: SlackEmulator;
  notify: ReturnType<typeof createOutboxNotifier>;
  /** Outbox rows not delivered yet. */
  undelivered(): Promise<number>;
  stop(): Promise<void>;
}

export async function startOutboxWorld(logger: Logger): Promise<OutboxWorld> {
  const db = await createTestDatabase();
  const org = await loadExampleOrg();
  await seedExampleOrgIfEmpty(org, logger);
  await syncBuiltinTemplates();
  const emulator = new SlackEmulator({ port: 0 });
  addExampleUsers(emulator, org);
  await emulator.start();
  const client = createCourierClient({ botToken: emulator.botToken, apiUrl: emulator.apiUrl }, logger);
  const notify = createOutboxNotifier(
    client,
    new UserContextResolver(client, { locale: 'en', timezone: 'Asia/Taipei' }, logger),
    workflows,
    createOrg(),
  );
  return {
    db,
    emulator,
    notify,
    undelivered: async () => {
      const [row] = await db.sequelize.query<{ n: string }>(
        'SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL',
        { type: QueryTypes.SELECT },
      );
      return Number(row?.n ?? 0);
    },
    stop: async () => {
      await emulator.stop();
      await db.drop();
    },
  };
}

/**
 * The outbox world for a whole test file: started in beforeAll, stopped in afterAll after
 * `beforeStop` (couriers and queue backends first: they hold connections to the database).
 */
export function useOutboxWorld(
  logger: Logger,
  options: { beforeStop?: () => Promise<void> | void } = {},
): Omit<OutboxWorld, 'stop'> {
  const current = useForTestFile(
    'the outbox world',
    () => startOutboxWorld(logger),
    async (world) => {
      await options.beforeStop?.();
      await world.stop();
    },
  );
  return lateBound(current, ['db', 'emulator', 'notify', 'undelivered']);
}
