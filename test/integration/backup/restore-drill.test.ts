import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { runBackupJob } from '../../../src/backup/backup-job';
import { runRestoreDrill } from '../../../src/backup/restore-drill';
import { DEFAULT_RETENTION } from '../../../src/backup/retention';
import { Person } from '../../../src/db/models';
import { BackupRuns } from '../../../src/db/repositories/backup-runs.repository';
import { useForTestFile } from '../../support/per-file';
import { useWorkflowDatabase } from '../workflows-support';

/** Restore drills: the newest backup restored into a scratch database, timed, recorded, dropped. */

const { db } = useWorkflowDatabase();
const dir = useForTestFile(
  'the backup directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-drill-')),
  (path) => rm(path, { recursive: true, force: true }),
);

const settings = () => ({ databaseUrl: db.url, backupDir: dir(), encryptionSecret: 'drill secret key 0123' });
/** The scheduled backup's settings, on the same database and directory as the drill. */
const backupSettings = () => ({
  ...settings(),
  dir: dir(),
  retention: DEFAULT_RETENTION,
  timeZone: 'Asia/Taipei',
  appVersion: 'test',
});
/** Whether a database exists (a drill's own scratch database: others' drills may run beside this file). */
const exists = async (name: string | undefined) =>
  (
    await db.sequelize.query('SELECT 1 FROM pg_database WHERE datname = $1', {
      bind: [name ?? ''],
      type: QueryTypes.SELECT,
    })
  ).length > 0;
const drills = () =>
  db.sequelize.query<{
    status: string;
    backup_name: string | null;
    details: Record<string, number>;
    error: string | null;
  }>("SELECT status, backup_name, details, error FROM backup_runs WHERE kind = 'drill' ORDER BY id", {
    type: QueryTypes.SELECT,
  });

beforeEach(() => db.sequelize.query('TRUNCATE backup_runs'));

describe('restore drills', () => {
  it('fails, recorded, when there is no backup to restore', async () => {
    const outcome = await runRestoreDrill(new BackupRuns(db.sequelize), settings(), null);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('no finished backup') });
    expect((await drills()).map((run) => run.status)).toEqual(['failed']);
  });

  it('restores the newest backup, measures RTO and RPO, records them, and drops the scratch database', async () => {
    const runs = new BackupRuns(db.sequelize);
    const backup = await runBackupJob(runs, backupSettings(), null);
    expect(backup.status).toBe('succeeded');
    const outcome = await runRestoreDrill(runs, settings(), 'monthly-2026-12');
    expect(outcome).toMatchObject({ status: 'succeeded', rows: (backup as { rows: number }).rows });
    if (outcome.status !== 'succeeded') throw new Error('drill failed');
    expect(outcome.rtoSeconds).toBeGreaterThan(0);
    expect(outcome.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(outcome.auditRows).toBeGreaterThan(0);
    const [run] = await drills();
    expect(run).toMatchObject({ status: 'succeeded', backup_name: outcome.backupName, error: null });
    expect(run!.details).toMatchObject({ rtoSeconds: outcome.rtoSeconds, rpoSeconds: outcome.rpoSeconds });
    expect(outcome.scratchDatabase).toMatch(/^gongwu_drill_/);
    expect(await exists(outcome.scratchDatabase)).toBe(false);
    // The drill ran beside the app's own connection: the models still read the live database.
    expect(Person.sequelize).toBe(db.sequelize);
    // The slot ran once: a second replica asking for it skips.
    expect(await runRestoreDrill(runs, settings(), 'monthly-2026-12')).toEqual({ status: 'skipped' });
  });

  it('fails on a damaged backup, naming the part, and still drops the scratch database', async () => {
    const runs = new BackupRuns(db.sequelize);
    const backup = await runBackupJob(runs, backupSettings(), null, new Date(Date.now() + 5000));
    if (backup.status !== 'succeeded') throw new Error('backup failed');
    const handle = await open(join(dir(), backup.name, 'tables', 'people.jsonl.gz.enc'), 'r+');
    await handle.write(Buffer.from([0x00, 0x01, 0x02]), 0, 3, 30);
    await handle.close();
    const outcome = await runRestoreDrill(runs, settings(), null);
    expect(outcome).toMatchObject({
      status: 'failed',
      backupName: backup.name,
      error: expect.stringContaining('people.jsonl.gz.enc'),
    });
    expect(outcome.status === 'failed' && outcome.scratchDatabase).toMatch(/^gongwu_drill_/);
    expect(await exists(outcome.status === 'failed' ? outcome.scratchDatabase : undefined)).toBe(false);
  });
});
