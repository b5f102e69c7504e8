import type { Queue, Worker } from 'bullmq';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';

/**
 * Re-renders a person's App Home after changes that concern them. Requests within one time slot
 * share a job id, so a burst of changes becomes one views.publish (Tier 4) per slot; a request
 * in a later slot is a new job, so a change made while a publish runs is never lost.
 */
export const HOME_REFRESH_QUEUE = 'home-refresh';
export const HOME_REFRESH_SLOT_MS = 2000;
/** People remembered per process (forgetting only costs a redundant, harmless queue call). */
const QUEUED_MEMORY = 10_000;

export interface HomeRefreshJob {
  slackUserId: string;
}

export function homeRefreshJobId(slackUserId: string, now: number): string {
  return `home-${slackUserId}-${Math.floor(now / HOME_REFRESH_SLOT_MS)}`;
}

export class HomeRefresher {
  private readonly queue: Queue<HomeRefreshJob>;
  /** The slot each person's refresh was last queued for by this process. */
  private readonly queued = new Map<string, number>();

  constructor(backend: QueueBackend) {
    this.queue = backend.createQueue<HomeRefreshJob>(HOME_REFRESH_QUEUE);
  }

  async request(slackUserId: string, now = Date.now()): Promise<void> {
    const slot = Math.floor(now / HOME_REFRESH_SLOT_MS);
    // The job queued for this slot runs at its end, so it covers this request too: a burst of
    // changes for one person costs one queue call, not one per change.
    if (this.queued.get(slackUserId) === slot) return;
    const slotEnd = (slot + 1) * HOME_REFRESH_SLOT_MS;
    await withTimeout(
      this.queue.add(
        'refresh',
        { slackUserId },
        { jobId: homeRefreshJobId(slackUserId, now), delay: slotEnd - now },
      ),
      'the job queue',
    );
    if (this.queued.size >= QUEUED_MEMORY) this.queued.clear();
    this.queued.set(slackUserId, slot);
  }

  counts() {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}

export function startHomeRefreshWorker(
  backend: QueueBackend,
  publish: (slackUserId: string) => Promise<void>,
  logger: Logger,
): Worker<HomeRefreshJob> {
  const worker = backend.createWorker<HomeRefreshJob>(
    HOME_REFRESH_QUEUE,
    async (job) => {
      await publish(job.data.slackUserId);
    },
    { concurrency: 4 },
  );
  worker.on('failed', (job, error) =>
    logger.warn(
      { err: error, jobId: job?.id, attempts: job?.attemptsMade },
      'home refresh failed; will retry',
    ),
  );
  return worker;
}
