import { parseArgs } from 'node:util';
import { BackupInvalid } from '../backup/manifest';
import { RestoreRefused, restoreBackup } from '../backup/restore';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { createLogger } from '../logger';
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
  try {
    const report = await restoreBackup({
      backupDir: positionals[0]!,
      databaseUrl: target ?? database!.url,
      encryptionSecret: config.backup.encryptionKey,
      force: values.force ?? false,
    });
    const rows = Object.values(report.rows).reduce((sum, count) => sum + count, 0);
    process.stdout.write(
      `restored ${report.manifest.createdAt} (${Object.keys(report.rows).length} tables, ${rows} rows, counts match the manifest) in ${(report.durationMs / 1000).toFixed(1)} s` +
        (report.migratedAfter.length ? `; then migrated: ${report.migratedAfter.join(', ')}` : '') +
        '\n',
    );
  } finally {
    await database?.close();
  }
}

runCli('Restore', run, (error) => error instanceof BackupInvalid || error instanceof RestoreRefused);
