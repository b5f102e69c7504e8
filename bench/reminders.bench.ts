/**
 * `npm run bench:reminders`: the deadline machinery at scale, on each queue backend. Seeds
 * 100,000 pending tasks (SQL copies of one real request) in a throwaway database, then measures:
 * the time to schedule their reminders and escalations (a reconciliation from an empty queue),
 * memory per pending job (Redis `INFO memory` / size of the queue's PostgreSQL schema), the time
 * of a full reconciliation when every job exists, and the firing lateness of 1,000 reminders due
 * at the same second (run by the real worker and processor). Each figure has a baseline measured
 * in the same run with bare BullMQ: `addBulk` of as many bare jobs, and a no-op worker for the
 * same number of jobs due at one second. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Queue } from 'bullmq';
import { createSequelize } from '../src/db/sequelize';
import { DEADLINE_WORKER_CONCURRENCY, DeadlineScheduler, remindJobId } from '../src/jobs/deadlines';
import { createQueueBackend, type QueueBackend } from '../src/jobs/queue-backend';
import { loadExampleOrg } from '../src/local-workspace';
import { createLogger } from '../src/logger';
import { startOwnRedis } from '../test/support/own-redis';
import { configureWorkflows, workflowSettings, workflows } from '../test/support/workflows';
import { UsageError } from './lib/option-values';
import { compareWithBaselineTree } from './lib/reminders-baseline';
import { parseRemindersOptions, REMINDERS_USAGE, type RemindersBenchOptions } from './lib/reminders-options';
import { makeDueAt, queueBytes, seedPendingTasks, timingBackend, until } from './lib/reminders-workload';
import { type LatencySummary, ms, summarize } from './lib/stats';
import { prepareOursDatabase } from './lib/targets';

const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn');
const progress = (line: string) => process.stderr.write(`${line}\n`);
const ROUND_THE_CLOCK = { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' };
/** Bare jobs go in pages like the scheduler's (it adds one page of 1,000 tasks at a time). */
const BARE_PAGE = 3000;
const now = () => performance.timeOrigin + performance.now();

interface BackendFigures {
  backend: 'redis' | 'postgres';
  tasks: number;
  jobs: number;
  scheduleS: number;
  bareScheduleS: number;
  bytesPerJob: number;
  bareBytesPerJob: number;
  reconcileS: number;
  lateness: LatencySummary;
  doneLateness: LatencySummary;
  bareLateness: LatencySummary;
}

/** Adds `count` bare delayed jobs (ids like ours) in pages; returns seconds. */
async function addBareJobs(queue: Queue, count: number, delayMs: number): Promise<number> {
  const started = now();
  for (let from = 0; from < count; from += BARE_PAGE) {
    const page = Array.from({ length: Math.min(BARE_PAGE, count - from) }, (_, i) => ({
      name: 'remind',
      data: { taskId: from + i + 1, n: 1 },
      opts: { jobId: `bare-${from + i + 1}`, delay: delayMs, removeOnComplete: true },
    }));
    await queue.addBulk(page);
  }
  return (now() - started) / 1000;
}

/** A no-op worker (same concurrency as the deadline worker) for `count` bare jobs due at one second. */
async function bareLateness(backend: QueueBackend, count: number): Promise<LatencySummary> {
  const queue = backend.createQueue<{ taskId: number }>('bench-bare-firing');
  const due = Math.ceil(now() / 1000) * 1000 + 5000;
  const samples = new Float64Array(count);
  let seen = 0;
  const worker = backend.createWorker(
    'bench-bare-firing',
    async () => {
      if (seen < count) samples[seen++] = now() - due;
    },
    { concurrency: DEADLINE_WORKER_CONCURRENCY },
  );
  const page = Array.from({ length: count }, (_, i) => ({
    name: 'fire',
    data: { taskId: i + 1 },
    opts: { jobId: `fire-${i + 1}`, delay: Math.max(0, due - Date.now()), removeOnComplete: true },
  }));
  await queue.addBulk(page);
  await until('the bare batch', () => seen >= count, 120_000);
  await worker.close(); // lets the last jobs finish before their queue is removed
  await queue.obliterate({ force: true }).catch(() => undefined);
  return summarize(samples);
}

