import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../../src/backup/snapshot-export';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * `/oa drill` end to end: an admin starts a restore drill of the newest backup; every admin gets
 * the result in a DM, in their language; anyone else is refused.
 */

let running: RunningPlatform;
let backupDir: string;
const ALICE = 'U01ALICE0'; // admin
const EVAN = 'U01EVAN00'; // employee

beforeAll(async () => {
  backupDir = await mkdtemp(join(tmpdir(), 'gongwu-oa-drill-'));
  running = await startTestPlatform({ env: { BACKUP_DIR: backupDir } });
}, 60_000);
afterAll(async () => {
  await running.stop();
  await rm(backupDir, { recursive: true, force: true });
});

const answer = (userId: string, text: string) => oaAnswer(running, userId, text);

const dmText = (userId: string) =>
  running.emulator
    .messages(running.emulator.dmChannelOf(userId))
    .map((message) => message.text ?? '')
    .join('\n');

describe('/oa drill', () => {
  it('refuses someone who is not an admin, in their language', async () => {
    expect(await answer(EVAN, 'drill')).toContain('只有系統管理員可以使用 `/oa drill`');
  });

  it('restores the newest backup and tells every admin the result, with RTO and RPO', async () => {
    await createBackup({ databaseUrl: running.db.url, targetDir: backupDir, appVersion: 'test' });
    await answer(ALICE, 'language en');
    expect(await answer(ALICE, 'drill')).toContain('Restore drill started');
    const told = await running.emulator.waitFor(
      () => (/Restore drill passed/.test(dmText(ALICE)) ? dmText(ALICE) : undefined),
      { timeoutMs: 30_000 },
    );
    expect(told).toMatch(
      /gongwu-\d{8}T\d{6}Z restored into a scratch database and checked in [\d.]+ s \(RTO\)/,
    );
    const [run] = await running.db.sequelize.query<{ status: string; details: { requestedBy: string } }>(
      "SELECT status, details FROM backup_runs WHERE kind = 'drill'",
      { type: 'SELECT' as never },
    );
    expect(run).toMatchObject({ status: 'succeeded', details: { requestedBy: ALICE } });
  }, 60_000);
});
