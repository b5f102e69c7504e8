import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import { type BackupTarget, directoryTarget } from './backup-target';
import { restoreBackup } from './restore';

/**
 * A restore drill: the newest backup restored into a scratch database on the same server, with
 * every check a real restore makes (checksums, manifest, row counts, the audit chain and its
 * head), timed. RTO is how long it took to have a usable database; RPO is the age of the newest
 * backup that restores. The scratch database is dropped whatever happened, and the run recorded.
 */

export interface DrillSettings {
  /** The live database as its owner; the scratch one is created beside it (needs CREATEDB). */
  databaseUrl: string;
  /** The backup directory; `target` (S3) instead when set. */
  backupDir: string;
  target?: BackupTarget;
  encryptionSecret: string | undefined;
}

export type DrillOutcome =
  | { status: 'skipped' }
  | {
      status: 'succeeded';
      backupName: string;
      rtoSeconds: number;
      rpoSeconds: number;
      rows: number;
      auditRows: number;
      /** The scratch database it restored into (dropped by then). */
      scratchDatabase: string;
    }
  | { status: 'failed'; backupName: string | null; error: string; scratchDatabase?: string };

/** A drill left "running" this long died with its process. */
const STALE_DRILL_MS = 6 * 3600_000;

export async function runRestoreDrill(
  runs: BackupRuns,
  settings: DrillSettings,
  slot: string | null,
  now = () => new Date(),
  /** The admin who started it (`/oa drill`), recorded with the run. */
  requestedBy?: string,
): Promise<DrillOutcome> {
  const run = await runs.start('drill', slot, STALE_DRILL_MS);
  if (!run) return { status: 'skipped' };
  const target = settings.target ?? directoryTarget(settings.backupDir);
  const newest = await target.list().then(
    (backups) => backups.at(-1),
    async (error: unknown) => {
      await runs.finish(run.id, {
        status: 'failed',
        error: `cannot list ${target.description}: ${String(error)}`,
      });
      throw error;
    },
  );
  if (!newest) {
    const error = `no finished backup in ${target.description} to restore`;
    await runs.finish(run.id, { status: 'failed', error });
    return { status: 'failed', backupName: null, error };
  }
  const scratch = await createScratchDatabase(settings.databaseUrl);
  let opened: { dir: string; close(): Promise<void> } | undefined;
  try {
    // RTO counts the download from the target too: it is part of getting a usable database.
    const started = Date.now();
    opened = await target.open(newest.name);
    // File objects are read and checked, never written: the live file store is not the drill's.
    const report = await restoreBackup({
      backupDir: opened.dir,
      databaseUrl: scratch.url,
      encryptionSecret: settings.encryptionSecret,
    });
    const outcome = {
      status: 'succeeded' as const,
      backupName: newest.name,
      rtoSeconds: (Date.now() - started) / 1000,
      rpoSeconds: (now().getTime() - newest.createdAt.getTime()) / 1000,
      rows: Object.values(report.rows).reduce((sum, count) => sum + count, 0),
      auditRows: report.auditChain.rows,
      scratchDatabase: scratch.name,
    };
    const { status: _status, backupName, scratchDatabase: _scratch, ...figures } = outcome;
    await runs.finish(run.id, { status: 'succeeded', backupName, details: { ...figures, requestedBy } });
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await runs.finish(run.id, {
      status: 'failed',
      backupName: newest.name,
      details: { requestedBy },
      error: message,
    });
    return { status: 'failed', backupName: newest.name, error: message, scratchDatabase: scratch.name };
  } finally {
    await opened?.close();
    await scratch.drop();
  }
}

async function createScratchDatabase(
  url: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `gongwu_drill_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { name, url: scratch.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
