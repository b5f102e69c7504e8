import type { Queue } from 'bullmq';
import cron, { type ScheduledTask } from 'node-cron';
import { findExpiredPublished, findPendingExpiries } from '../db/repositories/announcements.repository';
import { expireAnnouncement } from '../domain/announcements';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';

/**
 * Expiry of published announcements: one delayed job per item with a deterministic id
 * (`ann-expire-<id>-<expiry ms>`, so a moved expiry gets its own job and the old one finds nothing
 * to do), re-checked under the row lock when it fires. PostgreSQL is the truth: a reconciliation
 * pass (node-cron, one per time slot across replicas) re-adds lost jobs and expires anything due.
 */
export const EXPIRY_QUEUE = 'announcement-expiry';
const PAGE = 1000;

type ExpiryJob = { announcementId: number };

export const expiryJobId = (id: number, at: Date) => `ann-expire-${id}-${at.getTime()}`;

export class AnnouncementExpiry {
  private readonly queue: Queue<ExpiryJob>;
  private cronTask: ScheduledTask | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly options: { onFanout: () => void; reconcileEverySeconds?: number },
  ) {
    this.queue = backend.createQueue<ExpiryJob>(EXPIRY_QUEUE);
  }

  /** Adds the job of every published item with an expiry, and expires the ones already due. */
  async reconcile(now = new Date()): Promise<{ scheduled: number; expired: number }> {
    let expired = 0;
    for (const id of await findExpiredPublished(now, PAGE)) if (await expireAnnouncement(id, now)) expired++;
    if (expired) this.options.onFanout();
    const pending = await findPendingExpiries(PAGE);
    await withTimeout(
      this.queue.addBulk(
        pending.map((row) => ({
          name: 'expire',
          data: { announcementId: row.id },
          opts: {
            jobId: expiryJobId(row.id, row.expiresAt),
            delay: Math.max(0, row.expiresAt.getTime() - now.getTime()),
            removeOnComplete: true,
          },
        })),
      ),
      'the job queue',
      10_000,
    );
    return { scheduled: pending.length, expired };
  }

  async requestReconcile(now = Date.now()): Promise<void> {
    const everyMs = (this.options.reconcileEverySeconds ?? 60) * 1000;
    await withTimeout(
      this.queue.add(
        'reconcile',
        { announcementId: 0 },
        {
          jobId: `ann-expiry-reconcile-${Math.floor(now / everyMs)}`,
          removeOnComplete: { age: 3600 },
          attempts: 1,
        },
      ),
      'the job queue',
    );
  }

  start(): void {
    this.backend.createWorker<ExpiryJob>(EXPIRY_QUEUE, async (job) => {
      if (job.name === 'reconcile') {
        await this.reconcile();
        return;
      }
      if (await expireAnnouncement(job.data.announcementId)) this.options.onFanout();
    });
    const every = Math.max(1, Math.round(this.options.reconcileEverySeconds ?? 60));
    const pattern = every < 60 ? `*/${every} * * * * *` : `*/${Math.max(1, Math.round(every / 60))} * * * *`;
    this.cronTask = cron.schedule(pattern, () => {
      void this.requestReconcile().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not enqueue announcement expiry reconciliation'),
      );
    });
    void this.requestReconcile().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'could not enqueue announcement expiry reconciliation'),
    );
  }

  async stop(): Promise<void> {
    await this.cronTask?.stop();
  }
}
