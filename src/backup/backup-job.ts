import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import { type BackupTarget, directoryTarget } from './backup-target';
import type { ContentObjects } from './object-part';
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
  /** The backup directory; `target` (S3) instead when set. */
  dir: string;
  target?: BackupTarget;
  /** The file store when file contents live in S3: its objects go into the backup. */
  contents?: ContentObjects;
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
  const target = settings.target ?? directoryTarget(settings.dir);
  const stage = await target.stage().catch(async (error: unknown) => {
    await runs.finish(run.id, { status: 'failed', error: String(error) });
    throw error;
  });
  try {
    const backup = await createBackup({
      databaseUrl: settings.databaseUrl,
      targetDir: stage.dir,
      encryptionSecret: settings.encryptionSecret,
      appVersion: settings.appVersion,
      now,
      ...(settings.contents ? { contents: settings.contents } : {}),
    });
    await stage.publish(backup.name);
    const rows = Object.values(backup.manifest.tables).reduce((sum, part) => sum + part.rows, 0);
    const bytes = backupBytes(backup.manifest);
    const removed = await applyRetention(target, settings);
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
  } finally {
    await stage.discard();
  }
}

/** Every part's size on the target: the tables and the file objects. */
export function backupBytes(manifest: {
  tables: Record<string, { bytes: number }>;
  objects?: { bytes: number } | undefined;
}): number {
  return (
    Object.values(manifest.tables).reduce((sum, part) => sum + part.bytes, 0) + (manifest.objects?.bytes ?? 0)
  );
}

/** The finished backups in `dir` (a directory with a readable manifest), oldest first. */
export function listBackups(dir: string): Promise<Array<{ name: string; createdAt: Date }>> {
  return directoryTarget(dir).list();
}

async function applyRetention(target: BackupTarget, settings: BackupJobSettings): Promise<string[]> {
  const remove = backupsToDelete(await target.list(), settings.retention, settings.timeZone);
  for (const name of remove) await target.remove(name);
  return remove;
}
