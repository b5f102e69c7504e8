import type { Queue } from 'bullmq';
import {
  claimOutboxById,
  findUndeliveredOutboxIds,
  markOutboxDelivered,
  markOutboxFailed,
} from '../db/repositories/workflows-outbox.repository';
import type { OutboxMessage } from '../domain/workflows/types';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';

/**
 * Delivers the outbox. The outbox row, written in the transaction of the change, is the promise;
 * a job is only its courier. Jobs carry the row id and its attempt count (so a retry is a new job
 * id), the row is leased while it is delivered so two workers never send it at once, and a
 * reconciliation pass re-enqueues whatever is still undelivered after a crash or a queue outage.
 */
export const OUTBOX_QUEUE = 'outbox';
const RECONCILE_EVERY_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface OutboxJob {
  outboxId: string;
}

export type CardLocation = { channel?: string; ts?: string };
export type DeliverOutbox = (message: OutboxMessage) => Promise<CardLocation>;

export const outboxJobId = (outboxId: string, attempts: number) => `outbox-${outboxId}-${attempts}`;
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, MAX_BACKOFF_MS);

export class OutboxCourier {
  private readonly queue: Queue<OutboxJob>;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
  ) {
    this.queue = backend.createQueue<OutboxJob>(OUTBOX_QUEUE);
  }

  /** Enqueues every undelivered row; cheap to call after each change and from reconciliation. */
  async kick(): Promise<number> {
    const pending = await findUndeliveredOutboxIds();
    await withTimeout(
      Promise.all(
        pending.map((row) =>
          this.queue.add(
            'deliver',
            { outboxId: row.id },
            { jobId: outboxJobId(row.id, row.attempts), attempts: 1, removeOnComplete: true },
          ),
        ),
      ),
      'the job queue',
      5000,
    );
    return pending.length;
  }

  start(deliver: DeliverOutbox): void {
    this.backend.createWorker<OutboxJob>(
      OUTBOX_QUEUE,
      async (job) => {
        if (job.name === 'reconcile') {
          await this.kick();
          return;
        }
        await this.deliverOne(job.data.outboxId, deliver);
      },
      { concurrency: 4 },
    );
    void this.queue
      .upsertJobScheduler(
        'outbox-reconcile',
        { every: RECONCILE_EVERY_MS },
        { name: 'reconcile', data: { outboxId: '' } },
      )
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not schedule outbox reconciliation'),
      );
  }

  private async deliverOne(outboxId: string, deliver: DeliverOutbox): Promise<void> {
    const message = await claimOutboxById(outboxId);
    if (!message) return; // delivered already, or another worker holds it
    try {
      const card = await deliver(message);
      await markOutboxDelivered(outboxId, card);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { err: error, outboxId, kind: message.kind, attempts: message.attempts + 1 },
        'outbox delivery failed; will retry',
      );
      await markOutboxFailed(outboxId, reason);
      await this.queue.add(
        'deliver',
        { outboxId },
        {
          jobId: outboxJobId(outboxId, message.attempts + 1),
          delay: backoffMs(message.attempts + 1),
          attempts: 1,
          removeOnComplete: true,
        },
      );
    }
  }

  counts() {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}
