import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { backupTarget, s3Target } from '../backup/backup-target';
import { restoreEntry } from '../backup/maintenance-entries';
import { BackupInvalid } from '../backup/manifest';
import { RestoreRefused, restoreBackup } from '../backup/restore';
import { type Config, loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { openSequelize } from '../db/sequelize';
import { createLogger, type Logger } from '../logger';
import { S3ContentStore } from '../storage/s3-content-store';
import { createMaintenanceLogService } from '../wiring/maintenance';
import { runCli } from './run-cli';

const USAGE = `Usage: npm run restore -- <backup> [--database-url URL] [--force]

<backup> is a backup directory, s3://bucket/prefix/gongwu-… (with BACKUP_S3_URL and its keys for
the endpoint and credentials), or a backup's name (gongwu-…) in the configured target
(BACKUP_S3_URL, else BACKUP_DIR).

Restores a backup made by npm run backup into an empty database (the configured one, or URL),
after checking every part against its manifest. --force replaces the contents of a database
that already holds tables. An encrypted backup needs BACKUP_ENCRYPTION_KEY. File contents the
backup holds (FILES_S3_URL) are put back into the configured file store.`;

/** The backup named on the command line, as a local directory (downloaded from S3 if need be). */
async function openBackup(
  argument: string,
  backup: Config['backup'],
): Promise<{ dir: string; close(): Promise<void> }> {
  const s3 = /^s3:\/\/([^/]+)\/(.*?)([^/]+)\/?$/.exec(argument);
  if (s3) {
    if (!backup.s3)
      throw new RestoreRefused(
        'set BACKUP_S3_URL, BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY (the endpoint and keys) to restore from S3',
      );
    return s3Target({ ...backup.s3, bucket: s3[1]!, prefix: s3[2]! }).open(s3[3]!);
  }
  const isDirectory = await stat(argument).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (isDirectory) return { dir: argument, close: async () => undefined };
  if (/^gongwu-[\w-]+$/.test(argument)) return backupTarget(backup).open(argument);
  throw new RestoreRefused(`${argument} is neither a backup directory, an s3:// address nor a backup's name`);
}

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
  let opened: { dir: string; close(): Promise<void> } | undefined;
  try {
    opened = await openBackup(backup, config.backup);
    const report = await restoreBackup({
      backupDir: opened.dir,
      databaseUrl,
      encryptionSecret: config.backup.encryptionKey,
      force: values.force ?? false,
      ...(config.files.s3 ? { contents: new S3ContentStore(config.files.s3) } : {}),
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
        (report.objects
          ? `; ${report.objects.count} file objects checked, ${report.objects.restored} put back`
          : '') +
        (report.migratedAfter.length ? `; then migrated: ${report.migratedAfter.join(', ')}` : '') +
        '\n',
    );
  } finally {
    await opened?.close();
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
