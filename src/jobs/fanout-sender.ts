import type { Queue } from 'bullmq';
import {
  type ClaimedFanoutItem,
  claimFanoutItem,
  deferFanoutItem,
  type FanoutItem,
  type FanoutJobRef,
  fanoutInsertsSoFar,
  findFanoutJobs,
  findUnsettledFanoutItems,
  markFanoutSettledHookDone,
  pausePace,
  prunePace,
  releaseFanoutItem,
  reservePaceSlot,
  settleFanoutItem,
} from '../db/repositories/fanout.repository';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';
import { SlotSchedule, slotJobId } from './slot-schedule';

/**
 * Bulk Slack sends — copies of an announcement, their updates, chase DMs — at a pace Slack
 * accepts, on a queue and a Web API client of their own so that a big chase never delays anyone's
 * click. A row in `fanout_items` is the truth; a job only carries its id. A worker leases the row,
 * renders it from the current state, waits for its turn (one schedule per Slack method across the
 * workspace and one per channel, kept in PostgreSQL so every replica shares it), sends, and
 * records the outcome. A post carries the item id as message metadata, so an item whose worker
 * died after Slack accepted it is found in the conversation rather than posted twice.
 */
export const FANOUT_QUEUE = 'fanout';

export interface FanoutMessage {
  text: string;
  blocks?: unknown[];
}

export interface FanoutPurpose {
  /** Renders at SEND time from the current state; null = skip the item (retracted, acknowledged meanwhile, …). */
  render(item: FanoutItem): Promise<FanoutMessage | null>;
  /** A permanent Slack error (not_in_channel, channel_not_found, is_archived, …): 'retry' after fixing it, else 'fail'. */
  onPermanentError?(item: FanoutItem, error: string): Promise<'retry' | 'fail'>;
  /** After the item's final state is recorded (sent with channel+ts / failed with reason / skipped). */
  settled?(item: FanoutItem): Promise<void>;
}

export type FanoutSendOutcome =
  | { kind: 'sent'; channel: string | null; ts: string | null }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'permanent'; error: string }
  /** `inDoubt`: Slack may have done it (a timeout, a dropped connection, a 5xx). */
  | { kind: 'transient'; error: string; inDoubt: boolean };

/** The Slack side of the engine (src/slack/fanout-transport.ts). */
export interface FanoutTransport {
  send(item: FanoutItem, message: FanoutMessage): Promise<FanoutSendOutcome>;
  /** For a post in doubt: `sent` with its location when it is already in the conversation, null when not. */
  findEarlier(item: FanoutItem): Promise<FanoutSendOutcome | null>;
}

export interface FanoutOptions {
  /** Ceiling of chat.postMessage calls per second across the workspace (all replicas together). */
  postsPerSecond: number;
  /** Ceiling of chat.update / chat.delete calls per minute (Slack's Tier 3 is 50+). */
  updatesPerMinute: number;
  /** At most one post per channel this often (Slack: about one message per second per channel). */
  channelIntervalMs: number;
  /** Items sent at once by one replica. */
  concurrency: number;
  /** How long a claimed item is invisible to other workers; an item whose worker died is sent again after it. */
  leaseSeconds: number;
  /** Failed attempts (transient errors) before an item is given up as failed. */
  maxAttempts: number;
  reconcileEveryMs: number;
}

export const DEFAULT_FANOUT_OPTIONS: FanoutOptions = {
  // Slack's workspace-wide cap is "several hundred per minute"; 4/s is 240 per minute.
  postsPerSecond: 4,
  updatesPerMinute: 40,
  channelIntervalMs: 1000,
  concurrency: 8,
  leaseSeconds: 60,
  maxAttempts: 5,
  reconcileEveryMs: 30_000,
};

/** A channel booked further ahead than this gives its worker back and comes back later. */
const MAX_CHANNEL_WAIT_MS = 1500;
const MAX_BACKOFF_MS = 5 * 60_000;
const UNKNOWN_PURPOSE_DELAY_MS = 60_000;
const CURSOR_LOOKBACK = 50;

interface FanoutJob {
  itemId: string;
}

