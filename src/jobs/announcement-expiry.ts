import type { Queue } from 'bullmq';
import { findExpiredPublished, findPendingExpiries } from '../db/repositories/announcements.repository';
import type { AnnouncementService } from '../domain/announcements';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';
import { SlotSchedule, slotJobId } from './slot-schedule';

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
  private reconciliation: SlotSchedule | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly options: {
      announcements: Pick<AnnouncementService, 'expireAnnouncement'>;
      onFanout: () => void;
      reconcileEverySeconds?: number;
    },
  ) {
    this.queue = backend.createQueue<ExpiryJob>(EXPIRY_QUEUE);
  }

  /** Adds the job of every published item with an expiry, and expires the ones already due. */
  async reconcile(now = new Date()): Promise<{ scheduled: number; expired: number }> {
    let expired = 0;
    for (const id of await findExpiredPublished(now, PAGE))
      if (await this.options.announcements.expireAnnouncement(id, now)) expired++;
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

  start(): void {
    this.backend.createWorker<ExpiryJob>(EXPIRY_QUEUE, async (job) => {
      if (job.name === 'reconcile') {
        await this.reconcile();
        return;
      }
      if (await this.options.announcements.expireAnnouncement(job.data.announcementId))
        this.options.onFanout();
    });
    const everySeconds = Math.max(1, Math.round(this.options.reconcileEverySeconds ?? 60));
    this.reconciliation = new SlotSchedule(
      {
        queue: this.queue,
        name: 'reconcile',
        data: { announcementId: 0 },
        jobId: slotJobId('ann-expiry-reconcile', everySeconds * 1000),
      },
      everySeconds,
      this.logger,
      'announcement expiry reconciliation',
    );
    this.reconciliation.start();
  }

  async stop(): Promise<void> {
    await this.reconciliation?.stop();
  }
}
