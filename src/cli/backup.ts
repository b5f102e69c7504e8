import { backupBytes } from '../backup/backup-job';
import { backupTarget } from '../backup/backup-target';
import { backupEntry } from '../backup/maintenance-entries';
import { createBackup } from '../backup/snapshot-export';
import { loadConfig } from '../config';
import { openOwnerDatabase } from '../db/connect';
import { createLogger } from '../logger';
import { S3ContentStore } from '../storage/s3-content-store';
import { createMaintenanceLogService } from '../wiring/maintenance';
import { runCli } from './run-cli';

/**
 * `npm run backup`: one backup of the whole database into BACKUP_DIR (default DATA_DIR/backups),
 * encrypted when BACKUP_ENCRYPTION_KEY is set. In the zero-config set-up it starts the embedded
 * database itself, so stop the app first (the embedded cluster serves one process).
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openOwnerDatabase(config, logger);
  const log = createMaintenanceLogService({
    timeZone: config.defaultTimezone,
    logger,
    database: () => database.sequelize,
  });
  try {
    const { version } = require('../../package.json') as { version: string };
    const target = backupTarget(config.backup);
    const stage = await target.stage();
    let backup: Awaited<ReturnType<typeof createBackup>>;
    try {
      backup = await createBackup({
        databaseUrl: database.url,
        targetDir: stage.dir,
        encryptionSecret: config.backup.encryptionKey,
        appVersion: version,
        ...(config.files.s3 ? { contents: new S3ContentStore(config.files.s3) } : {}),
      });
      await stage.publish(backup.name);
    } finally {
      await stage.discard();
    }
    const rows = Object.values(backup.manifest.tables).reduce((sum, table) => sum + table.rows, 0);
    const bytes = backupBytes(backup.manifest);
    await log.record({
      ...backupEntry({ status: 'succeeded', name: backup.name, rows, bytes, removed: [] }, 'cli'),
      requestId: null,
    });
    process.stdout.write(
      `backup written: ${config.backup.s3 ? `${target.description}${backup.name}` : backup.dir}\n  ${Object.keys(backup.manifest.tables).length} tables, ${rows} rows${backup.manifest.objects ? `, ${backup.manifest.objects.count} file objects` : ''}, migration ${backup.manifest.migrationLevel}, ${backup.manifest.encryption ? 'encrypted' : 'NOT encrypted (set BACKUP_ENCRYPTION_KEY)'}\n`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await log.record({ ...backupEntry({ status: 'failed', error: message }, 'cli'), requestId: null });
    throw error;
  } finally {
    await database.close();
  }
}

runCli('Backup', run);
