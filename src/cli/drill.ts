import { backupTarget } from '../backup/backup-target';
import { drillEntry } from '../backup/maintenance-entries';
import { runRestoreDrill } from '../backup/restore-drill';
import { loadConfig } from '../config';
import { openOwnerDatabase } from '../db/connect';
import { BackupRuns } from '../db/repositories/backup-runs.repository';
import { createLogger } from '../logger';
import { createMaintenanceLogService } from '../wiring/maintenance';
import { runCli } from './run-cli';

/**
 * `npm run drill`: restores the newest backup in BACKUP_DIR into a scratch database, checks it as a
 * real restore does, prints RTO and RPO, drops the scratch database and records the drill. Exit
 * code 0 when the backup restored, 3 when it did not.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openOwnerDatabase(config, logger);
  try {
    const outcome = await runRestoreDrill(
      new BackupRuns(database.sequelize),
      {
        databaseUrl: database.url,
        backupDir: config.backup.dir,
        target: backupTarget(config.backup),
        encryptionSecret: config.backup.encryptionKey,
      },
      null,
    );
    if (outcome.status !== 'skipped')
      await createMaintenanceLogService({
        timeZone: config.defaultTimezone,
        logger,
        database: () => database.sequelize,
      }).record({ ...drillEntry(outcome, 'cli'), requestId: null });
    if (outcome.status === 'succeeded')
      process.stdout.write(
        `restore drill passed: ${outcome.backupName} restored and checked (${outcome.rows} rows, audit chain of ${outcome.auditRows} rows intact); RTO ${outcome.rtoSeconds.toFixed(1)} s, RPO ${(outcome.rpoSeconds / 3600).toFixed(1)} h\n`,
      );
    else {
      process.stdout.write(
        `restore drill FAILED${outcome.status === 'failed' ? `: ${outcome.error}` : ''}\n`,
      );
      process.exitCode = 3;
    }
  } finally {
    await database.close();
  }
}

runCli('Drill', run);
