import { parseArgs } from 'node:util';
import { BASELINE_USAGE, baselineTreeOption } from './baseline';
import { queueOption, readArgs, UsageError } from './option-values';

/** Knobs of the fan-out benchmark: CLI flags win over environment variables, which win over defaults. */
export interface FanoutBenchOptions {
  /** People chased (one DM each); 0 skips the chase half. */
  people: number;
  /** Acknowledgement clicks on one announcement; 0 skips the acknowledgement half. */
  acks: number;
  /** People clicking Acknowledge at the same time. */
  clickers: number;
  /** Our ceiling and the emulator's workspace cap for chat.postMessage, per second. */
  rate: number;
  /** Worker processes (replicas); one is killed mid-run. */
  workers: number;
  queue: 'redis' | 'postgres';
  redisUrl: string;
  /** An older checkout whose app is measured alternately with this one (`--baseline-tree`). */
  baselineTree: string | undefined;
}

export const USAGE = `Usage: npm run bench:fanout -- [options]

  --people N     people chased, one DM each; 0 skips the chase (BENCH_PEOPLE, default 5000)
  --acks N       people acknowledging one announcement, one click each; 0 skips it (BENCH_ACKS, default 10000)
  --clickers N   acknowledgement clicks in flight at once (BENCH_CLICKERS, default 32)
  --rate N       chat.postMessage per second: our ceiling and the emulator's cap (BENCH_RATE, default 80)
  --workers N    sender processes; one is SIGKILLed mid-run and replaced (BENCH_WORKERS, default 2)
  --queue Q      redis | postgres (BENCH_QUEUE, default redis)
  --redis-url U  (BENCH_REDIS_URL, default redis://127.0.0.1:6379)
${BASELINE_USAGE}
  --help`;

export { UsageError };

const whole = (name: string, raw: string | undefined, fallback: number, min = 1) => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return value;
};

export function parseFanoutOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): FanoutBenchOptions | 'help' {
  const { values } = readArgs(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        people: { type: 'string' },
        acks: { type: 'string' },
        clickers: { type: 'string' },
        rate: { type: 'string' },
        workers: { type: 'string' },
        queue: { type: 'string' },
        'redis-url': { type: 'string' },
        'baseline-tree': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return 'help';
  return {
    people: whole('people', values.people ?? env.BENCH_PEOPLE, 5000, 0),
    acks: whole('acks', values.acks ?? env.BENCH_ACKS, 10_000, 0),
    clickers: whole('clickers', values.clickers ?? env.BENCH_CLICKERS, 32),
    rate: whole('rate', values.rate ?? env.BENCH_RATE, 80),
    workers: whole('workers', values.workers ?? env.BENCH_WORKERS, 2),
    queue: queueOption(values.queue ?? env.BENCH_QUEUE),
    redisUrl: values['redis-url'] ?? env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    baselineTree: baselineTreeOption(values['baseline-tree'] ?? env.BENCH_BASELINE_TREE),
  };
}
