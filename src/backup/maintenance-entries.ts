import type { NewLogEntry } from '../domain/maintenance/model';
import type { BackupJobOutcome } from './backup-job';
import type { DrillOutcome } from './restore-drill';

/**
 * What a backup, a restore and a drill leave in the maintenance log (requirements §二.(四).2),
 * the same whoever ran them: the schedule, `/oa drill` or the CLIs. `how` says which.
 */

type How = 'scheduled' | 'manual' | 'cli';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function backupEntry(
  outcome: Exclude<BackupJobOutcome, { status: 'skipped' }>,
  how: How,
  extra: Record<string, unknown> = {},
): NewLogEntry {
  if (outcome.status === 'failed')
    return {
      kind: 'backup_failed',
      summary: `backup (${how}) failed: ${outcome.error}`,
      details: { how, error: outcome.error, ...extra },
    };
  return {
    kind: 'backup_succeeded',
    summary: `backup ${outcome.name} written (${how}): ${outcome.rows} rows, ${mb(outcome.bytes)}${outcome.removed.length ? `; retention removed ${outcome.removed.length}` : ''}`,
    details: {
      how,
      name: outcome.name,
      rows: outcome.rows,
      bytes: outcome.bytes,
      removed: outcome.removed,
      ...extra,
    },
  };
}

export function drillEntry(
  outcome: Exclude<DrillOutcome, { status: 'skipped' }>,
  how: How,
  requestedBy?: string,
): NewLogEntry {
  if (outcome.status === 'failed')
    return {
      kind: 'drill_failed',
      summary: `restore drill (${how}) FAILED${outcome.backupName ? ` on ${outcome.backupName}` : ''}: ${outcome.error}`,
      details: { how, backup: outcome.backupName, error: outcome.error, requestedBy },
    };
  return {
    kind: 'drill_succeeded',
    summary: `restore drill (${how}) passed on ${outcome.backupName}: RTO ${outcome.rtoSeconds.toFixed(1)} s, RPO ${(outcome.rpoSeconds / 3600).toFixed(1)} h, ${outcome.rows} rows`,
    details: {
      how,
      backup: outcome.backupName,
      rtoSeconds: outcome.rtoSeconds,
      rpoSeconds: outcome.rpoSeconds,
      rows: outcome.rows,
      auditRows: outcome.auditRows,
      requestedBy,
    },
  };
}

export function restoreEntry(
  result:
    | { ok: true; backup: string; rows: number; seconds: number; migratedAfter: string[] }
    | { ok: false; backup: string; error: string },
): NewLogEntry {
  if (!result.ok)
    return {
      kind: 'restore_failed',
      summary: `restore of ${result.backup} failed: ${result.error}`,
      details: result,
    };
  return {
    kind: 'restore_succeeded',
    summary: `restored ${result.backup}: ${result.rows} rows in ${result.seconds.toFixed(1)} s`,
    details: result,
  };
}
