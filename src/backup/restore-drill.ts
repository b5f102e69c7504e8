import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import { listBackups } from './backup-job';
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
  backupDir: string;
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
  const newest = (await listBackups(settings.backupDir)).at(-1);
  if (!newest) {
    const error = `no finished backup in ${settings.backupDir} to restore`;
    await runs.finish(run.id, { status: 'failed', error });
    return { status: 'failed', backupName: null, error };
  }
  const scratch = await createScratchDatabase(settings.databaseUrl);
  try {
    const started = Date.now();
    const report = await restoreBackup({
      backupDir: join(settings.backupDir, newest.name),
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
