import { pausePace, prunePace, releasePaceKey, reservePaceSlot } from '../db/repositories/fanout.repository';
import type { PaceBook } from './pacer';

/**
 * Where the Pacer's schedules are kept (see pacer.ts): the same booking rule — a key's next slot,
 * one every interval, booked only if at most `maxWaitMs` away — in this process or in PostgreSQL.
 */

/** Keys past their time are forgotten once this many are kept. */
const MEMORY_KEYS_MAX = 10_000;

/**
 * In this process: asking costs nothing, so a courier may ask before it claims a row. Replicas
 * each pace their own calls (a herd is then at most one call per replica).
 */
export function memoryPaceBook(clock: () => number = Date.now): PaceBook {
  const freeAt = new Map<string, number>();
  const forgetPast = (now: number) => {
    for (const [key, at] of freeAt) if (at <= now) freeAt.delete(key);
  };
  return {
    async reserve(key, intervalMs, maxWaitMs) {
      const now = clock();
      const slot = Math.max(freeAt.get(key) ?? now, now);
      if (slot - now > maxWaitMs) return { busyForMs: slot - now };
      freeAt.set(key, slot + intervalMs);
      if (freeAt.size > MEMORY_KEYS_MAX) forgetPast(now);
      return slot - now;
    },
    async hold(keys, ms) {
      const until = clock() + ms;
      for (const key of keys) freeAt.set(key, Math.max(freeAt.get(key) ?? until, until));
    },
    async release(key) {
      freeAt.delete(key);
    },
    async prune() {
      forgetPast(clock());
    },
  };
}

/**
 * In PostgreSQL (`fanout_pace`): every replica books from one schedule, on the database's clock,
 * so replicas on different hosts never add up past Slack's limits.
 */
export function postgresPaceBook(): PaceBook {
  return {
    reserve: (key, intervalMs, maxWaitMs) => reservePaceSlot(key, intervalMs, maxWaitMs),
    hold: (keys, ms) => pausePace(keys, ms / 1000),
    release: (key) => releasePaceKey(key),
    prune: () => prunePace(),
  };
}
