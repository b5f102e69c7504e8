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

export interface HomeRefreshJob {
  slackUserId: string;
}

export function homeRefreshJobId(slackUserId: string, now: number): string {
  return `home-${slackUserId}-${Math.floor(now / HOME_REFRESH_SLOT_MS)}`;
}

export class HomeRefresher {
  private readonly queue: Queue<HomeRefreshJob>;

  constructor(backend: QueueBackend) {
    this.queue = backend.createQueue<HomeRefreshJob>(HOME_REFRESH_QUEUE);
  }

  async request(slackUserId: string, now = Date.now()): Promise<void> {
    const slotEnd = (Math.floor(now / HOME_REFRESH_SLOT_MS) + 1) * HOME_REFRESH_SLOT_MS;
    await withTimeout(
      this.queue.add(
        'refresh',
        { slackUserId },
        { jobId: homeRefreshJobId(slackUserId, now), delay: slotEnd - now },
      ),
      'the job queue',
    );
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