async function runBackend(
  kind: 'redis' | 'postgres',
  options: RemindersBenchOptions,
  redisUrl: string,
): Promise<BackendFigures> {
  const org = await loadExampleOrg();
  const db = await prepareOursDatabase(org);
  const sequelize = createSequelize(db.url);
  const namespace = `bench_${randomBytes(4).toString('hex')}`;
  const backend = createQueueBackend({
    redisUrl: kind === 'redis' ? redisUrl : undefined,
    databaseUrl: db.url,
    namespace,
    logger,
  });
  const where = { redisUrl, databaseUrl: db.url, schema: namespace };
  const saved = { ...workflowSettings() };
  let firing: DeadlineScheduler | undefined;
  try {
    progress(`[${kind}] seeding ${options.tasks} pending tasks`);
    const taskIds = await seedPendingTasks(sequelize, options.tasks);
    const scheduler = new DeadlineScheduler(backend, logger, workflows);
    // The queue's own bookkeeping exists before the jobs are counted.
    await scheduler.queue.getJobCounts('delayed');
    const before = await queueBytes(kind, where);

    progress(`[${kind}] scheduling reminders and escalations (a reconciliation from an empty queue)`);
    let started = now();
    const scheduled = await scheduler.reconcile();
    const scheduleS = (now() - started) / 1000;
    const jobs = (await scheduler.queue.getJobCounts('delayed')).delayed ?? 0;
    if (jobs !== scheduled.jobs)
      throw new Error(`${scheduled.jobs} jobs planned but ${jobs} delayed in the queue`);
    const bytesPerJob = ((await queueBytes(kind, where)) - before) / jobs;

    progress(`[${kind}] full reconciliation with every job present`);
    started = now();
    const again = await scheduler.reconcile();
    const reconcileS = (now() - started) / 1000;
    if ((await scheduler.queue.getJobCounts('delayed')).delayed !== jobs || again.tasks !== options.tasks)
      throw new Error('the second reconciliation changed the queue');

    progress(`[${kind}] baseline: addBulk of ${jobs} bare jobs`);
    const bare = backend.createQueue('bench-bare');
    const bareBefore = await queueBytes(kind, where);
    const bareScheduleS = await addBareJobs(bare as Queue, jobs, 7 * 24 * 3600_000);
    const bareBytesPerJob = ((await queueBytes(kind, where)) - bareBefore) / jobs;
    await bare.obliterate({ force: true });

    progress(`[${kind}] firing: ${options.batch} reminders due at the same second`);
    configureWorkflows({ calendar: ROUND_THE_CLOCK });
    const starts = new Float64Array(options.batch);
    const done = new Float64Array(options.batch);
    let due = Number.POSITIVE_INFINITY;
    let started1 = 0;
    let finished = 0;
    const batch = taskIds.slice(0, options.batch);
    const inBatch = new Set(batch);
    firing = new DeadlineScheduler(
      timingBackend(backend, (job, at) => {
        const { taskId, n } = job.data as { taskId: number; n?: number };
        if (job.name === 'remind' && n === 1 && inBatch.has(taskId) && started1 < starts.length)
          starts[started1++] = at - due;
      }),
      logger,
      workflows,
      {
        // No cron pass during the measurement; the start-up pass is awaited below.
        reconcileEverySeconds: 3600,
        onJob: (job, outcome) => {
          if (job === 'remind' && outcome === 'sent' && finished < done.length)
            done[finished++] = now() - due;
        },
      },
    );
    firing.start();
    await until('the start-up reconciliation', () => firing?.status.lastReconciliation !== null, 600_000);
    const reschedule = async () => {
      for (let from = 0; from < batch.length; from += 50) {
        const slice = batch.slice(from, from + 50);
        await Promise.all(slice.map((taskId) => scheduler.cancel(taskId)));
        await Promise.all(slice.map((taskId) => scheduler.schedule(taskId)));
      }
    };
    // A dry run (same due times) tells how long rescheduling the batch takes on this machine now.
    const dryRun = now();
    await reschedule();
    due = Math.ceil(now() / 1000) * 1000 + 5000 + 2 * (now() - dryRun);
    await makeDueAt(sequelize, batch, new Date(due));
    await reschedule();
    if (now() > due) throw new Error('the batch was rescheduled too late: its reminders were already due');
    const job = await scheduler.queue.getJob(remindJobId(batch[0]!, 1));
    if (!job) throw new Error('the batch has no reminder jobs');
    await until('every reminder of the batch', () => finished >= options.batch, 300_000);

    progress(`[${kind}] baseline: ${options.batch} bare jobs due at the same second, no-op worker`);
    const bareFiring = await bareLateness(backend, options.batch);
    return {
      backend: kind,
      tasks: options.tasks,
      jobs,
      scheduleS,
      bareScheduleS,
      bytesPerJob,
      bareBytesPerJob,
      reconcileS,
      lateness: summarize(starts.subarray(0, started1)),
      doneLateness: summarize(done),
      bareLateness: bareFiring,
    };
  } finally {
    configureWorkflows(saved);
    await firing?.stop();
    for (const name of ['deadlines', 'bench-bare', 'bench-bare-firing'])
      await backend
        .createQueue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await backend.close();
    await sequelize.close();
    await db.drop();
  }
}

