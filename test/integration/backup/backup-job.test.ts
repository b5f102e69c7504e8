import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { type BackupJobSettings, runBackupJob } from '../../../src/backup/backup-job';
import { BACKUP_FORMAT, BACKUP_METHOD, writeManifest } from '../../../src/backup/manifest';
import { DEFAULT_RETENTION } from '../../../src/backup/retention';
import { backupName } from '../../../src/backup/snapshot-export';
import { BackupRuns } from '../../../src/db/repositories/backup-runs.repository';
import { useTestDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';

/** Scheduled backups: once per slot across replicas, recorded, with retention after success only. */

const db = useTestDatabase();
const dir = useForTestFile(
  'the backup directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-backup-job-')),
  (path) => rm(path, { recursive: true, force: true }),
);

const settings = (overrides: Partial<BackupJobSettings> = {}): BackupJobSettings => ({
  databaseUrl: db.url,
  dir: dir(),
  encryptionSecret: undefined,
  retention: DEFAULT_RETENTION,
  timeZone: 'Asia/Taipei',
  appVersion: 'test',
  ...overrides,
});

/** An old finished backup: a directory with a manifest dated `at`. */
async function oldBackup(at: Date): Promise<string> {
  const name = backupName(at);
  await mkdir(join(dir(), name), { recursive: true });
  await writeManifest(join(dir(), name), {
    format: BACKUP_FORMAT,
    method: BACKUP_METHOD,
    createdAt: at.toISOString(),
    appVersion: 'old',
    migrationLevel: '0001-org-directory-and-audit',
    serverVersion: '17',
    tables: {},
    sequences: {},
    compression: 'gzip',
    encryption: null,
  });
  return name;
}

const runsOf = () =>
  db.sequelize.query<{ slot: string; status: string; error: string | null }>(
    'SELECT slot, status, error FROM backup_runs ORDER BY id',
    { type: QueryTypes.SELECT },
  );

beforeEach(() => db.sequelize.query('TRUNCATE backup_runs'));

describe('the backup job', () => {
  it('runs a slot once, whoever asks, and records what it wrote', async () => {
    const runs = new BackupRuns(db.sequelize);
    const [first, second] = await Promise.all([
      runBackupJob(runs, settings(), 'daily-2026-12-05'),
      runBackupJob(runs, settings(), 'daily-2026-12-05'),
    ]);
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['skipped', 'succeeded']);
    const done = first.status === 'succeeded' ? first : second;
    expect(done).toMatchObject({ status: 'succeeded', rows: expect.any(Number) });
    expect(await runsOf()).toEqual([{ slot: 'daily-2026-12-05', status: 'succeeded', error: null }]);
  });

  it('records a failure, keeps every old backup, and lets the slot run again', async () => {
    const runs = new BackupRuns(db.sequelize);
    const kept = await oldBackup(new Date('2024-01-01T00:00:00Z'));
    const failed = await runBackupJob(
      runs,
      settings({ databaseUrl: db.url.replace(/\/[^/]+$/, '/no_such_db') }),
      'daily-x',
    );
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('no_such_db') });
    expect(await readdir(dir())).toContain(kept);
    const again = await runBackupJob(runs, settings(), 'daily-x');
    expect(again.status).toBe('succeeded');
    expect((await runsOf()).map((run) => run.status)).toEqual(['failed', 'succeeded']);
  });

  it('applies retention after a success: a backup older than every rule goes', async () => {
    const runs = new BackupRuns(db.sequelize);
    const ancient = await oldBackup(new Date('2020-06-01T00:00:00Z'));
    const outcome = await runBackupJob(
      runs,
      settings({ retention: { daily: 1, weekly: 0, monthly: 0 } }),
      null,
    );
    expect(outcome).toMatchObject({ status: 'succeeded', removed: expect.arrayContaining([ancient]) });
    expect(await readdir(dir())).not.toContain(ancient);
  });

  it('takes over a slot whose run died with its process', async () => {
    await db.sequelize.query(
      "INSERT INTO backup_runs (kind, slot, started_at) VALUES ('backup', 'daily-dead', now() - interval '7 hours')",
    );
    const outcome = await runBackupJob(new BackupRuns(db.sequelize), settings(), 'daily-dead');
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect(await runsOf()).toEqual([
      { slot: 'daily-dead', status: 'failed', error: 'abandoned: its process stopped' },
      { slot: 'daily-dead', status: 'succeeded', error: null },
    ]);
  });
});
