import { parseArgs } from 'node:util';
import { BASELINE_USAGE, baselineTreeOption } from './baseline';
import { flag, queueOption, readArgs, UsageError } from './option-values';

/**
 * Knobs of the approvals benchmark: CLI flags win over environment variables, which win over
 * defaults (as in the ack benchmark, whose UsageError this reuses).
 */
export interface ApprovalsBenchOptions {
  /** Requests created, then approved, in the runs without rate limits. */
  requests: number;
  /** Requests in the run with rate limits on (0 = skip that run). */
  limitedRequests: number;
  /** Approve clicks in flight. */
  concurrency: number;
  /** `leave` (submitted with `/leave <dates> …` quick text) or `project` (`/request project` modal). */
  template: 'leave' | 'project';
  /** Requesters, round-robin; empty = the default five (see README). */
  requesters: string[];
  queue: 'redis' | 'postgres';
  redisUrl: string;
  /** Run the bare Bolt baseline (click → chat.update, no database, no queue). */
  bare: boolean;
  /** How long Slack (the emulator) waits for the app to acknowledge a click. */
  clickTimeoutMs: number;
  /** Waiting for every card of the created requests. */
  setupTimeoutS: number;
  /** Waiting for every notification of the limits-off runs. */
  drainTimeoutS: number;
  /** Waiting for every notification of the rate-limited run. */
  limitedDrainTimeoutS: number;
  /** Quiet time after the drain during which late (duplicate) deliveries still count. */
  settleS: number;
  /** How often committed decisions are polled from the database. */
  pollMs: number;
  cpuProfDir: string | undefined;
  /** An older checkout whose app is measured alternately with this one (`--baseline-tree`). */
  baselineTree: string | undefined;
}

export const APPROVALS_USAGE = `Usage: npm run bench:approvals -- [options]

  --requests N              requests created and approved per limits-off run (BENCH_REQUESTS, default 200)
  --limited-requests N      requests in the rate-limited run, 0 = skip it (BENCH_LIMITED_REQUESTS, default = --requests)
  --concurrency N           Approve clicks in flight (BENCH_CONCURRENCY, default 32)
  --template T              leave | project (BENCH_TEMPLATE, default leave)
  --requesters A,B,...      requesters' Slack ids, round-robin (BENCH_REQUESTERS)
  --queue Q                 our queue backend: redis | postgres (BENCH_QUEUE, default redis)
  --redis-url URL           Redis for the redis backend (BENCH_REDIS_URL, default redis://127.0.0.1:6379)
  --no-bare                 skip the bare Bolt baseline (BENCH_BARE=0)
  --click-timeout-ms N      Slack's wait for an acknowledgement (BENCH_CLICK_TIMEOUT_MS, default 3000)
  --setup-timeout S         wait for the created requests' cards (BENCH_SETUP_TIMEOUT_S, default 120)
  --drain-timeout S         wait for notifications without limits (BENCH_DRAIN_TIMEOUT_S, default 120)
  --limited-drain-timeout S wait for notifications with limits on (BENCH_LIMITED_DRAIN_TIMEOUT_S, default 1800)
  --settle S                quiet time after the drain for late duplicates (BENCH_SETTLE_S, default 3)
  --poll-ms N               poll committed decisions every N ms (BENCH_POLL_MS, default 10)
  --cpu-prof DIR            V8 CPU profiles of each app process in DIR/<run>/ (BENCH_CPU_PROF)
${BASELINE_USAGE}
  -h, --help`;

function number(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new UsageError(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number): number {
  const value = number(name, raw, fallback, min);
  if (!Number.isInteger(value)) throw new UsageError(`${name} must be an integer, got "${raw}"`);
  return value;
}

export function parseApprovalsOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): ApprovalsBenchOptions | 'help' {
  const { values } = readArgs(() => parse(argv));
  if (values.help) return 'help';
  const pick = (cli: string | undefined, envName: string) => cli ?? env[envName];

  const queue = queueOption(pick(values.queue, 'BENCH_QUEUE'));
  const template = pick(values.template, 'BENCH_TEMPLATE') ?? 'leave';
  if (template !== 'leave' && template !== 'project') {
    throw new UsageError(`template must be leave or project, got "${template}"`);
  }
  const requests = integer('requests', pick(values.requests, 'BENCH_REQUESTS'), 200, 1);
  const requesters = (pick(values.requesters, 'BENCH_REQUESTERS') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

  return {
    requests,
    limitedRequests: integer(
      'limited-requests',
      pick(values['limited-requests'], 'BENCH_LIMITED_REQUESTS'),
      requests,
      0,
    ),
    concurrency: integer('concurrency', pick(values.concurrency, 'BENCH_CONCURRENCY'), 32, 1),
    template,
    requesters,
    queue,
    redisUrl: pick(values['redis-url'], 'BENCH_REDIS_URL') ?? 'redis://127.0.0.1:6379',
    bare: values['no-bare'] ? false : (flag(env.BENCH_BARE) ?? true),
    clickTimeoutMs: integer(
      'click-timeout-ms',
      pick(values['click-timeout-ms'], 'BENCH_CLICK_TIMEOUT_MS'),
      3000,
      1,
    ),
    setupTimeoutS: number('setup-timeout', pick(values['setup-timeout'], 'BENCH_SETUP_TIMEOUT_S'), 120, 1),
    drainTimeoutS: number('drain-timeout', pick(values['drain-timeout'], 'BENCH_DRAIN_TIMEOUT_S'), 120, 1),
    limitedDrainTimeoutS: number(
      'limited-drain-timeout',
      pick(values['limited-drain-timeout'], 'BENCH_LIMITED_DRAIN_TIMEOUT_S'),
      1800,
      1,
    ),
    settleS: number('settle', pick(values.settle, 'BENCH_SETTLE_S'), 3, 0),
    pollMs: integer('poll-ms', pick(values['poll-ms'], 'BENCH_POLL_MS'), 10, 1),
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
      requests: { type: 'string' },
      'limited-requests': { type: 'string' },
      concurrency: { type: 'string' },
      template: { type: 'string' },
      requesters: { type: 'string' },
      queue: { type: 'string' },
      'redis-url': { type: 'string' },
      'no-bare': { type: 'boolean' },
      'click-timeout-ms': { type: 'string' },
      'setup-timeout': { type: 'string' },
      'drain-timeout': { type: 'string' },
      'limited-drain-timeout': { type: 'string' },
      settle: { type: 'string' },
      'poll-ms': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'baseline-tree': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
