import type { QueueBackend, QueueCounts } from './queue-backend';
import { withTimeout } from './queue-backend';

/**
 * What an operator asks of the queues — depth, delayed, running and failed jobs per queue, and
 * when deadlines were last reconciled — read once for /readyz and for a /metrics scrape. The
 * counts come from the datastore, so they are bounded by a timeout: a dead Redis or PostgreSQL
 * makes the answer "unavailable" quickly instead of hanging the probe or the scraper.
 */
export const QUEUE_COUNTS_TIMEOUT_MS = 2000;

export interface ReconciliationStatus {
  /** ISO time the pass finished. */
  at: string;
  tasks: number;
  jobs: number;
  ms: number;
}

export type QueueCountsReport =
  | { ok: true; queues: Record<string, QueueCounts> }
  | { ok: false; error: string };

export interface QueueStatusSource {
  backend: Pick<QueueBackend, 'kind' | 'counts'>;
  /** The last deadline reconciliation this process ran (each replica reports its own). */
  lastReconciliation: () => ReconciliationStatus | null;
}

export async function queueCounts(
  backend: Pick<QueueBackend, 'counts'>,
  timeoutMs = QUEUE_COUNTS_TIMEOUT_MS,
): Promise<QueueCountsReport> {
  try {
    return { ok: true, queues: await withTimeout(backend.counts(), 'the job queue', timeoutMs) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The `details` of /readyz: informative only; readiness itself is decided by the checks. */
export async function queueDetails(source: QueueStatusSource): Promise<Record<string, unknown>> {
  const counts = await queueCounts(source.backend);
  return {
    queue: {
      backend: source.backend.kind,
      // The reason stays out of this public response: the queue check beside it logs it.
      ...(counts.ok ? { jobs: counts.queues } : { jobs: null, error: 'unavailable' }),
    },
    deadlines: { lastReconciliation: source.lastReconciliation() },
  };
}
