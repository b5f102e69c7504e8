import { parseArgs } from 'node:util';
import { BASELINE_USAGE, baselineTreeOption } from './baseline';
import { queueOption, readArgs, UsageError } from './option-values';

/** Knobs of the reminders benchmark: CLI flags win over environment variables, which win over defaults. */
export interface RemindersBenchOptions {
  /** Pending tasks seeded (each needs two reminders and an escalation: three jobs). */
  tasks: number;
  /** Jobs due at the same second in the lateness phase. */
  batch: number;
  backends: Array<'redis' | 'postgres'>;
  /** An older checkout whose app is measured alternately with this one (`--baseline-tree`). */
  baselineTree: string | undefined;
}

export const REMINDERS_USAGE = `Usage: npm run bench:reminders -- [options]

  --tasks N        pending tasks to schedule reminders for (BENCH_TASKS, default 100000)
  --batch N        jobs due at the same second for the lateness figures (BENCH_BATCH, default 1000)
  --queue Q        redis | postgres | both (BENCH_QUEUE, default both)
${BASELINE_USAGE}
  --help

The database server is TEST_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres):
a fresh database is created for each backend and dropped afterwards. Redis is a redis-server of
the benchmark's own on a free port (so INFO memory counts only these jobs), stopped at the end.`;

function whole(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export function parseRemindersOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): RemindersBenchOptions | 'help' {
  const { values } = readArgs(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        tasks: { type: 'string' },
        batch: { type: 'string' },
        queue: { type: 'string' },
        'baseline-tree': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) return 'help';
  const queue = values.queue ?? env.BENCH_QUEUE ?? 'both';
  const tasks = whole('tasks', values.tasks ?? env.BENCH_TASKS, 100_000);
  const batch = whole('batch', values.batch ?? env.BENCH_BATCH, 1000);
  if (batch > tasks) throw new UsageError(`batch (${batch}) cannot exceed tasks (${tasks})`);
  return {
    tasks,
    batch,
    backends: queue === 'both' ? ['redis', 'postgres'] : [queueOption(queue)],
    baselineTree: baselineTreeOption(values['baseline-tree'] ?? env.BENCH_BASELINE_TREE),
  };
}
