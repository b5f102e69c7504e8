import { type Queue, UnrecoverableError, type Worker } from 'bullmq';
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

/**
 * A refresh that retrying cannot help (thrown by the publish function): Slack refused for good.
 * `appWide`: the refusal concerns the app itself (its token, scopes, or a workspace without App
 * Home), so every other person's refresh would meet it too.
 */
export class HomeUnpublishableError extends Error {
  constructor(
    readonly code: string,
    readonly appWide: boolean,
  ) {
    super(`Home cannot be published: ${code}`);
    this.name = 'HomeUnpublishableError';
  }
}

/** How long refreshes are not queued at all after an app-wide refusal. */
export const HOME_REFRESH_PAUSE_MS = 10 * 60_000;

/**
 * A refresh that fails for a passing reason (the database or Slack away) is retried with a
 * growing backoff for about an hour (1 s, 2 s, … 34 min), so an outage never leaves a Home
 * stale for good; a later change queues a fresh refresh anyway.
 */
const REFRESH_JOB = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600 },
} as const;

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
  private pausedUntil = 0;

  constructor(backend: QueueBackend) {
    this.queue = backend.createQueue<HomeRefreshJob>(HOME_REFRESH_QUEUE);
  }

  /** Stops queueing refreshes for a while: Slack refused the app itself (see HomeUnpublishableError). */
  pause(ms = HOME_REFRESH_PAUSE_MS, now = Date.now()): void {
    this.pausedUntil = now + ms;
  }

  async request(slackUserId: string, now = Date.now()): Promise<void> {
    if (now < this.pausedUntil) return;
    const slot = Math.floor(now / HOME_REFRESH_SLOT_MS);
    // The job queued for this slot runs at its end, so it covers this request too: a burst of
    // changes for one person costs one queue call, not one per change.
    if (this.queued.get(slackUserId) === slot) return;
    const slotEnd = (slot + 1) * HOME_REFRESH_SLOT_MS;
    await withTimeout(
      this.queue.add(
        'refresh',
        { slackUserId },
        { ...REFRESH_JOB, jobId: homeRefreshJobId(slackUserId, now), delay: slotEnd - now },
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
  homes: HomeRefresher,
): Worker<HomeRefreshJob> {
  const worker = backend.createWorker<HomeRefreshJob>(
    HOME_REFRESH_QUEUE,
    async (job) => {
      try {
        await publish(job.data.slackUserId);
      } catch (error) {
        if (!(error instanceof HomeUnpublishableError)) throw error;
        if (error.appWide) {
          homes.pause();
          logger.error(
            { code: error.code, pausedMinutes: HOME_REFRESH_PAUSE_MS / 60_000 },
            'Slack refuses to publish App Homes for this app; refreshes paused',
          );
        }
        // Not retried: the same call would meet the same refusal.
        throw new UnrecoverableError(error.message);
      }
    },
    { concurrency: 4 },
  );
  worker.on('failed', (job, error) => {
    if (error instanceof UnrecoverableError || error.name === 'UnrecoverableError') return;
    logger.warn(
      { err: error, jobId: job?.id, attempts: job?.attemptsMade },
      'home refresh failed; will retry',
    );
  });
  return worker;
}
