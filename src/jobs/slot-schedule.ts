import type { Queue } from 'bullmq';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';
import { withTimeout } from './queue-backend';

/**
 * Periodic safety nets (reconciliations, digest checks). Each process runs a node-cron timer that
 * only enqueues a job whose id names the time slot, so N replicas run the work once per slot.
 * The schedule lives in every process, not in Redis: a Redis restarted empty loses the queued
 * jobs, but the next tick adds the slot's job again (a BullMQ job scheduler kept only in Redis
 * would be gone for good until a restart). A start also enqueues at once, so the work done while
 * a process was down is caught up without waiting for the next slot.
 */
export interface SlotJob {
  queue: Queue;
  name: string;
  data: unknown;
  /** The job id of the slot `now` falls in (no `:`; the same on every replica). */
  jobId: (now: Date) => string;
  attempts?: number;
}

/** The node-cron pattern of a timer that fires every `seconds` (whole minutes past 60 s). */
export function cronPatternEvery(seconds: number): string {
  const every = Math.max(1, Math.round(seconds));
  return every < 60 ? `*/${every} * * * * *` : `*/${Math.max(1, Math.round(every / 60))} * * * *`;
}

/** Job id of fixed-length slots: `<prefix>-<slot number since the epoch>`. */
export const slotJobId =
  (prefix: string, everyMs: number) =>
  (now: Date): string =>
    `${prefix}-${Math.floor(now.getTime() / everyMs)}`;

/** Adds the job of the slot `now` falls in; a second add of the same slot is ignored by BullMQ. */
export async function enqueueSlot(job: SlotJob, now = new Date()): Promise<void> {
  await withTimeout(
    job.queue.add(job.name, job.data, {
      jobId: job.jobId(now),
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
      attempts: job.attempts ?? 1,
    }),
    'the job queue',
  );
}

export class SlotSchedule {
  private task: ScheduledTask | undefined;

  constructor(
    private readonly job: SlotJob,
    private readonly everySeconds: number,
    private readonly logger: Logger,
    /** For the log line when a slot cannot be enqueued (Redis away): "outbox reconciliation". */
    private readonly what: string,
  ) {}

  start(): void {
    const request = () =>
      void enqueueSlot(this.job).catch((error: unknown) =>
        this.logger.warn({ err: error }, `could not enqueue the ${this.what}`),
      );
    this.task = cron.schedule(cronPatternEvery(this.everySeconds), request);
    request();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
  }
}
