import type { Transaction } from 'sequelize';
import type { PersonRecord } from '../domain/org/model';

/**
 * Directory entries by Slack user id, kept in memory between interactions: every command and
 * click starts by reading who the person is (language, time zone, standing), and that read was
 * the largest part of answering `/oa help` after Bolt itself.
 *
 * An entry is only trusted while the process hears about every change to `people`: a listener
 * (people-change-listener.ts) holds `LISTEN people_changed`, which a trigger on the table
 * (migration 0009) notifies at each commit, whoever wrote. While no listener is connected the
 * cache is off and every read goes to the database, so a lost connection can never leave a
 * stale role or status in use. Changes made through the model in this process are also
 * forgotten the moment they commit (`forgetPeopleAfterCommit`), so a reply that follows an
 * admin's change in the same process always shows it, without waiting for the notice.
 *
 * A read that was already on its way when a change was announced is not kept: every change
 * advances `generation`, and a result is stored only under the generation it started in.
 */
const MAX_ENTRIES = 20_000;
/** A safety net only: entries are forgotten when notified; this bounds a notice that never came. */
const MAX_AGE_MS = 5 * 60 * 1000;

export class PeopleCache<T> {
  private readonly entries = new Map<string, { value: T; storedAt: number }>();
  private generation = 0;
  private listeners = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Whether entries are kept (some listener is connected). */
  get active(): boolean {
    return this.listeners > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `slackUserId` when it is known and fresh, else `load()` (kept if still valid). */
  async read(slackUserId: string, load: () => Promise<T>): Promise<T> {
    if (!this.active) return load();
    const entry = this.entries.get(slackUserId);
    if (entry && this.clock() - entry.storedAt < MAX_AGE_MS) return entry.value;
    const startedIn = this.generation;
    const value = await load();
    if (this.active && startedIn === this.generation) this.store(slackUserId, value);
    return value;
  }

  /** Some people changed (their Slack ids); `*` or an empty id: cannot tell who, forget everyone. */
  forget(slackUserIds: readonly string[]): void {
    this.generation += 1;
    if (slackUserIds.some((id) => id === '*' || id === '')) {
      this.entries.clear();
      return;
    }
    for (const id of slackUserIds) this.entries.delete(id);
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** A listener is connected: start from nothing (changes may have been missed before it was). */
  listenerConnected(): void {
    this.forgetAll();
    this.listeners += 1;
  }

  listenerDisconnected(): void {
    this.listeners = Math.max(0, this.listeners - 1);
    this.forgetAll();
  }

  private store(slackUserId: string, value: T): void {
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(slackUserId)) {
      // The oldest stored entry goes first (Map keeps insertion order).
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.delete(slackUserId);
    this.entries.set(slackUserId, { value, storedAt: this.clock() });
  }
}

/** The directory entries of this process (one database per process, like the models). */
export const peopleCache = new PeopleCache<PersonRecord | null>();

/**
 * Forget every cached person once `transaction` commits (at once without one): wired to the
 * Person model's write hooks, which do not always know the Slack ids a bulk write touched.
 */
export function forgetPeopleAfterCommit(transaction: Transaction | null | undefined): void {
  if (transaction) transaction.afterCommit(() => peopleCache.forgetAll());
  else peopleCache.forgetAll();
}
