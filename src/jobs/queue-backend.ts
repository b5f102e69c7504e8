import {
  type BulkJobOptions,
  createPostgresBackend,
  type JobsOptions,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
  withBackend,
} from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import { Client } from 'pg';
import type { Logger } from '../logger';

/**
 * The one module that knows which datastore BullMQ runs on. With a Redis URL it uses Redis (the
 * production settings from docs: blocking connections retry forever, producers fail fast while
 * offline); without one it uses BullMQ's PostgreSQL backend in its own schema of our database.
 * Everything else asks this module for queues and workers and never learns which one it got.
 */

export type QueueBackendKind = 'redis' | 'postgres';

/** Sensible defaults for every job: completed jobs vanish, failed ones are kept for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 14 * 24 * 3600 },
};

export interface QueueBackend {
  readonly kind: QueueBackendKind;
  createQueue<Data>(name: string): Queue<Data>;
  createWorker<Data>(
    name: string,
    processor: Processor<Data>,
    options?: Pick<WorkerOptions, 'concurrency' | 'limiter' | 'lockDuration'>,
  ): Worker<Data>;
  /**
   * Makes each job (each with a `jobId`) pending: adds those the queue does not hold, and retries
   * those it holds as failed — a failed job is kept for inspection, but its id must not keep a
   * reconciliation from re-creating work that is still due. Existing pending jobs are left alone;
   * on Redis one existence check each, so a pass over 300,000 jobs that all exist stays cheap.
   */
  addMissing<Data>(queue: Queue<Data>, jobs: BulkJob<Data>[]): Promise<void>;
  /**
   * Keeps about the latest `maxLength` events of a queue. Redis trims its event stream as jobs
   * are added; PostgreSQL's bulk add writes two events per job and trims none, so after adding
   * 300,000 jobs its next trim would delete 600,000 rows in one go, in the middle of whatever runs.
   */
  trimEvents<Data>(queue: Queue<Data>, maxLength: number): Promise<void>;
  /** Job counts of every queue created so far, by queue name (for /readyz and /metrics). */
  counts(): Promise<Record<string, QueueCounts>>;
  /** Resolves when the datastore answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /**
   * Told of every job that failed its last attempt (attemptsMade >= attempts), on any worker
   * created before or after: the maintenance log records it.
   */
  onJobGivenUp(listener: JobGivenUp): void;
  close(): Promise<void>;
}

export type JobGivenUp = (failure: {
  queue: string;
  jobId: string | undefined;
  name: string;
  attemptsMade: number;
  error: string;
}) => void;

type FailedEmitter = {
  on(
    event: 'failed',
    listener: (
      job: { id?: string; name: string; attemptsMade: number; opts: { attempts?: number } } | undefined,
      error: Error,
    ) => void,
  ): unknown;
};

/** Routes a worker's last failures to the listeners (a job retried later is not given up). */
function watchGivenUp(worker: FailedEmitter, queue: string, listeners: JobGivenUp[]): void {
  worker.on('failed', (job, error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    for (const listener of listeners)
      listener({
        queue,
        jobId: job.id,
        name: job.name,
        attemptsMade: job.attemptsMade,
        error: error.message,
      });
  });
}

export type BulkJob<Data> = { name: string; data: Data; opts: BulkJobOptions & { jobId: string } };

export interface QueueBackendOptions {
  redisUrl?: string | undefined;
  databaseUrl: string;
  /** Namespace: the Redis key prefix or the PostgreSQL schema. Tests use one per run. */
  namespace?: string;
  /** Connection trouble is reported here (and through ping()/readyz), never thrown at callers. */
  logger?: Logger;
}

const PING_TIMEOUT_MS = 2000;

/** The states an operator watches: depth (waiting), scheduled (delayed), running, and given up. */
export const COUNTED_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type QueueCounts = Record<(typeof COUNTED_STATES)[number], number>;

type Countable = { name: string; getJobCounts(...states: string[]): Promise<Record<string, number>> };

