import { parseArgs } from 'node:util';
import { restoreEntry } from '../backup/maintenance-entries';
import { BackupInvalid } from '../backup/manifest';
import { RestoreRefused, restoreBackup } from '../backup/restore';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { openSequelize } from '../db/sequelize';
import { createLogger, type Logger } from '../logger';
import { createMaintenanceLogService } from '../wiring/maintenance';
import { runCli } from './run-cli';

const USAGE = `Usage: npm run restore -- <backup directory> [--database-url URL] [--force]

Restores a backup made by npm run backup into an empty database (the configured one, or URL),
after checking every part against its manifest. --force replaces the contents of a database
that already holds tables. An encrypted backup needs BACKUP_ENCRYPTION_KEY.`;

async function run(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'database-url': { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const target = values['database-url'] ?? config.databaseMigrationUrl ?? config.databaseUrl;
  const database = target ? undefined : await openDatabase(config, logger);
  const databaseUrl = target ?? database!.url;
  const backup = positionals[0]!;
  try {
    const report = await restoreBackup({
      backupDir: backup,
      databaseUrl,
      encryptionSecret: config.backup.encryptionKey,
      force: values.force ?? false,
    }).catch(async (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      await logRestore(databaseUrl, config.defaultTimezone, logger, { ok: false, backup, error: message });
      throw error;
    });
    const rows = Object.values(report.rows).reduce((sum, count) => sum + count, 0);
    await logRestore(databaseUrl, config.defaultTimezone, logger, {
      ok: true,
      backup,
      rows,
      seconds: report.durationMs / 1000,
      migratedAfter: report.migratedAfter,
    });
    process.stdout.write(
      `restored ${report.manifest.createdAt} (${Object.keys(report.rows).length} tables, ${rows} rows, counts match the manifest) in ${(report.durationMs / 1000).toFixed(1)} s` +
        (report.migratedAfter.length ? `; then migrated: ${report.migratedAfter.join(', ')}` : '') +
        '\n',
    );
  } finally {
    await database?.close();
  }
}

/**
 * The restore goes to the maintenance log of the database restored into (a refused or failed one
 * too, where that database has the log already; otherwise a warning is all that is left).
 */
async function logRestore(
  url: string,
  timeZone: string,
  logger: Logger,
  result: Parameters<typeof restoreEntry>[0],
): Promise<void> {
  const sequelize = openSequelize(url, logger);
  try {
    await createMaintenanceLogService({ timeZone, logger, database: () => sequelize }).record({
      ...restoreEntry(result),
      requestId: null,
    });
  } finally {
    await sequelize.close().catch(() => undefined);
  }
}

runCli('Restore', run, (error) => error instanceof BackupInvalid || error instanceof RestoreRefused);
