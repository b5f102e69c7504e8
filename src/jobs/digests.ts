import type { Queue } from 'bullmq';
import type { DigestRun } from '../domain/workflows/digest.service';
import { digestSlot } from '../domain/workflows/digest-slots';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { Logger } from '../logger';
import type { QueueBackend } from './queue-backend';
import { enqueueSlot, type SlotJob, SlotSchedule } from './slot-schedule';

/**
 * Daily digests and weekly summaries. node-cron only enqueues a check under the id of its time
 * slot (`digests-<slot>`), so N replicas enqueue each check once; the check itself asks
 * PostgreSQL whose digest is due and records each one with its outbox row, so even a check run
 * twice (a replayed job, two slots close together) sends every digest once.
 */
export const DIGEST_QUEUE = 'digests';

export const digestJobId = (slot: number) => `digests-${slot}`;

export type DigestJob = Record<string, never>;

export class DigestScheduler {
  readonly queue: Queue<DigestJob>;
  private checks: SlotSchedule | undefined;
  /** The last check, for operators (and tests). */
  lastRun: (DigestRun & { at: string }) | null = null;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly workflows: Pick<WorkflowEngine, 'runDigests'>,
    private readonly options: {
      /** Called after a check wrote digests to the outbox (kick the courier). */
      onOutbox?: () => void;
      /** Minutes between checks (default 5): how late after its time a digest may go out. */
      checkEveryMinutes?: number;
    } = {},
  ) {
    this.queue = backend.createQueue<DigestJob>(DIGEST_QUEUE);
  }

  private get everyMinutes(): number {
    return Math.max(1, Math.round(this.options.checkEveryMinutes ?? 5));
  }

  /** Enqueues the check of the current slot (the same id on every replica). */
  async requestCheck(now = new Date()): Promise<void> {
    await enqueueSlot(this.checkJob, now);
  }

  private get checkJob(): SlotJob {
    return {
      queue: this.queue,
      name: 'check',
      data: {},
      jobId: (now) => digestJobId(digestSlot(now, this.everyMinutes)),
      attempts: 3,
    };
  }

  /** One check: queues every digest and summary due now. */
  async check(now = new Date()): Promise<DigestRun> {
    const run = await this.workflows.runDigests(now);
    this.lastRun = { ...run, at: now.toISOString() };
    if (run.daily + run.weekly > 0) this.options.onOutbox?.();
    return run;
  }

  start(): void {
    this.backend.createWorker<DigestJob>(DIGEST_QUEUE, async () => {
      await this.check();
    });
    // A start (or restart) checks at once: a digest due while the app was down goes out now.
    this.checks = new SlotSchedule(this.checkJob, this.everyMinutes * 60, this.logger, 'digest check');
    this.checks.start();
  }

  async stop(): Promise<void> {
    await this.checks?.stop();
  }
}
