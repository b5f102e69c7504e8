/**
 * Slack takes about one message per second in a conversation (chat.postMessage answers 429 with
 * Retry-After past a short burst). When many notices wait for one person, their delivery jobs
 * wake together; without pacing, all but one of their posts fail, each failure costs an attempt
 * and a growing backoff, and after a 429 the whole herd wakes again at the same moment. The pacer
 * gives one post per conversation per gap: a job that finds the conversation busy is put back
 * until its turn, without trying Slack and without counting an attempt.
 *
 * In-process: replicas each pace their own jobs (a herd is then at most one post per replica).
 */
export const CONVERSATION_GAP_MS = 1_000;
/** Jobs put back to the same moment are spread a little, so they do not all wake together. */
const SPREAD_MS = 250;

export class ConversationPacer {
  private readonly nextFreeAt = new Map<string, number>();

  constructor(
    private readonly gapMs = CONVERSATION_GAP_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * 0 when a post to `conversation` may go now (the turn is then taken), else how long to wait.
   */
  take(conversation: string): number {
    const now = this.clock();
    const free = this.nextFreeAt.get(conversation) ?? 0;
    if (free > now) return free - now + Math.floor(Math.random() * SPREAD_MS);
    this.nextFreeAt.set(conversation, now + this.gapMs);
    if (this.nextFreeAt.size > 10_000) this.forgetPast(now);
    return 0;
  }

  /** Slack asked to wait (Retry-After): no post to `conversation` before then. */
  pause(conversation: string, ms: number): void {
    const until = this.clock() + ms;
    this.nextFreeAt.set(conversation, Math.max(until, this.nextFreeAt.get(conversation) ?? 0));
  }

  private forgetPast(now: number): void {
    for (const [conversation, free] of this.nextFreeAt) if (free <= now) this.nextFreeAt.delete(conversation);
  }
}
