import { parseArgs } from 'node:util';
import { BASELINE_USAGE, baselineTreeOption } from './baseline';
import { queueOption, readArgs, UsageError } from './option-values';

/**
 * Knobs of the ack benchmark: CLI flags win over environment variables, which win over defaults.
 * `--requests` (BENCH_REQUESTS) switches a measured phase from a fixed duration to a fixed count.
 */
export interface AckBenchOptions {
  concurrency: number;
  /** Measured time per app (split over the rounds), when `requests` is not set. */
  durationS: number;
  /** Measured requests per app (split over the rounds); overrides `durationS`. */
  requests: number | undefined;
  /** Alternating rounds the measured time is split into (bare, ours, ours, bare, …). */
  rounds: number;
  /** Warm-up of each app before the rounds; 0 turns it off. */
  warmupS: number;
  queue: 'redis' | 'postgres';
  redisUrl: string;
  /** Slack user ids sending `/oa help`, round-robin; empty = everyone in the example org. */
  users: string[];
  /** Per-request timeout; a timed-out request counts as a non-200 response. */
  timeoutMs: number;
  /** How long to wait for outstanding `response_url` follow-ups after a phase. */
  drainTimeoutS: number;
  /** Directory for V8 CPU profiles of each app process (`<dir>/<run>/*.cpuprofile`), or undefined. */
  cpuProfDir: string | undefined;
  /** An older checkout whose app is measured alternately with this one (`--baseline-tree`). */
  baselineTree: string | undefined;
}

export const USAGE = `Usage: npm run bench:ack -- [options]

  --concurrency N      requests in flight (BENCH_CONCURRENCY, default 32)
  --duration S         measured seconds per app, split over the rounds (BENCH_DURATION_S, default 10)
  --requests N         measured requests per app instead of a duration (BENCH_REQUESTS)
  --rounds N           alternating rounds (bare, ours, ours, bare, …) (BENCH_ROUNDS, default 5)
  --warmup S           warm-up seconds of each app before the rounds, 0 = none (BENCH_WARMUP_S, default 3)
  --queue Q            our queue backend: redis | postgres (BENCH_QUEUE, default redis)
  --redis-url URL      Redis for the redis backend (BENCH_REDIS_URL, default redis://127.0.0.1:6379)
  --no-bare-again      accepted for old command lines; no effect (the rounds replace the second bare run)
  --users A,B,...      Slack user ids, round-robin (BENCH_USERS, default: the example org's people)
  --timeout-ms N       per-request timeout (BENCH_TIMEOUT_MS, default 10000)
  --drain-timeout S    wait for response_url follow-ups after each phase (BENCH_DRAIN_TIMEOUT_S, default 120)
  --cpu-prof DIR       V8 CPU profiles of each app process in DIR/<run>/ (BENCH_CPU_PROF)
${BASELINE_USAGE}
  --help

The database server is TEST_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres);
a fresh database is created for the run and dropped afterwards.`;

// Re-exported: the benchmarks' entry points import it from here.
export { UsageError };

function positive(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`);
  }
  return value;
}

function integer(name: string, raw: string | undefined, fallback: number): number {
  const value = positive(name, raw, fallback);
  if (!Number.isInteger(value)) throw new UsageError(`${name} must be an integer, got "${raw}"`);
  return value;
}

export function parseOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): AckBenchOptions | 'help' {
  const { values } = readArgs(() => parse(argv));
  if (values.help) return 'help';
  const pick = (cli: string | undefined, envName: string) => cli ?? env[envName];

  const queue = queueOption(pick(values.queue, 'BENCH_QUEUE'));
  const requestsRaw = pick(values.requests, 'BENCH_REQUESTS');
  const users = (pick(values.users, 'BENCH_USERS') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

  return {
    concurrency: integer('concurrency', pick(values.concurrency, 'BENCH_CONCURRENCY'), 32),
    durationS: positive('duration', pick(values.duration, 'BENCH_DURATION_S'), 10),
    requests: requestsRaw ? integer('requests', requestsRaw, 0) : undefined,
    rounds: integer('rounds', pick(values.rounds, 'BENCH_ROUNDS'), 5),
    warmupS: positive('warmup', pick(values.warmup, 'BENCH_WARMUP_S'), 3, true),
    queue,
    redisUrl: pick(values['redis-url'], 'BENCH_REDIS_URL') ?? 'redis://127.0.0.1:6379',
    users,
    timeoutMs: integer('timeout-ms', pick(values['timeout-ms'], 'BENCH_TIMEOUT_MS'), 10_000),
    drainTimeoutS: positive('drain-timeout', pick(values['drain-timeout'], 'BENCH_DRAIN_TIMEOUT_S'), 120),
    cpuProfDir: pick(values['cpu-prof'], 'BENCH_CPU_PROF') || undefined,
    baselineTree: baselineTreeOption(pick(values['baseline-tree'], 'BENCH_BASELINE_TREE')),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      requests: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      queue: { type: 'string' },
      'redis-url': { type: 'string' },
      'no-bare-again': { type: 'boolean' },
      users: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'drain-timeout': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'baseline-tree': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
