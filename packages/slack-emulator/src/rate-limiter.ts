/**
 * Per-method rate limits with a sliding window, as Slack applies them per app and workspace.
 * Off unless a test turns them on: most tests want speed, a few want to see 429s.
 */

export interface RateLimitRule {
  /** Calls allowed within `windowMs`. */
  limit: number;
  windowMs: number;
  /** `channel`: counted per `channel` argument, as Slack limits chat.postMessage. Default `method`. */
  per?: 'method' | 'channel';
}

export type RateLimitTable = Record<string, RateLimitRule | RateLimitRule[]>;

const MINUTE = 60_000;
const TIER_2: RateLimitRule = { limit: 20, windowMs: MINUTE };
const TIER_3: RateLimitRule = { limit: 50, windowMs: MINUTE };
const TIER_4: RateLimitRule = { limit: 100, windowMs: MINUTE };

/** Slack's published tiers (docs/slack-platform.md), at their lower bound. */
export const SLACK_RATE_LIMITS: RateLimitTable = {
  // "About one message per second per channel, short bursts allowed", and a workspace-wide cap.
  'chat.postMessage': [
    { limit: 3, windowMs: 3000, per: 'channel' },
    { limit: 300, windowMs: MINUTE },
  ],
  'chat.update': TIER_3,
  'chat.delete': TIER_3,
  'conversations.open': TIER_3,
  'conversations.info': TIER_3,
  'conversations.join': TIER_3,
  'users.lookupByEmail': TIER_3,
  'chat.postEphemeral': TIER_4,
  'conversations.members': TIER_4,
  'users.info': TIER_4,
  'views.open': TIER_4,
  'views.push': TIER_4,
  'views.update': TIER_4,
  'views.publish': TIER_4,
  'files.getUploadURLExternal': TIER_4,
  'files.completeUploadExternal': TIER_4,
  'files.info': TIER_4,
  'conversations.list': TIER_2,
  'conversations.history': TIER_3,
  'users.list': TIER_2,
  'users.conversations': TIER_3,
};

export class RateLimiter {
  private table: RateLimitTable | undefined;
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly clock: () => number) {}

  /** Turns limits on; `overrides` replace the default rule of the methods they name. */
  enable(overrides: RateLimitTable = {}): void {
    this.table = { ...SLACK_RATE_LIMITS, ...overrides };
    this.hits.clear();
  }

  disable(): void {
    this.table = undefined;
    this.hits.clear();
  }

  get enabled(): boolean {
    return this.table !== undefined;
  }

  /**
   * Counts a call. Returns the seconds to wait (Slack's `Retry-After`) when it is over a limit,
   * in which case it is not counted.
   */
  take(method: string, channel: string | undefined): number | undefined {
    const entry = this.table?.[method];
    if (!entry) return undefined;
    const rules = Array.isArray(entry) ? entry : [entry];
    const now = this.clock();
    const windows = rules.map((rule, i) => {
      const key = `${method}#${i}#${rule.per === 'channel' ? (channel ?? '') : ''}`;
      const recent = (this.hits.get(key) ?? []).filter((t) => t > now - rule.windowMs);
      this.hits.set(key, recent);
      return { rule, key, recent };
    });
    let retryAfterMs = 0;
    for (const { rule, recent } of windows) {
      if (recent.length >= rule.limit) {
        const oldest = recent[0];
        retryAfterMs = Math.max(
          retryAfterMs,
          oldest === undefined ? rule.windowMs : oldest + rule.windowMs - now,
        );
      }
    }
    if (retryAfterMs > 0) return Math.max(1, Math.ceil(retryAfterMs / 1000));
    for (const { recent } of windows) recent.push(now);
    return undefined;
  }
}
