import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import { readManifest } from './manifest';
import { backupsToDelete, type RetentionPolicy } from './retention';
import { createBackup } from './snapshot-export';

/**
 * One scheduled (or manual) backup, recorded: the run is claimed in `backup_runs` (once per slot
 * across replicas), the backup written, retention applied only after it succeeded, and the run
 * finished with its figures or its error. The caller alerts on a failure.
 */

export interface BackupJobSettings {
  /** The database as its owner. */
  databaseUrl: string;
  dir: string;
  encryptionSecret: string | undefined;
  retention: RetentionPolicy;
  timeZone: string;
  appVersion: string;
}

export type BackupJobOutcome =
  | { status: 'skipped' }
  | { status: 'succeeded'; name: string; rows: number; bytes: number; removed: string[] }
  | { status: 'failed'; error: string };

/** A run left "running" this long died with its process. */
const STALE_RUN_MS = 6 * 3600_000;

export async function runBackupJob(
  runs: BackupRuns,
  settings: BackupJobSettings,
  slot: string | null,
  now = new Date(),
): Promise<BackupJobOutcome> {
  const run = await runs.start('backup', slot, STALE_RUN_MS);
  if (!run) return { status: 'skipped' };
  try {
    const backup = await createBackup({
      databaseUrl: settings.databaseUrl,
      targetDir: settings.dir,
      encryptionSecret: settings.encryptionSecret,
      appVersion: settings.appVersion,
      now,
    });
    const parts = Object.values(backup.manifest.tables);
    const rows = parts.reduce((sum, part) => sum + part.rows, 0);
    const bytes = parts.reduce((sum, part) => sum + part.bytes, 0);
    const removed = await applyRetention(settings);
    await runs.finish(run.id, {
      status: 'succeeded',
      backupName: backup.name,
      details: { rows, bytes, removed },
    });
    return { status: 'succeeded', name: backup.name, rows, bytes, removed };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await runs.finish(run.id, { status: 'failed', error: message });
    return { status: 'failed', error: message };
  }
}

/** The finished backups in `dir` (a directory with a readable manifest), oldest first. */
export async function listBackups(dir: string): Promise<Array<{ name: string; createdAt: Date }>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const backups: Array<{ name: string; createdAt: Date }> = [];
  for (const name of names.filter((entry) => entry.startsWith('gongwu-') && !entry.endsWith('.partial'))) {
    const manifest = await readManifest(join(dir, name)).catch(() => null);
    if (manifest) backups.push({ name, createdAt: new Date(manifest.createdAt) });
  }
  return backups.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

async function applyRetention(settings: BackupJobSettings): Promise<string[]> {
  const remove = backupsToDelete(await listBackups(settings.dir), settings.retention, settings.timeZone);
  for (const name of remove) await rm(join(settings.dir, name), { recursive: true, force: true });
  return remove;
}
