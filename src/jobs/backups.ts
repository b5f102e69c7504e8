import type { Queue } from 'bullmq';
import { type BackupJobOutcome, type BackupJobSettings, runBackupJob } from '../backup/backup-job';
import { type BackupSchedule, dueSlots } from '../backup/backup-schedule';
import { backupEntry, drillEntry } from '../backup/maintenance-entries';
import { type DrillOutcome, type DrillSettings, runRestoreDrill } from '../backup/restore-drill';
import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import type { MaintenanceLog } from '../domain/maintenance/maintenance-log.service';
import type { Logger } from '../logger';
import type { QueueBackend } from './queue-backend';
import { SlotSchedule, slotJobId } from './slot-schedule';

/**
 * The scheduled backup (daily) and restore drill (monthly). Every few minutes each replica
 * enqueues one check under the id of its time slot; the check asks what is due
 * (backup/backup-schedule.ts) and runs it, and `backup_runs` lets one run per slot succeed across
 * replicas and restarts. A failing slot is tried again at the next checks, at most
 * MAX_ATTEMPTS times a day (or month), and every failure is reported (`onBackupFailed`: the admins are
 * told in Slack; /metrics shows the age of the last success).
 */
export const BACKUP_QUEUE = 'backups';
const MAX_ATTEMPTS = 3;

export interface BackupSchedulerDeps {
  runs: BackupRuns;
  schedule: BackupSchedule;
  backup: BackupJobSettings;
  drill: DrillSettings;
  /** A scheduled backup of `slot` failed (after each failed try). */
  onBackupFailed(slot: string, outcome: Extract<BackupJobOutcome, { status: 'failed' }>): Promise<void>;
  onDrill(outcome: DrillOutcome): Promise<void>;
  /** Every backup and drill that ran goes to the maintenance log (absent in some tests). */
  log?: Pick<MaintenanceLog, 'record'>;
}

type BackupCheck = Record<string, never>;

export class BackupScheduler {
  private readonly queue: Queue<BackupCheck>;
  private checks: SlotSchedule | undefined;
  /** A drill an admin asked for, while it runs (one at a time per process). */
  private requested: Promise<void> | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly deps: BackupSchedulerDeps,
    private readonly checkEveryMinutes = 5,
  ) {
    this.queue = backend.createQueue<BackupCheck>(BACKUP_QUEUE);
  }

  /** One check: the backup and the drill that are due now and not yet done (or given up). */
  async check(now = new Date()): Promise<{ backup?: BackupJobOutcome; drill?: DrillOutcome }> {
    const { runs } = this.deps;
    const due = dueSlots(now, this.deps.schedule);
    const result: { backup?: BackupJobOutcome; drill?: DrillOutcome } = {};
    if (due.backup && (await runs.failures('backup', due.backup)) < MAX_ATTEMPTS) {
      result.backup = await runBackupJob(runs, this.deps.backup, due.backup, now);
      if (result.backup.status !== 'skipped')
        await this.deps.log?.record({
          ...backupEntry(result.backup, 'scheduled', { slot: due.backup }),
          requestId: null,
        });
      if (result.backup.status === 'failed') {
        this.logger.error({ slot: due.backup, error: result.backup.error }, 'scheduled backup failed');
        const failed = result.backup;
        await this.report(() => this.deps.onBackupFailed(due.backup!, failed));
      } else if (result.backup.status === 'succeeded')
        this.logger.info({ slot: due.backup, backup: result.backup.name }, 'scheduled backup written');
    }
    if (due.drill && (await runs.failures('drill', due.drill)) < MAX_ATTEMPTS) {
      result.drill = await runRestoreDrill(runs, this.deps.drill, due.drill);
      if (result.drill.status !== 'skipped') {
        await this.deps.log?.record({ ...drillEntry(result.drill, 'scheduled'), requestId: null });
        this.logger[result.drill.status === 'failed' ? 'error' : 'info'](
          { slot: due.drill, drill: result.drill },
          'restore drill',
        );
        await this.report(() => this.deps.onDrill(result.drill!));
      }
    }
    return result;
  }

  /**
   * A drill now, outside the schedule (`/oa drill`): it runs in the background and its result goes
   * to the admins like a scheduled one's; a second request while it runs is told so.
   */
  requestDrill(requestedBy: string): 'started' | 'running' {
    if (this.requested) return 'running';
    this.requested = (async () => {
      const outcome = await runRestoreDrill(this.deps.runs, this.deps.drill, null, undefined, requestedBy);
      if (outcome.status !== 'skipped')
        await this.deps.log?.record(drillEntry(outcome, 'manual', requestedBy));
      this.logger[outcome.status === 'failed' ? 'error' : 'info'](
        { drill: outcome, requestedBy },
        'restore drill',
      );
      await this.report(() => this.deps.onDrill(outcome));
    })()
      .catch((error: unknown) => this.logger.error({ err: error }, 'restore drill could not run'))
      .finally(() => {
        this.requested = undefined;
      });
    return 'started';
  }

  /** Telling the admins may fail (Slack away): the run is recorded and on /metrics anyway. */
  private async report(tell: () => Promise<void>): Promise<void> {
    await tell().catch((error: unknown) => this.logger.warn({ err: error }, 'could not tell the admins'));
  }

  start(): void {
    this.backend.createWorker<BackupCheck>(BACKUP_QUEUE, async () => {
      await this.check();
    });
    const everySeconds = Math.max(60, Math.round(this.checkEveryMinutes * 60));
    this.checks = new SlotSchedule(
      { queue: this.queue, name: 'check', data: {}, jobId: slotJobId('backup-check', everySeconds * 1000) },
      everySeconds,
      this.logger,
      'backup check',
    );
    this.checks.start();
  }

  async stop(): Promise<void> {
    await this.checks?.stop();
    await this.requested;
  }
}
