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
  releaseFanoutItem,
  settleFanoutItem,
} from '../db/repositories/fanout.repository';
import { type QueueBackend, withTimeout } from '../jobs/queue-backend';
import type { SlotSchedule } from '../jobs/slot-schedule';
import type { Logger } from '../logger';
import { backoffMs, IdCursor, KickLoop, startCourierWorker } from './courier-loops';
import { postgresPaceBook } from './pace-books';
import { type PacedCall, Pacer } from './pacer';

/**
 * Bulk Slack sends — copies of an announcement, their updates, chase DMs — at a pace Slack
 * accepts, on a queue and a Web API client of their own so that a big chase never delays anyone's
 * click. A row in `fanout_items` is the truth; a job only carries its id. A worker leases the row,
 * renders it from the current state, waits for its turn (the Pacer's two policies, one schedule
 * per Slack method across the workspace and one per channel, kept in PostgreSQL so every replica
 * shares it), sends, and
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
const UNKNOWN_PURPOSE_DELAY_MS = 60_000;

interface FanoutJob {
  itemId: string;
}

const SLACK_METHOD = { post: 'chat.postMessage', update: 'chat.update', delete: 'chat.delete' } as const;
/** What an item's send is to the Pacer: its method, and its channel when it posts. */
const pacedCall = (item: ClaimedFanoutItem): PacedCall => ({
  conversation: item.method === 'post' ? item.channel : undefined,
  method: SLACK_METHOD[item.method],
});
export const fanoutJobId = (ref: { id: string; generation: number }) => `fanout-${ref.id}-${ref.generation}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FanoutSender {
  private readonly queue: Queue<FanoutJob>;
  private readonly purposes = new Map<string, FanoutPurpose>();
  private readonly options: FanoutOptions;
  private readonly pacer: Pacer;
  // Every interaction kicks (an approval may publish); most committed no item here.
  private readonly kicks = new KickLoop(
    () => this.kickPass(),
    () => this.mayHaveNewItems(),
  );
  private readonly cursor = new IdCursor();
  private reconciliation: SlotSchedule | undefined;
  /** fanoutInsertsSoFar() when the last look began. */
  private insertsSeen = -1;
  private readonly givenUp: Array<(item: { id: string; purpose: string; error: string }) => void> = [];

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    options: Partial<FanoutOptions> = {},
  ) {
    this.options = { ...DEFAULT_FANOUT_OPTIONS, ...options };
    const { channelIntervalMs, postsPerSecond, updatesPerMinute } = this.options;
    this.pacer = new Pacer(postgresPaceBook(), {
      conversation: { gapMs: channelIntervalMs, maxWaitMs: MAX_CHANNEL_WAIT_MS },
      methods: {
        'chat.postMessage': 1000 / postsPerSecond,
        'chat.update': 60_000 / updatesPerMinute,
        'chat.delete': 60_000 / updatesPerMinute,
      },
    });
    this.queue = backend.createQueue<FanoutJob>(FANOUT_QUEUE);
  }

  /** Told of every item given up as failed (the maintenance log records it). */
  onGivenUp(listener: (item: { id: string; purpose: string; error: string }) => void): void {
    this.givenUp.push(listener);
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
    return this.kicks.kick();
  }

  private async kickPass(): Promise<void> {
    this.insertsSeen = fanoutInsertsSoFar();
    let rows: FanoutJobRef[];
    do {
      rows = await findFanoutJobs(1000, this.cursor.from());
      await this.enqueue(rows);
      this.cursor.saw(rows);
      // Looked once from the start: later kicks look past the cursor even while no item exists
      // yet (a kick without a cursor is a full pass, expired leases too, two statements, which is
      // the reconciliation's job).
      this.cursor.startIfUnset();
    } while (rows.length === 1000);
  }

  /** Before the first look, or after this process committed an insert since the last one began. */
  private mayHaveNewItems(): boolean {
    return !this.cursor.started || fanoutInsertsSoFar() !== this.insertsSeen;
  }

  /**
   * Rebuilds the jobs of every pending item nobody holds (lost with the queue, or left by a dead
   * worker), runs `settled` hooks that did not complete, and forgets idle pace rows.
   */
  async reconcile(): Promise<number> {
    const rows = await findFanoutJobs(1000);
    await this.enqueue(rows);
    for (const item of await findUnsettledFanoutItems()) await this.runSettled(item);
    await this.pacer.prune();
    return rows.length;
  }

  start(transport: FanoutTransport): void {
    this.reconciliation = startCourierWorker<FanoutJob>({
      backend: this.backend,
      queue: this.queue,
      name: FANOUT_QUEUE,
      concurrency: this.options.concurrency,
      send: (job) => this.sendOne(job.data.itemId, transport),
      reconcile: () => this.reconcile(),
      reconcileData: { itemId: '' },
      reconcileEveryMs: this.options.reconcileEveryMs,
      logger: this.logger,
      what: 'fan-out reconciliation',
    });
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
   * Books the item's turn (see Pacer: its channel's for a post, then its method's), then sleeps
   * until it. A channel booked too far ahead, or a turn further away than the lease comfortably
   * covers, gives the item back with a job for that time instead.
   */
  private async waitForTurn(item: ClaimedFanoutItem): Promise<'now' | 'later'> {
    const turn = await this.pacer.turn(pacedCall(item));
    if ('laterMs' in turn) {
      await this.putBack(item, { delayMs: turn.laterMs });
      return 'later';
    }
    const wait = turn.waitMs;
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
        // Slack said when: this item, and anything else for its channel (and, past a second, its
        // method), waits exactly that, on every replica.
        await this.pacer.rateLimited(pacedCall(item), outcome.retryAfterSeconds);
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
        const delayMs = backoffMs(item.attempts + 1);
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
      for (const listener of this.givenUp)
        listener({ id: item.id, purpose: item.purpose, error: outcome.error ?? 'failed' });
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
