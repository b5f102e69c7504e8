/**
 * Reproducible random samples for spot checks. The sample is a function of the seed and of the
 * candidates' ids only: ids are sorted first (the database's order is not part of the contract),
 * then a seeded Fisher–Yates shuffle (mulberry32) takes the first n. The same seed over the same
 * finished items gives the same sample on any replica, any day; a new item changes the sample.
 */

/** The largest seed people type (`seed:<s>`): 9 digits fit any 32-bit generator state. */
export const MAX_SEED = 999_999_999;

/** mulberry32: a small, well-distributed 32-bit generator; good enough to choose records. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed, shown to the supervisor so the sample can be drawn again. */
export function newSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * MAX_SEED);
}

/** `n` of `ids` (or all when fewer), chosen by `seed`, in the order drawn. */
export function sampleIds(ids: readonly number[], n: number, seed: number): number[] {
  const pool = [...new Set(ids)].sort((a, b) => a - b);
  const random = seededRandom(seed);
  const count = Math.max(0, Math.min(n, pool.length));
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
