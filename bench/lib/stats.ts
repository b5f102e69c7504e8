/** Latency summaries: nearest-rank percentiles over all samples (no sampling, no histogram buckets). */

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Sorts in place (typed-array sort is numeric). */
export function summarize(samples: Float64Array): LatencySummary {
  const count = samples.length;
  if (count === 0)
    return { count, mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  samples.sort();
  let sum = 0;
  for (const value of samples) sum += value;
  const rank = (p: number) => samples[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))]!;
  return { count, mean: sum / count, p50: rank(50), p95: rank(95), p99: rank(99), max: samples[count - 1]! };
}

export function concat(arrays: Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Milliseconds with two decimals, for tables and JSON. */
export const ms = (value: number): number => Math.round(value * 100) / 100;
