/**
 * The one pace both couriers keep with Slack, under two policies:
 *
 * - **Per conversation.** Slack takes about one message per second in a conversation
 *   (chat.postMessage answers 429 with Retry-After past a short burst). A turn at most
 *   `maxWaitMs` away is booked; a conversation booked further ahead sends its caller away to come
 *   back later, without trying Slack and without counting an attempt. Callers sent away are spread
 *   over the coming turns, `perTurn` to a turn (one post may carry that many rows), so a backlog of
 *   N wakes about `perTurn` a turn rather than all N every turn.
 * - **Per Web API method.** One call every so many ms per method (its tier) across the workspace.
 *
 * A 429 holds what Slack refused for exactly Retry-After: the conversation always, the method when
 * the wait is longer than a second (at our own ceiling a one-second refusal is a momentary
 * overshoot — requests reach Slack's sliding window with some jitter — while a longer one means
 * the method's quota is spent).
 *
 * Where the schedule is kept is the book's business (pace-books.ts): in this process for the
 * outbox, whose notices ask before claiming their row so that a wait costs no statement; in
 * PostgreSQL for the fan-out, whose pace must hold across every replica.
 */

/** The methods a courier paces (see PacePolicy.methods). */
export type PacedMethod = 'chat.postMessage' | 'chat.update' | 'chat.delete';

/** Where a pace schedule is kept: one next-free time per key. */
export interface PaceBook {
  /**
   * Books the key's next slot (one every `intervalMs`) if it is at most `maxWaitMs` away: the wait
   * in ms; else nothing is booked and the answer says how long the key is busy.
   */
  reserve(key: string, intervalMs: number, maxWaitMs: number): Promise<number | { busyForMs: number }>;
  /** Nothing under these keys for `ms` from now; a longer hold already there stays. */
  hold(keys: readonly string[], ms: number): Promise<void>;
  /** Forgets the key's schedule (a booked turn that was not used). */
  release(key: string): Promise<void>;
  /** Forgets keys long idle. */
  prune(): Promise<void>;
}

export interface PacePolicy {
  conversation?: {
    /** At most one message per conversation this often. */
    gapMs: number;
    /** A turn further away than this is not booked: the caller comes back later. */
    maxWaitMs: number;
    /** Callers sent away are spread over the coming turns, this many to a turn (none: not spread). */
    perTurn?: number;
  };
  /** One call every so many ms per method, across whoever shares the book. */
  methods?: Partial<Record<PacedMethod, number>>;
}

/** A Slack call to pace: its conversation (when that policy applies to it) and its method. */
export interface PacedCall {
  conversation?: string | undefined;
  method?: PacedMethod;
}

/** Booked: go after `waitMs`. Not booked: come back after `laterMs`. */
export type Turn = { waitMs: number } | { laterMs: number };

/** A method's turn is always booked, however far ahead (its callers hold their lease meanwhile). */
const METHOD_MAX_WAIT_MS = 24 * 3600_000;
/** Callers sent away to the same turn are spread a little, so they do not all wake at one instant. */
const SPREAD_MS = 250;
/** Spreading is a hint: past this many conversations, forgetting who waits only wakes them closer. */
const WAITERS_MAX = 10_000;

const conversationKey = (conversation: string) => `c:${conversation}`;
const methodKey = (method: PacedMethod) => `m:${method}`;

export class Pacer {
  /** Callers sent away per conversation since its last booked turn (this process's only). */
  private readonly waiters = new Map<string, number>();

  constructor(
    private readonly book: PaceBook,
    private readonly policy: PacePolicy,
  ) {}

  /** The call's turn: the conversation's first (sent away when it is busy), then the method's. */
  async turn(call: PacedCall): Promise<Turn> {
    let waitMs = 0;
    const { conversation } = this.policy;
    if (conversation && call.conversation !== undefined) {
      const key = conversationKey(call.conversation);
      const booked = await this.book.reserve(key, conversation.gapMs, conversation.maxWaitMs);
      if (typeof booked !== 'number') return { laterMs: this.sentAway(key, booked.busyForMs) };
      this.waiters.delete(key);
      waitMs = booked;
    }
    const interval = call.method && this.policy.methods?.[call.method];
    if (call.method && interval !== undefined) {
      const booked = await this.book.reserve(methodKey(call.method), interval, METHOD_MAX_WAIT_MS);
      if (typeof booked !== 'number') return { laterMs: booked.busyForMs };
      waitMs = Math.max(waitMs, booked);
    }
    return { waitMs };
  }

  /**
   * A message to `conversation` has just gone: the gap counts from here, not from when its turn
   * was booked (preparing a merged post may read the history first).
   */
  async posted(conversation: string): Promise<void> {
    if (this.policy.conversation)
      await this.book.hold([conversationKey(conversation)], this.policy.conversation.gapMs);
  }

  /**
   * The turn booked for `conversation` was not used (the row was delivered meanwhile): the next
   * message may go now. Only while nobody was sent away to wait for the next turn.
   */
  async giveBack(conversation: string): Promise<void> {
    const key = conversationKey(conversation);
    if ((this.waiters.get(key) ?? 0) === 0) await this.book.release(key);
  }

  /** Slack answered 429: what it refused waits exactly Retry-After (see the policies above). */
  async rateLimited(call: PacedCall, retryAfterSeconds: number): Promise<void> {
    const keys = [
      ...(this.policy.conversation && call.conversation !== undefined
        ? [conversationKey(call.conversation)]
        : []),
      ...(call.method && this.policy.methods?.[call.method] !== undefined && retryAfterSeconds > 1
        ? [methodKey(call.method)]
        : []),
    ];
    if (keys.length > 0) await this.book.hold(keys, retryAfterSeconds * 1000);
  }

  /** Forgets schedules long idle (the reconciliation's chore). */
  prune(): Promise<void> {
    return this.book.prune();
  }

  private sentAway(key: string, busyForMs: number): number {
    const perTurn = this.policy.conversation?.perTurn;
    if (perTurn === undefined) return busyForMs;
    const waiting = this.waiters.get(key) ?? 0;
    if (this.waiters.size > WAITERS_MAX) this.waiters.clear();
    this.waiters.set(key, waiting + 1);
    const later = Math.floor(waiting / perTurn) * (this.policy.conversation?.gapMs ?? 0);
    return busyForMs + later + Math.floor(Math.random() * SPREAD_MS);
  }
}
