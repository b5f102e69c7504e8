/**
 * What the approvals benchmark reads from the app's stores, from the orchestrator: committed
 * decisions and the outbox (PostgreSQL, read-only), and outbox deliveries in flight (the BullMQ
 * queue on Redis). The app never knows it is watched; these are cheap indexed reads.
 */
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';

export interface OutboxRow {
  id: string;
  kind: string;
  recipientSlackId: string;
  reference: string;
  taskId: number | null;
  delivered: boolean;
  attempts: number;
  lastError: string | null;
}

export class StoreProbe {
  private readonly db: Client;
  private redis: Redis | undefined;
  private outboxQueue: Queue | undefined;

  private constructor(databaseUrl: string) {
    this.db = new Client({ connectionString: databaseUrl });
  }

  /** `queue`: the Redis URL and key prefix of the app's queues (absent with the PostgreSQL backend). */
  static async open(databaseUrl: string, queue?: { redisUrl: string; prefix: string }): Promise<StoreProbe> {
    const probe = new StoreProbe(databaseUrl);
    await probe.db.connect();
    if (queue) {
      probe.redis = new Redis(queue.redisUrl, { maxRetriesPerRequest: 1 });
      probe.redis.on('error', () => undefined);
      probe.outboxQueue = new Queue('outbox', { connection: probe.redis, prefix: queue.prefix });
    }
    return probe;
  }

  async close(): Promise<void> {
    await this.outboxQueue?.close().catch(() => undefined);
    this.redis?.disconnect();
    await this.db.end().catch(() => undefined);
  }

  async maxOutboxId(): Promise<string> {
    const { rows } = await this.db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM outbox');
    return rows[0]?.id ?? '0';
  }

  async undelivered(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL',
    );
    return rows[0]?.n ?? 0;
  }

  /** Outbox deliveries running or waiting to run (0 with the PostgreSQL queue backend: not tracked). */
  async deliveriesInFlight(): Promise<number> {
    if (!this.outboxQueue) return 0;
    const counts = await this.outboxQueue.getJobCounts('active', 'waiting', 'prioritized');
    return (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.prioritized ?? 0);
  }

  /** Tasks decided so far (any decision). */
  async decidedTaskIds(): Promise<number[]> {
    const { rows } = await this.db.query<{ id: number }>(
      "SELECT id FROM workflow_tasks WHERE status <> 'pending'",
    );
    return rows.map((row) => row.id);
  }

  /** The outbox rows written after `afterId`, with their request's reference. */
  async outboxSince(afterId: string): Promise<OutboxRow[]> {
    const { rows } = await this.db.query<{
      id: string;
      kind: string;
      recipient_slack_id: string;
      reference: string;
      task_id: number | null;
      delivered: boolean;
      attempts: number;
      last_error: string | null;
    }>(
      `SELECT o.id::text AS id, o.kind, o.recipient_slack_id, i.reference, o.task_id,
              o.delivered_at IS NOT NULL AS delivered, o.attempts, o.last_error
         FROM outbox o JOIN workflow_instances i ON i.id = o.instance_id
        WHERE o.id > $1 ORDER BY o.id`,
      [afterId],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      recipientSlackId: row.recipient_slack_id,
      reference: row.reference,
      taskId: row.task_id,
      delivered: row.delivered,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }
}

/**
 * Polls the decided tasks every `intervalMs` and timestamps each the first time it is seen
 * committed: the commit time, within one interval (plus a query) of the truth. Stops polling once
 * every task of `expected` is seen.
 */
export class CommitWatcher {
  readonly committedAt = new Map<number, number>();
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly probe: StoreProbe,
    private readonly intervalMs: number,
    private readonly expected: ReadonlySet<number>,
  ) {
    this.loop = this.run();
  }

  /** How many of the expected tasks are committed. */
  get committed(): number {
    let n = 0;
    for (const id of this.expected) if (this.committedAt.has(id)) n += 1;
    return n;
  }

  private async run(): Promise<void> {
    while (!this.stopped && this.committed < this.expected.size) {
      const ids = await this.probe.decidedTaskIds();
      const at = performance.now();
      for (const id of ids) if (!this.committedAt.has(id)) this.committedAt.set(id, at);
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}