function report(figures: BackendFigures[]): void {
  const secs = (s: number) => `${s.toFixed(1)} s`;
  const pct = (l: LatencySummary) => `p50 ${ms(l.p50)} ms · p99 ${ms(l.p99)} ms · max ${ms(l.max)} ms`;
  const lines: string[] = [];
  for (const f of figures) {
    lines.push(
      '',
      `## ${f.backend}: ${f.tasks} pending tasks → ${f.jobs} delayed jobs (2 reminders + 1 escalation each)`,
      `time to schedule          ${secs(f.scheduleS)} (${Math.round(f.jobs / f.scheduleS)} jobs/s)   baseline addBulk of bare jobs ${secs(f.bareScheduleS)}`,
      `memory per pending job    ${(f.bytesPerJob / 1024).toFixed(2)} KB   baseline bare job ${(f.bareBytesPerJob / 1024).toFixed(2)} KB   (${f.backend === 'redis' ? 'INFO used_memory' : 'schema size'})`,
      `full reconciliation       ${secs(f.reconcileS)} for ${f.tasks} tasks`,
      `firing lateness (start)   ${pct(f.lateness)}   (${f.lateness.count} reminders due at one second)`,
      `  … reminder written      ${pct(f.doneLateness)}`,
      `  baseline no-op worker   ${pct(f.bareLateness)}`,
    );
  }
  const goal = (what: string, value: string, met: boolean) =>
    `${what.padEnd(52)} ${value.padStart(12)}   ${met ? 'met' : 'NOT met'}`;
  lines.push('', '## Goals');
  for (const f of figures) {
    const limit = f.backend === 'redis' ? 1000 : 2000;
    lines.push(
      goal(
        `${f.backend}: p99 firing lateness < ${limit / 1000} s`,
        `${ms(f.lateness.p99)} ms`,
        f.lateness.p99 < limit,
      ),
    );
    if (f.backend === 'redis')
      lines.push(
        goal(
          'redis: < 2 KB per pending job',
          `${(f.bytesPerJob / 1024).toFixed(2)} KB`,
          f.bytesPerJob < 2048,
        ),
      );
    const per100k = (f.reconcileS * 100_000) / f.tasks;
    lines.push(goal(`${f.backend}: reconciliation of 100,000 tasks < 30 s`, secs(per100k), per100k < 30));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'reminders', figures })}\n`);
}

async function main(): Promise<void> {
  let options: RemindersBenchOptions | 'help';
  try {
    options = parseRemindersOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${REMINDERS_USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${REMINDERS_USAGE}\n`);
    return;
  }
  if (options.baselineTree) {
    await compareWithBaselineTree(options, options.baselineTree);
    return;
  }
  // A Redis of our own: INFO memory then counts only this benchmark's jobs.
  const redis = await startOwnRedis();
  const figures: BackendFigures[] = [];
  try {
    for (const kind of options.backends) figures.push(await runBackend(kind, options, redis.url));
  } finally {
    await redis.stop();
  }
  report(figures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:reminders failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
