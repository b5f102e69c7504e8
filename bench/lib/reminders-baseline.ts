import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type ComparedFigure, CURRENT_TREE, comparisonJson, comparisonLines } from './baseline';
import type { RemindersBenchOptions } from './reminders-options';

/**
 * `bench:reminders --baseline-tree DIR`. This benchmark has no app process: its workload is the
 * deadline scheduler and worker called in-process, whose internal API is what the consolidation
 * changes. So each checkout runs its own `bench/reminders.bench.ts` (same flags) in a child
 * process — the old tree's public entry point as of 6a4f73c, whose last stdout line is its JSON
 * summary — alternately old, new, new, old, and the means are compared.
 */

/** The figures of one backend in the summary line (`BackendFigures` of reminders.bench.ts). */
interface Figures {
  backend: 'redis' | 'postgres';
  scheduleS: number;
  bareScheduleS: number;
  bytesPerJob: number;
  reconcileS: number;
  lateness: { p50: number; p99: number };
  bareLateness: { p99: number };
}

function runTree(tree: string, options: RemindersBenchOptions): Promise<Figures[]> {
  const args = ['--tasks', String(options.tasks), '--batch', String(options.batch)];
  args.push('--queue', options.backends.length === 2 ? 'both' : options.backends[0]!);
  const { BENCH_BASELINE_TREE: _ignored, ...env } = process.env;
  // Node with tsx's loader from that checkout (cwd), as the README starts the benchmark.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(tree, 'bench', 'reminders.bench.ts'), ...args],
    { cwd: tree, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`bench:reminders in ${tree} exited ${code}; output:\n${stdout}`));
        return;
      }
      resolve((JSON.parse(last) as { figures: Figures[] }).figures);
    });
  });
}

const mean = (values: number[]) => values.reduce((n, v) => n + v, 0) / values.length;

function compare(backend: Figures['backend'], old: Figures[], now: Figures[]): ComparedFigure[] {
  const of = (runs: Figures[], pick: (f: Figures) => number) =>
    mean(runs.flatMap((f) => (f.backend === backend ? [pick(f)] : [])));
  const figure = (label: string, pick: (f: Figures) => number, digits = 2): ComparedFigure => ({
    label: `${backend}: ${label}`,
    baseline: of(old, pick),
    current: of(now, pick),
    better: 'lower',
    digits,
  });
  return [
    figure('time to schedule s', (f) => f.scheduleS),
    figure('bytes per pending job', (f) => f.bytesPerJob, 0),
    figure('full reconciliation s', (f) => f.reconcileS),
    figure('firing lateness p50 ms', (f) => f.lateness.p50, 0),
    figure('firing lateness p99 ms', (f) => f.lateness.p99, 0),
    // Against bare BullMQ measured in the same child run: what is left when the machine's
    // speed of that minute is divided out.
    figure('schedule ÷ bare addBulk', (f) => f.scheduleS / f.bareScheduleS),
    figure('lateness p99 ÷ no-op worker', (f) => f.lateness.p99 / f.bareLateness.p99),
  ];
}

export async function compareWithBaselineTree(options: RemindersBenchOptions, tree: string): Promise<void> {
  const old: Figures[] = [];
  const now: Figures[] = [];
  const order = [tree, CURRENT_TREE, CURRENT_TREE, tree];
  for (const [i, dir] of order.entries()) {
    const which = dir === tree ? 'baseline tree' : 'current tree';
    process.stderr.write(`— run ${i + 1}/${order.length}: ${which} (${dir})\n`);
    const figures = await runTree(dir, options);
    for (const f of figures) {
      process.stderr.write(
        `  ${which}, ${f.backend}: schedule ${f.scheduleS.toFixed(2)} s, reconcile ${f.reconcileS.toFixed(2)} s, lateness p99 ${Math.round(f.lateness.p99)} ms\n`,
      );
    }
    (dir === tree ? old : now).push(...figures);
  }
  const compared = options.backends.flatMap((backend) => compare(backend, old, now));
  const lines = comparisonLines(
    `bench:reminders, means of old, new, new, old (${options.tasks} tasks, batch ${options.batch}), baseline tree ${tree}:`,
    compared,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'reminders', againstBaselineTree: comparisonJson(compared) })}\n`,
  );
}