/** One entry per queue name (a queue created twice is counted once). */
async function countsOf(queues: Countable[]): Promise<Record<string, QueueCounts>> {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  const entries = await Promise.all(
    [...byName].map(async ([name, queue]) => {
      const counts = await queue.getJobCounts(...COUNTED_STATES);
      const row = Object.fromEntries(COUNTED_STATES.map((state) => [state, counts[state] ?? 0]));
      return [name, row as QueueCounts] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** BullMQ waits for a lost connection to come back; callers that must not wait use this. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = PING_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type ErrorEmitter = { on(event: 'error', listener: (error: Error) => void): unknown };

/** BullMQ prints unhandled 'error' events to the console; route them to the structured log. */
function reportErrors<T extends ErrorEmitter>(emitter: T, what: string, logger: Logger | undefined): T {
  emitter.on('error', (error) => logger?.warn({ err: error, component: what }, 'queue connection trouble'));
  return emitter;
}

async function retryFailed(queue: Queue, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      const job = await queue.getJob(id);
      // Another replica may have retried it a moment ago: then it is no longer failed.
      await job?.retry('failed').catch(() => undefined);
    }),
  );
}

function redisBackend(redisUrl: string, namespace: string, logger: Logger | undefined): QueueBackend {
  const base: RedisOptions = { lazyConnect: false, connectionName: 'gongwu-slack' };
  // Workers block on Redis and must retry forever; producers must fail fast rather than queue up.
  const workerConnection = new IORedis(redisUrl, { ...base, maxRetriesPerRequest: null });
  const producerConnection = new IORedis(redisUrl, {
    ...base,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  // ioredis reports connection errors as events; they are surfaced through ping()/readyz.
  workerConnection.on('error', () => undefined);
  producerConnection.on('error', () => undefined);
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const givenUp: JobGivenUp[] = [];
  return {
    kind: 'redis',
    createQueue<Data>(name: string) {
      const queue = new Queue<Data>(name, {
        connection: producerConnection,
        prefix: namespace,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      } as QueueOptions);
      reportErrors(queue, `queue ${name}`, logger);
      queues.push(queue as Queue);
      return queue;
    },
    createWorker<Data>(name: string, processor: Processor<Data>, options = {}) {
      const worker = new Worker<Data>(name, processor, {
        ...options,
        connection: workerConnection,
        prefix: namespace,
      });
      reportErrors(worker, `worker ${name}`, logger);
      watchGivenUp(worker as unknown as FailedEmitter, name, givenUp);
      workers.push(worker as Worker);
      return worker;
    },
    onJobGivenUp: (listener) => givenUp.push(listener),
    async ping() {
      // Producers do not queue commands while offline, so wait for the connection first.
      if (producerConnection.status !== 'ready') {
        await withTimeout(
          new Promise<void>((resolve) => producerConnection.once('ready', () => resolve())),
          'Redis',
        );
      }
      const answer = await withTimeout(producerConnection.ping(), 'Redis');
      if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
    },
    async trimEvents<Data>(queue: Queue<Data>, maxLength: number) {
      await queue.trimEvents(maxLength);
    },
    async addMissing<Data>(queue: Queue<Data>, jobs: BulkJob<Data>[]) {
      if (jobs.length === 0) return;
      // A job is a hash at <prefix>:<queue>:<id> for as long as the queue holds it, in any state.
      const pipeline = producerConnection.pipeline();
      for (const job of jobs) {
        pipeline.exists(queue.toKey(job.opts.jobId));
        pipeline.zscore(queue.keys.failed ?? queue.toKey('failed'), job.opts.jobId);
      }
      const answers = (await pipeline.exec()) ?? [];
      const missing: BulkJob<Data>[] = [];
      const failed: string[] = [];
      jobs.forEach((job, i) => {
        const [existsError, exists] = answers[2 * i] ?? [null, 0];
        const [, failedScore] = answers[2 * i + 1] ?? [null, null];
        if (existsError !== null || exists !== 1) missing.push(job);
        else if (failedScore !== null) failed.push(job.opts.jobId);
      });
      if (missing.length > 0) await queue.addBulk(missing as never);
      await retryFailed(queue, failed);
    },
    counts: () => countsOf(queues),
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
      workerConnection.disconnect();
      producerConnection.disconnect();
    },
  };
}

function postgresBackend(databaseUrl: string, namespace: string, logger: Logger | undefined): QueueBackend {
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  const schema = namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  // The queue's own commits need not wait for the disk: a job is only a courier for rows that
  // PostgreSQL holds durably (outbox, tasks, fan-out items, digest deliveries), and every queue is
  // reconciled from those rows, so a crash that loses the last fraction of a second of queue
  // changes loses nothing a reconciliation does not rebuild (the same bargain as Redis without
  // AOF). It roughly halves what a job costs the database: 1,000 reminders due at one second fire
  // with p99 lateness 1.6 s instead of 2.5 s (bench:reminders).
  const connection = {
    connectionString: databaseUrl,
    schema,
    migrate: true,
    max: 4,
    options: '-c synchronous_commit=off',
  };
  const queues: (Countable & { close(): Promise<void> })[] = [];
  const workers: { close(): Promise<void> }[] = [];
  const noFailedUntil = new Map<string, number>();
  const givenUp: JobGivenUp[] = [];
  return {
    kind: 'postgres',
    createQueue<Data>(name: string) {
      const queue = new PgQueue<Data>(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      reportErrors(queue, `queue ${name}`, logger);
      queues.push(queue as unknown as Countable & { close(): Promise<void> });
      // The typed Postgres classes share the public Queue API; callers only use that API.
      return queue as unknown as Queue<Data>;
    },
    createWorker<Data>(name: string, processor: Processor<Data>, options = {}) {
      const worker = new PgWorker<Data>(name, processor as never, { ...options, connection });
      reportErrors(worker, `worker ${name}`, logger);
      watchGivenUp(worker as unknown as FailedEmitter, name, givenUp);
      workers.push(worker);
      return worker as unknown as Worker<Data>;
    },
    onJobGivenUp: (listener) => givenUp.push(listener),
    async ping() {
      const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: PING_TIMEOUT_MS });
      try {
        await withTimeout(client.connect(), 'PostgreSQL (queue)');
        await withTimeout(client.query('SELECT 1'), 'PostgreSQL (queue)');
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async trimEvents<Data>(queue: Queue<Data>, maxLength: number) {
      // BullMQ's PostgreSQL backend has no trimEvents yet; its event table is ordered by a
      // sequence id per queue, which is how the backend trims it itself.
      const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: PING_TIMEOUT_MS });
      try {
        await client.connect();
        await client.query(
          `DELETE FROM "${schema}".event WHERE queue = $1
             AND id < (SELECT max(id) FROM "${schema}".event WHERE queue = $1) - $2`,
          [queue.name, maxLength],
        );
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async addMissing<Data>(queue: Queue<Data>, jobs: BulkJob<Data>[]) {
      // addBulk leaves existing ids alone; there is no cheaper existence check to make first.
      if (jobs.length === 0) return;
      await queue.addBulk(jobs as never);
      // Counting failed jobs reads the job table and a reconciliation calls this once per page:
      // a count of zero is trusted for a few seconds (a job failing meanwhile waits a pass).
      if ((noFailedUntil.get(queue.name) ?? 0) > Date.now()) return;
      if (((await queue.getJobCounts('failed')).failed ?? 0) === 0) {
        noFailedUntil.set(queue.name, Date.now() + 10_000);
        return;
      }
      const wanted = new Set(jobs.map((job) => job.opts.jobId));
      const failed = await queue.getFailed(0, 999);
      await retryFailed(
        queue,
        failed.flatMap((job) => (job.id !== undefined && wanted.has(job.id) ? [job.id] : [])),
      );
    },
    counts: () => countsOf(queues),
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}

export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  const namespace = options.namespace ?? 'gongwu';
  return options.redisUrl
    ? redisBackend(options.redisUrl, namespace, options.logger)
    : postgresBackend(options.databaseUrl, namespace, options.logger);
}
