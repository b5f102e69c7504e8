import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../../src/backup/snapshot-export';
import { createMigrator } from '../../src/db/migrator';
import { insertFanoutItems } from '../../src/db/repositories/fanout.repository';
import { type PurposeEvents, TEST_PURPOSE, testPurpose } from '../support/fanout-worker';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * The maintenance log end to end (requirements §二.(四).2, issue 17): the start and its
 * migrations are recorded, a drill and a delivery given up are, an admin change made in Slack
 * is; `/oa maintenance log` answers admins with the newest entries and sends the period as CSV
 * to their DM, refuses everyone else, and names a period it cannot read.
 */
jest.setTimeout(60_000);

let running: RunningPlatform;
let backupDir: string;
const ALICE = 'U01ALICE0'; // admin
const EVAN = 'U01EVAN00'; // employee

beforeAll(async () => {
  backupDir = await mkdtemp(join(tmpdir(), 'gongwu-maintlog-'));
  running = await startTestPlatform({
    env: { BACKUP_DIR: backupDir },
    // The start applies the newest migration itself, as after an upgrade.
    beforeStart: async (db) => {
      await createMigrator(db.sequelize).down({ to: '0023-maintenance-log' });
    },
  });
  const events: PurposeEvents = { permanentErrors: [], settled: [] };
  running.platform.fanout.register(TEST_PURPOSE, testPurpose(events));
}, 60_000);
afterAll(async () => {
  await running.stop();
  await rm(backupDir, { recursive: true, force: true });
});

const answer = (userId: string, text: string) => oaAnswer(running, userId, text, 15_000);

type Row = { kind: string; category: string; summary: string; details: Record<string, unknown> };
const entries = (kind?: string) =>
  running.db.sequelize.query<Row>(
    `SELECT kind, category, summary, details FROM maintenance_log ${kind ? 'WHERE kind = $1' : ''} ORDER BY id`,
    { type: 'SELECT' as never, ...(kind ? { bind: [kind] } : {}) },
  );
const waitForEntry = (kind: string) =>
  running.emulator.waitFor(async () => (await entries(kind))[0], { timeoutMs: 30_000 });

it('records the start: the migrations it applied and the version', async () => {
  const [migrations] = await entries('migrations_applied');
  expect(migrations?.category).toBe('maintenance');
  expect(migrations?.details.migrations).toEqual(expect.arrayContaining(['0023-maintenance-log']));
  const [started] = await entries('app_started');
  expect(started?.summary).toMatch(/^gongwu-slack \d+\.\d+\.\d+ started$/);
});

it('records a restore drill an admin started', async () => {
  await createBackup({ databaseUrl: running.db.url, targetDir: backupDir, appVersion: 'test' });
  await answer(ALICE, 'language en');
  expect(await answer(ALICE, 'drill')).toContain('Restore drill started');
  const drill = await waitForEntry('drill_succeeded');
  expect(drill.summary).toMatch(/restore drill \(manual\) passed on gongwu-\d{8}T\d{6}Z: RTO [\d.]+ s/);
  expect(drill.details.requestedBy).toBe(ALICE);
});

it('records a bulk send given up as a fault', async () => {
  await insertFanoutItems([
    {
      itemKey: 'maintlog-gone',
      batchKey: 'maintlog',
      purpose: TEST_PURPOSE,
      method: 'post' as const,
      channel: 'CGONE0000',
      subject: { text: 'to a channel that is not there' },
      priority: 9,
    },
  ]);
  await running.platform.fanout.kick();
  const fault = await waitForEntry('delivery_given_up');
  expect(fault.category).toBe('fault');
  expect(fault.summary).toContain('channel_not_found');
  expect(fault.details).toMatchObject({ courier: 'fanout', purpose: TEST_PURPOSE });
});

it('records an admin change made in Slack', async () => {
  await answer(ALICE, `suspend <@${EVAN}>`);
  await answer(ALICE, `reactivate <@${EVAN}>`);
  const changes = await entries('config_changed');
  expect(changes.map((change) => change.details.command)).toEqual(['suspend', 'reactivate']);
  expect(changes[0]?.details.by).toBe(ALICE);
});

it('shows an admin the newest entries and sends the period as CSV to their DM', async () => {
  const reply = await answer(ALICE, 'maintenance log last-7-days');
  expect(reply).toContain('Maintenance log — last-7-days');
  expect(reply).toContain('`drill_succeeded`');
  expect(reply).toContain('`app_started`');
  expect(reply).toContain('The whole period is in your DM as CSV.');
  const dm = running.emulator.dmChannelOf(ALICE);
  const csv = running.emulator
    .files()
    .find((file) => file.channels.includes(dm) && file.name === 'maintenance-log-last-7-days.csv');
  expect(csv).toBeDefined();
  const text = csv!.content.toString('utf8');
  expect(text.split('\r\n')[0]).toBe('\uFEFFtime (UTC),category,kind,summary,details,request id');
  const total = (await entries()).length;
  expect(text.trim().split('\r\n')).toHaveLength(total + 1);
  expect(text).toContain('migrations_applied');
  expect(text).toContain('delivery_given_up');
});

it('refuses someone who is not an admin, and names a period it cannot read', async () => {
  expect(await answer(EVAN, 'maintenance log')).toContain('只有系統管理員可以使用 `/oa maintenance log`');
  expect(await answer(ALICE, 'maintenance log 2026-13')).toContain('`2026-13` is not a period');
  expect(await answer(ALICE, 'maintenance log 2001-01')).toContain('Nothing was recorded in 2001-01.');
});

it('shows admins the newest entries on their Home, and nobody else', async () => {
  const { emulator } = running;
  const text = (view: unknown) => JSON.stringify(view ?? '');
  await emulator.as(ALICE).openHome();
  await emulator.as(EVAN).openHome();
  // An earlier Home (published after `language en`) shows the log as it was then.
  await emulator.waitFor(() => text(emulator.home(ALICE)).includes('config_changed'), { timeoutMs: 10_000 });
  expect(text(emulator.home(ALICE))).toContain('*Maintenance log* (newest 5)');
  await emulator.waitFor(() => text(emulator.home(EVAN)).includes('Evan'), { timeoutMs: 10_000 });
  expect(text(emulator.home(EVAN))).not.toContain('維護紀錄');
  expect(text(emulator.home(EVAN))).not.toContain('Maintenance log');
  const blocks = (emulator.home(ALICE) as { blocks: unknown[] }).blocks;
  expect(blocks.length).toBeLessThanOrEqual(100);
});
