import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupJobOutcome } from '../../../src/backup/backup-job';
import type { DrillOutcome } from '../../../src/backup/restore-drill';
import { DEFAULT_RETENTION } from '../../../src/backup/retention';
import { BackupRuns } from '../../../src/db/repositories/backup-runs.repository';
import { BackupScheduler } from '../../../src/jobs/backups';
import { createQueueBackend, type QueueBackend } from '../../../src/jobs/queue-backend';
import { createLogger } from '../../../src/logger';
import { useTestDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';
import { TEST_REDIS_URL } from '../../support/redis';

/**
 * The scheduled backup and drill: what is due runs once per slot, a failing slot is tried a few
 * times and every failure reaches the admins' channel (here, a list), a drill's result too.
 */

const db = useTestDatabase({ beforeDrop: () => backend?.close() });
const dir = useForTestFile(
  'the backup directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-scheduled-')),
  (path) => rm(path, { recursive: true, force: true }),
);
const logger = createLogger('silent');
let backend: QueueBackend | undefined;

const told: Array<BackupJobOutcome | DrillOutcome> = [];
function scheduler(databaseUrl = db.url): BackupScheduler {
  backend ??= createQueueBackend({
    redisUrl: TEST_REDIS_URL,
    databaseUrl: db.url,
    namespace: `backups_${process.pid}`,
    logger,
  });
  return new BackupScheduler(backend, logger, {
    runs: new BackupRuns(db.sequelize),
    schedule: { backupAt: '02:00', drillDay: 1, drillAt: '03:00', timeZone: 'Asia/Taipei' },
    backup: {
      databaseUrl,
      dir: dir(),
      encryptionSecret: undefined,
      retention: DEFAULT_RETENTION,
      timeZone: 'Asia/Taipei',
      appVersion: 'test',
    },
    drill: { databaseUrl: db.url, backupDir: dir(), encryptionSecret: undefined },
    onBackupFailed: async (_slot, outcome) => {
      told.push(outcome);
    },
    onDrill: async (outcome) => {
      told.push(outcome);
    },
  });
}

beforeEach(async () => {
  told.length = 0;
  await db.sequelize.query('TRUNCATE backup_runs');
});

/** 10:00 in Taipei on the given local date. */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

describe('the backup scheduler', () => {
  it('makes the day’s backup once and the month’s drill once, telling the admins the drill’s result', async () => {
    const first = await scheduler().check(at('2026-12-01'));
    expect(first.backup).toMatchObject({ status: 'succeeded' });
    expect(first.drill).toMatchObject({ status: 'succeeded' });
    expect(told).toEqual([expect.objectContaining({ status: 'succeeded', rtoSeconds: expect.any(Number) })]);
    const again = await scheduler().check(at('2026-12-01'));
    expect(again).toEqual({ backup: { status: 'skipped' }, drill: { status: 'skipped' } });
    expect((await readdir(dir())).filter((name) => name.startsWith('gongwu-'))).toHaveLength(1);
  });

  it('tries a failing backup at most three times a day, telling the admins each time', async () => {
    const broken = db.url.replace(/\/[^/]+$/, '/no_such_database');
    for (let i = 0; i < 5; i += 1) await scheduler(broken).check(at('2026-12-02'));
    const failures = told.filter((outcome) => outcome.status === 'failed');
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({ error: expect.stringContaining('no_such_database') });
    // The next day starts afresh.
    await scheduler().check(at('2026-12-03'));
    expect((await new BackupRuns(db.sequelize).latest('backup'))?.status).toBe('succeeded');
  });
});
