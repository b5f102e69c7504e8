import { parseArgs } from 'node:util';
import { queueOption, readArgs, UsageError } from './option-values';

/** Knobs of the fan-out benchmark: CLI flags win over environment variables, which win over defaults. */
export interface FanoutBenchOptions {
  /** People chased (one DM each). */
  people: number;
  /** Our ceiling and the emulator's workspace cap for chat.postMessage, per second. */
  rate: number;
  /** Worker processes (replicas); one is killed mid-run. */
  workers: number;
  queue: 'redis' | 'postgres';
  redisUrl: string;
}

export const USAGE = `Usage: npm run bench:fanout -- [options]

  --people N     people chased, one DM each (BENCH_PEOPLE, default 5000)
  --rate N       chat.postMessage per second: our ceiling and the emulator's cap (BENCH_RATE, default 80)
  --workers N    sender processes; one is SIGKILLed mid-run and replaced (BENCH_WORKERS, default 2)
  --queue Q      redis | postgres (BENCH_QUEUE, default redis)
  --redis-url U  (BENCH_REDIS_URL, default redis://127.0.0.1:6379)
  --help`;

export { UsageError };

const whole = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive whole number, got "${raw}"`);
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
        rate: { type: 'string' },
        workers: { type: 'string' },
        queue: { type: 'string' },
        'redis-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return 'help';
  return {
    people: whole('people', values.people ?? env.BENCH_PEOPLE, 5000),
    rate: whole('rate', values.rate ?? env.BENCH_RATE, 80),
    workers: whole('workers', values.workers ?? env.BENCH_WORKERS, 2),
    queue: queueOption(values.queue ?? env.BENCH_QUEUE),
    redisUrl: values['redis-url'] ?? env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
