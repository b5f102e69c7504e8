/**
 * Slack takes about one message per second in a conversation (chat.postMessage answers 429 with
 * Retry-After past a short burst). When many notices wait for one person, their delivery jobs
 * wake together; without pacing, all but one of their posts fail, each failure costs an attempt
 * and a growing backoff, and after a 429 the whole herd wakes again at the same moment. The pacer
 * gives one post per conversation per gap: a job that finds the conversation busy is put back
 * until a later turn, without trying Slack and without counting an attempt.
 *
 * Waiters are spread over the coming turns, `perTurn` to a turn (one post carries up to that many
 * rows), so a backlog of N rows wakes about `perTurn` jobs a turn rather than all N every turn.
 *
 * In-process: replicas each pace their own jobs (a herd is then at most one post per replica).
 */
const CONVERSATION_GAP_MS = 1_000;
/** Jobs put back to the same turn are spread a little, so they do not all wake at one instant. */
const SPREAD_MS = 250;

interface Turns {
  /** When the next post may go. */
  freeAt: number;
  /** Jobs put back since the last post went: they are spread over the coming turns. */
  waiting: number;
}

export class ConversationPacer {
  private readonly turns = new Map<string, Turns>();

  constructor(
    /** Rows one post carries: that many waiters share a turn. */
    private readonly perTurn: number,
    private readonly gapMs = CONVERSATION_GAP_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * 0 when a post to `conversation` may go now (the turn is then taken), else how long to wait.
   */
  take(conversation: string): number {
    const now = this.clock();
    const turns = this.turns.get(conversation);
    if (!turns || turns.freeAt <= now) {
      this.turns.set(conversation, { freeAt: now + this.gapMs, waiting: 0 });
      if (this.turns.size > 10_000) this.forgetPast(now);
      return 0;
    }
    const later = Math.floor(turns.waiting / this.perTurn) * this.gapMs;
    turns.waiting += 1;
    return turns.freeAt - now + later + Math.floor(Math.random() * SPREAD_MS);
  }

  /**
   * The turn `take` gave was not used (the row was delivered meanwhile): the next post may go now.
   * Only while nothing was posted since: a post holds its own gap.
   */
  giveBack(conversation: string): void {
    const turns = this.turns.get(conversation);
    if (turns && turns.waiting === 0) this.turns.delete(conversation);
  }

  /**
   * A post to `conversation` has just gone: the gap counts from here, not from when its turn was
   * taken (preparing a merged post may read the history first).
   */
  posted(conversation: string): void {
    this.hold(conversation, this.gapMs);
  }

  /** Slack asked to wait (Retry-After): no post to `conversation` before then. */
  pause(conversation: string, ms: number): void {
    this.hold(conversation, ms);
  }

  private hold(conversation: string, ms: number): void {
    const until = this.clock() + ms;
    const turns = this.turns.get(conversation);
    if (turns) turns.freeAt = Math.max(turns.freeAt, until);
    else this.turns.set(conversation, { freeAt: until, waiting: 0 });
  }

  private forgetPast(now: number): void {
    for (const [conversation, turns] of this.turns) if (turns.freeAt <= now) this.turns.delete(conversation);
  }
}
