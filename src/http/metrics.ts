import type { CustomRoute } from '@slack/bolt';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { peopleCache } from '../db/people-cache';
import type { BackupRuns } from '../db/repositories/backup-runs.repository';
import { COUNTED_STATES } from '../jobs/queue-backend';
import {
  type QueueCountsReport,
  type QueueStatusSource,
  queueCounts,
  type ReconciliationStatus,
} from '../jobs/queue-metrics';

/**
 * Prometheus metrics of one platform instance, served at /metrics. Each instance has its own
 * registry (tests run several platforms in one process; the global default registry would make
 * them collide). Labels are bounded sets — queue, job state, interaction kind, notification kind,
 * outcome — never a person, a channel or a request, so a scrape reveals no one's activity and
 * no secret.
 */
export type InteractionOutcome = 'ok' | 'error';
/** ok: delivered first time; retried: delivered after failed attempts; failed: an attempt failed (it is retried). */
export type DeliveryOutcome = 'ok' | 'retried' | 'failed' | 'undeliverable';
/** sent: the job wrote its notification; skipped: stale (decided, already sent, not yet due); error: it threw. */
export type DeadlineJobOutcome = 'sent' | 'skipped' | 'error';

const SLACK_BODY_TYPES = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'event_callback',
  'url_verification',
]);

/** A label value from a fixed set: slash commands by name, other deliveries by Slack's type. */
export function interactionKind(body: unknown): string {
  const { command, type } = (body ?? {}) as { command?: unknown; type?: unknown };
  if (typeof command === 'string') return /^\/[a-z0-9_-]{1,32}$/.test(command) ? command : 'command';
  return typeof type === 'string' && SLACK_BODY_TYPES.has(type) ? type : 'other';
}

export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly interactions: Counter<'kind' | 'outcome'>;
  private readonly interactionSeconds: Histogram<'kind'>;
  private readonly deliveries: Counter<'kind' | 'outcome'>;
  private readonly deadlineJobs: Counter<'job' | 'outcome'>;

  constructor(source: QueueStatusSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gongwu_' });
    this.interactions = new Counter({
      name: 'gongwu_interactions_total',
      help: 'Slack deliveries (commands, clicks, submissions, events) handled, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.interactionSeconds = new Histogram({
      name: 'gongwu_interaction_duration_seconds',
      help: 'Time from receiving a Slack delivery to the end of its handling',
      labelNames: ['kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers,
    });
    this.deliveries = new Counter({
      name: 'gongwu_outbox_deliveries_total',
      help: 'Outbox delivery attempts by notification kind and outcome (ok, retried = ok after failures, failed = will retry, undeliverable = refused for good, not retried)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.deadlineJobs = new Counter({
      name: 'gongwu_deadline_jobs_total',
      help: 'Deadline jobs run (remind, escalate, reconcile, ...) by outcome: sent, skipped (stale), error',
      labelNames: ['job', 'outcome'],
      registers,
    });
    // One read of the counts per scrape, shared by the gauges that report it.
    let reading: Promise<QueueCountsReport> | undefined;
    const countsOnce = () => {
      reading ??= queueCounts(source.backend).finally(() => {
        setTimeout(() => {
          reading = undefined;
        }, 1000).unref();
      });
      return reading;
    };
    new Gauge({
      name: 'gongwu_directory_cache_active',
      help: '1 while directory entries are served from memory (this process hears every change to people), 0 while every read goes to the database',
      registers,
      collect() {
        this.set(peopleCache.active ? 1 : 0);
      },
    });
    new Gauge({
      name: 'gongwu_queue_counts_up',
      help: '1 when the job counts could be read from the queue datastore at this scrape, else 0',
      registers,
      async collect() {
        this.set((await countsOnce()).ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'gongwu_queue_jobs',
      help: 'Jobs per queue and state (waiting = depth, delayed = scheduled, active, failed = kept for inspection)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        // Read on scrape, bounded by a timeout: a dead datastore must not hang /metrics.
        const report = await countsOnce();
        this.reset();
        if (!report.ok) return;
        for (const [queue, counts] of Object.entries(report.queues))
          for (const state of COUNTED_STATES) this.set({ queue, state }, counts[state]);
      },
    });
    const reconciliation = (name: string, help: string, read: (last: ReconciliationStatus) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const last = source.lastReconciliation();
          this.reset();
          if (last) this.set(read(last));
        },
      });
    reconciliation(
      'gongwu_deadline_reconciliation_last_timestamp_seconds',
      'When this process last finished a deadline reconciliation (Unix time, seconds)',
      (last) => Date.parse(last.at) / 1000,
    );
    reconciliation(
      'gongwu_deadline_reconciliation_duration_seconds',
      'Duration of the last deadline reconciliation',
      (last) => last.ms / 1000,
    );
    reconciliation(
      'gongwu_deadline_reconciliation_tasks',
      'Pending tasks covered by the last deadline reconciliation',
      (last) => last.tasks,
    );
  }

  /**
   * The time of the last successful backup and restore drill (read from `backup_runs` at each
   * scrape): alert when it is older than a day, or a month and a day (docs/operations.md).
   */
  watchBackups(runs: Pick<BackupRuns, 'latest'>): void {
    const lastSuccess = (name: string, help: string, kind: 'backup' | 'drill') =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const run = await runs.latest(kind, 'succeeded').catch(() => undefined);
          this.reset();
          if (run?.finishedAt) this.set(run.finishedAt.getTime() / 1000);
        },
      });
    lastSuccess(
      'gongwu_backup_last_success',
      'When the last successful backup finished (Unix time, seconds)',
      'backup',
    );
    lastSuccess(
      'gongwu_restore_drill_last_success',
      'When the last successful restore drill finished (Unix time, seconds)',
      'drill',
    );
  }

  /** Starts timing one Slack delivery; the returned function counts it with its outcome. */
  interactionStarted(body: unknown): (outcome: InteractionOutcome) => void {
    const kind = interactionKind(body);
    const stopTimer = this.interactionSeconds.startTimer({ kind });
    return (outcome) => {
      stopTimer();
      this.interactions.inc({ kind, outcome });
    };
  }

  delivery(kind: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ kind, outcome });
  }

  deadlineJob(job: string, outcome: DeadlineJobOutcome): void {
    this.deadlineJobs.inc({ job, outcome });
  }

  /** GET /metrics in Prometheus' text format. */
  route(): CustomRoute {
    return {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        this.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': this.registry.contentType });
            res.end(text);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
      },
    };
  }
}
