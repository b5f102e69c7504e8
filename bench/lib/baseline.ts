import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './option-values';

/**
 * `--baseline-tree DIR`: the same workload against the app of an older commit (a worktree of it,
 * with its node_modules), measured in the same run as the current tree, so a change is judged
 * against the machine's speed of that minute. The rule: within 10 % of the old figure.
 */

/** The checkout the benchmarks come from (the current tree). */
export const CURRENT_TREE = resolve(__dirname, '..', '..');

/** Within this fraction of the old figure, in the worse direction, a figure keeps its level. */
export const TOLERANCE = 0.1;

export const BASELINE_USAGE =
  '  --baseline-tree DIR       also run the app of an older checkout DIR (with node_modules), alternately, and compare (BENCH_BASELINE_TREE)';

/** Checks that DIR looks like a checkout of this project with its dependencies installed. */
export function baselineTreeOption(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const dir = resolve(raw);
  for (const needed of ['package.json', 'src/main.ts', 'node_modules/tsx']) {
    if (!existsSync(join(dir, needed))) {
      throw new UsageError(`--baseline-tree ${raw}: no ${needed} there (a checkout with its node_modules?)`);
    }
  }
  return dir;
}

export interface ComparedFigure {
  label: string;
  current: number;
  baseline: number;
  /** Throughput: higher is better; CPU per decision and latencies: lower is better. */
  better: 'higher' | 'lower';
  digits?: number;
}

/** The change from old to new in %, and whether it is within the rule in the worse direction. */
export function judge(figure: ComparedFigure): { diffPct: number; ok: boolean } {
  const diffPct = ((figure.current - figure.baseline) / figure.baseline) * 100;
  const worse = figure.better === 'higher' ? -diffPct : diffPct;
  return { diffPct, ok: Number.isFinite(diffPct) && worse <= TOLERANCE * 100 };
}

/** Side-by-side lines: figure, old tree, current tree, difference, ✔/✘ against the 10 % rule. */
export function comparisonLines(title: string, figures: ComparedFigure[]): string[] {
  const rows = figures.map((f) => {
    const { diffPct, ok } = judge(f);
    const digits = f.digits ?? 1;
    return [
      f.label,
      f.baseline.toFixed(digits),
      f.current.toFixed(digits),
      `${diffPct >= 0 ? '+' : ''}${diffPct.toFixed(1)} %`,
      `${ok ? '✔' : '✘'} (${f.better === 'higher' ? 'not >10 % lower' : 'not >10 % higher'})`,
    ];
  });
  const header = ['figure', 'baseline', 'current', 'diff', 'rule'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [title, ...all.map(line)];
}

/** The comparison as the JSON summary carries it. */
export function comparisonJson(figures: ComparedFigure[]) {
  return figures.map((f) => {
    const { diffPct, ok } = judge(f);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return {
      figure: f.label,
      baseline: round(f.baseline),
      current: round(f.current),
      diffPct: round(diffPct),
      ok,
    };
  });
}