const SLACK_METHOD = { post: 'chat.postMessage', update: 'chat.update', delete: 'chat.delete' } as const;
export const fanoutJobId = (ref: { id: string; generation: number }) => `fanout-${ref.id}-${ref.generation}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FanoutSender {
  private readonly queue: Queue<FanoutJob>;
  private readonly purposes = new Map<string, FanoutPurpose>();
  private readonly options: FanoutOptions;
  private kicking: Promise<void> | undefined;
  private kickAgain = false;
  private cursor: number | undefined;
  private reconciliation: SlotSchedule | undefined;
  /** fanoutInsertsSoFar() when the last look began. */
  private insertsSeen = -1;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    options: Partial<FanoutOptions> = {},
  ) {
    this.options = { ...DEFAULT_FANOUT_OPTIONS, ...options };
    this.queue = backend.createQueue<FanoutJob>(FANOUT_QUEUE);
  }

  register(purpose: string, handler: FanoutPurpose): void {
    if (this.purposes.has(purpose)) throw new Error(`fan-out purpose ${purpose} is registered twice`);
    this.purposes.set(purpose, handler);
  }

  /**
   * After inserting items: queues the rows inserted since the last kick. Single-flight, and it
   * looks only past a cursor (stepping back a little, since ids are taken at insert but rows
   * become visible at commit); anything it misses is found by reconciliation.
   */
  kick(): Promise<void> {
    if (this.kicking) {
      this.kickAgain = true;
      return this.kicking;
    }
    // Every interaction kicks (an approval may publish); most committed no item here.
    if (!this.mayHaveNewItems()) return Promise.resolve();
    this.kicking = (async () => {
      try {
        do {
          this.kickAgain = false;
          this.insertsSeen = fanoutInsertsSoFar();
          let rows: FanoutJobRef[];
          do {
            const from =
              this.cursor === undefined ? undefined : String(Math.max(0, this.cursor - CURSOR_LOOKBACK));
            rows = await findFanoutJobs(1000, from);
            await this.enqueue(rows);
            for (const row of rows) this.cursor = Math.max(this.cursor ?? 0, Number(row.id));
            // Looked once from the start: later kicks look past the cursor even while no item
            // exists yet (a kick without a cursor is a full pass, expired leases too, two
            // statements, which is the reconciliation's job).
            this.cursor ??= 0;
          } while (rows.length === 1000);
        } while (this.kickAgain && this.mayHaveNewItems());
      } finally {
        this.kicking = undefined;
      }
    })();
    return this.kicking;
  }

  /** Before the first look, or after this process committed an insert since the last one began. */
  private mayHaveNewItems(): boolean {
    return this.cursor === undefined || fanoutInsertsSoFar() !== this.insertsSeen;
  }

  /**
   * Rebuilds the jobs of every pending item nobody holds (lost with the queue, or left by a dead
   * worker), runs `settled` hooks that did not complete, and forgets idle pace rows.
   */
  async reconcile(): Promise<number> {
    const rows = await findFanoutJobs(1000);
    await this.enqueue(rows);
    for (const item of await findUnsettledFanoutItems()) await this.runSettled(item);
    await prunePace();
    return rows.length;
  }

  start(transport: FanoutTransport): void {
    this.backend.createWorker<FanoutJob>(
      FANOUT_QUEUE,
      async (job) => {
        if (job.name === 'reconcile') {
          await this.reconcile();
          return;
        }
        await this.sendOne(job.data.itemId, transport);
      },
      // Sends wait on their turn, PostgreSQL and Slack, not on CPU.
      { concurrency: this.options.concurrency },
    );
    this.reconciliation = new SlotSchedule(
      {
        queue: this.queue,
        name: 'reconcile',
        data: { itemId: '' },
        jobId: slotJobId('fanout-reconcile', this.options.reconcileEveryMs),
      },
      this.options.reconcileEveryMs / 1000,
      this.logger,
      'fan-out reconciliation',
    );
    this.reconciliation.start();
    // Versions before this one kept the schedule in Redis only; drop it so it does not run twice.
    void this.queue.removeJobScheduler('fanout-reconcile').catch(() => undefined);
  }

  /** Stops this process's reconciliation timer. */
  async stop(): Promise<void> {
    await this.reconciliation?.stop();
  }

  private async enqueue(rows: readonly FanoutJobRef[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      await withTimeout(
        this.queue.addBulk(
          chunk.map((row) => ({
            name: 'send',
            data: { itemId: row.id },
            opts: {
              jobId: fanoutJobId(row),
              priority: row.priority,
              ...(row.delayMs > 0 ? { delay: row.delayMs } : {}),
              attempts: 1,
              removeOnComplete: true,
            },
          })),
        ),
        'the job queue',
        10_000,
      );
    }
  }

  private async sendOne(itemId: string, transport: FanoutTransport): Promise<void> {
    const item = await claimFanoutItem(itemId, this.options.leaseSeconds);
    if (!item) {
      // Not due yet, or held by a worker that may have died: come back when that is over.
      const later = await deferFanoutItem(itemId);
      if (later) await this.enqueue([later]);
      return;
    }
    const handler = this.purposes.get(item.purpose);
    if (!handler) {
      this.logger.error({ itemId, purpose: item.purpose }, 'fan-out item of an unregistered purpose');
      return this.putBack(item, {
        delayMs: UNKNOWN_PURPOSE_DELAY_MS,
        error: `unknown purpose ${item.purpose}`,
      });
    }
    try {
      if (item.inDoubt && item.method === 'post') {
        const earlier = await transport.findEarlier(item);
        if (earlier) return await this.handleOutcome(item, handler, earlier);
      }
      const message = await handler.render(item);
      if (!message) return await this.finish(item, handler, { status: 'skipped' });
      const wait = await this.waitForTurn(item);
      if (wait === 'later') return;
      const outcome = await transport.send(item, message);
      await this.handleOutcome(item, handler, outcome);
    } catch (error) {
      // Our own trouble (rendering, the database): the item is tried again after a backoff.
      this.logger.warn({ err: error, itemId, purpose: item.purpose }, 'fan-out item could not be sent');
      await this.handleOutcome(item, handler, {
        kind: 'transient',
        error: error instanceof Error ? error.message : String(error),
        inDoubt: false,
      });
    }
  }

  /**
   * Books the item's slot on its method's workspace schedule (and, for a post, its channel's),
   * then sleeps until it. A turn further away than the lease comfortably covers gives the item
   * back with a job for that time instead.
   */
  private async waitForTurn(item: ClaimedFanoutItem): Promise<'now' | 'later'> {
    let channelWait = 0;
    if (item.method === 'post') {
      const booked = await reservePaceSlot(
        `c:${item.channel}`,
        this.options.channelIntervalMs,
        MAX_CHANNEL_WAIT_MS,
      );
      if (typeof booked !== 'number') {
        await this.putBack(item, { delayMs: booked.busyForMs });
        return 'later';
      }
      channelWait = booked;
    }
    const interval =
      item.method === 'post' ? 1000 / this.options.postsPerSecond : 60_000 / this.options.updatesPerMinute;
    const methodWait = await reservePaceSlot(`m:${SLACK_METHOD[item.method]}`, interval);
    const wait = Math.max(channelWait, typeof methodWait === 'number' ? methodWait : methodWait.busyForMs);
    if (wait > (this.options.leaseSeconds * 1000) / 3) {
      await this.putBack(item, { delayMs: wait });
      return 'later';
    }
    if (wait > 0) await sleep(wait);
    return 'now';
  }

  private async handleOutcome(
    item: ClaimedFanoutItem,
    handler: FanoutPurpose,
    outcome: FanoutSendOutcome,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'sent':
        return this.finish(item, handler, { status: 'sent', channel: outcome.channel, ts: outcome.ts });
      case 'rate_limited': {
        // Slack said when: this item, and anything else for its channel, waits exactly that. At our
        // own ceiling a one-second refusal is a momentary overshoot (requests reach Slack's sliding
        // window with some jitter), so the workspace schedule goes on; a longer Retry-After means
        // the method's quota is spent, and every replica waits it out.
        const keys = [
          ...(item.method === 'post' ? [`c:${item.channel}`] : []),
          ...(outcome.retryAfterSeconds > 1 ? [`m:${SLACK_METHOD[item.method]}`] : []),
        ];
        if (keys.length > 0) await pausePace(keys, outcome.retryAfterSeconds);
        return this.putBack(item, { delayMs: outcome.retryAfterSeconds * 1000, error: 'ratelimited' });
      }
      case 'permanent': {
        const decision = (await handler.onPermanentError?.(item, outcome.error)) ?? 'fail';
        if (decision === 'retry' && item.attempts + 1 < this.options.maxAttempts) {
          return this.putBack(item, { delayMs: 1000, error: outcome.error, countAttempt: true });
        }
        return this.finish(item, handler, { status: 'failed', error: outcome.error });
      }
      case 'transient': {
        if (item.attempts + 1 >= this.options.maxAttempts) {
          return this.finish(item, handler, { status: 'failed', error: outcome.error });
        }
        const delayMs = Math.min(1000 * 2 ** (item.attempts + 1), MAX_BACKOFF_MS);
        return this.putBack(item, {
          delayMs,
          error: outcome.error,
          countAttempt: true,
          inDoubt: outcome.inDoubt && item.method === 'post',
        });
      }
    }
  }

  private async putBack(
    item: ClaimedFanoutItem,
    options: { delayMs: number; error?: string; countAttempt?: boolean; inDoubt?: boolean },
  ): Promise<void> {
    const ref = await releaseFanoutItem(item.id, options);
    if (ref) await this.enqueue([ref]);
  }

  private async finish(
    item: ClaimedFanoutItem,
    handler: FanoutPurpose,
    outcome: Parameters<typeof settleFanoutItem>[1],
  ): Promise<void> {
    const settled = await settleFanoutItem(item.id, outcome);
    if (!settled) return;
    if (outcome.status === 'failed') {
      this.logger.warn(
        { itemId: item.id, purpose: item.purpose, error: outcome.error },
        'fan-out item failed',
      );
    }
    await this.runSettled(settled, handler);
  }

  /** A hook that fails is run again by the next reconciliation (its item stays unsettled). */
  private async runSettled(item: FanoutItem, handler = this.purposes.get(item.purpose)): Promise<void> {
    if (!handler) return;
    try {
      await handler.settled?.(item);
      await markFanoutSettledHookDone(item.id);
    } catch (error) {
      this.logger.warn({ err: error, itemId: item.id, purpose: item.purpose }, 'fan-out settled hook failed');
    }
  }
}
