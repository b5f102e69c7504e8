import type { Queue } from 'bullmq';
import {
  claimOutboxById,
  claimWaitingNotices,
  findUndeliveredOutboxIds,
  markNoticesDelivered,
  markOutboxDelivered,
  markOutboxFailed,
  markOutboxUndeliverable,
  releaseOutboxLease,
  returnUntriedOutbox,
  type UndeliveredOutbox,
} from '../db/repositories/workflows-outbox.repository';
import type { OutboxKind } from '../domain/workflows/model';
import type { OutboxMessage } from '../domain/workflows/outbox-types';
import type { TaskView } from '../domain/workflows/view-types';
import { type QueueBackend, withTimeout } from '../jobs/queue-backend';
import type { SlotSchedule } from '../jobs/slot-schedule';
import type { Logger } from '../logger';
import { AfterDelivery, type DeliveredListener } from './after-delivery';
import { backoffMs, IdCursor, KickLoop, startCourierWorker } from './courier-loops';
import { memoryPaceBook } from './pace-books';
import { Pacer } from './pacer';
import { RecentIds } from './recent-ids';

/**
 * Delivers the outbox. The outbox row, written in the transaction of the change, is the promise;
 * a job is only its courier. Jobs carry the row id and its attempt count (so a retry is a new job
 * id), the row is leased while it is delivered so two workers never send it at once, and a
 * reconciliation pass re-enqueues whatever is still undelivered after a crash or a queue outage.
 */
export const OUTBOX_QUEUE = 'outbox';
const RECONCILE_EVERY_MS = 30_000;
/** Slack takes about one message per second in a conversation. */
const CONVERSATION_GAP_MS = 1_000;

/**
 * What people wait for goes first when a backlog builds: the card an approver just clicked and
 * the card of the next approver, then the requester's tracking card, then messages and FYIs.
 * (BullMQ: a lower number is a higher priority.)
 */
const OUTBOX_PRIORITY: Record<OutboxKind, number> = {
  task_decided: 1,
  task_superseded: 1,
  task_assigned: 2,
  request_updated: 3,
  task_reminder: 4,
  task_escalated: 4,
  request_decided: 5,
  task_delegated: 5,
  daily_digest: 6,
  weekly_summary: 6,
  comment_added: 5,
  cc_notified: 6,
};

/**
 * Plain notices (an outcome, an FYI, a comment) that may go out as one message when several wait
 * for the same person: a burst of decisions reaches a requester or a CC'd head of HR as one
 * message instead of one per second (Slack's pace in a conversation). Cards are never merged.
 */
export const NOTICE_KINDS: ReadonlySet<OutboxKind> = new Set<OutboxKind>([
  'request_decided',
  'cc_notified',
  'comment_added',
]);
/** Most notices in one merged message (each is a sentence or a comment of at most 3,000 characters). */
const NOTICE_GROUP_MAX = 10;

export interface OutboxJob {
  outboxId: string;
  /**
   * A notice's (NOTICE_KINDS) kind and recipient: the conversation's turn is checked before the
   * row is claimed, so a notice that must wait costs no statement. Every job this version adds
   * carries it; a notice's job queued by an earlier version has only the id and is paced after
   * its claim.
   */
  notice?: { kind: OutboxKind; to: string };
}

/** A notice's job, which can wait for its conversation's turn (see postpone). */
type NoticeJob = Required<OutboxJob>;

/** A job's data for a row: notices name their recipient (see OutboxJob). */
const jobData = (row: { id: string; kind: OutboxKind; recipientSlackId: string }): OutboxJob =>
  NOTICE_KINDS.has(row.kind)
    ? { outboxId: row.id, notice: { kind: row.kind, to: row.recipientSlackId } }
    : { outboxId: row.id };

export type CardLocation = { channel?: string; ts?: string };

/** Thrown by a courier's deliver function when the far side asks to be called again later. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}
/**
 * Thrown by a courier's deliver function when the far side refused in a way the same call will
 * meet again (the recipient gone, the app's token revoked): the row is settled, not retried.
 */
export class UndeliverableError extends Error {
  constructor(readonly code: string) {
    super(`undeliverable: ${code}`);
    this.name = 'UndeliverableError';
  }
}
export type DeliverOutbox = (message: OutboxMessage) => Promise<CardLocation>;
/** Posts several notices for one recipient as one message (see NOTICE_KINDS). */
export type DeliverNotices = (group: readonly OutboxMessage[]) => Promise<void>;
/** A card message, as the Slack side renders it. */
export interface CardMessage {
  text: string;
  blocks: unknown[];
}
/** Replaces the message a click came from through the click's response_url (the Slack side). */
/** The Slack side of `deliverVia`: the task as its card shows it, and the response_url reply. */
export interface ClickedCardSide {
  readTask(taskId: number): Promise<TaskView>;
  replace(responseUrl: string, message: CardMessage): Promise<void>;
}

/**
 * The card an Approve click came from, whose `task_decided` row the decision wrote leased to the
 * click (`cardUpdateRowId`): see deliverVia.
 */
export interface ClickedCard {
  id: string;
  taskId: number;
  /** The clicked message: it is replaced only while it is still the task's card. */
  ts: string | undefined;
  /** The card as it stands, in the clicker's language and time zone. */
  render(task: TaskView): CardMessage;
}
/** Told the outcome of every delivery attempt (metrics): ok, ok after failures, or failed. */
export type ObserveDelivery = (
  kind: OutboxKind,
  outcome: 'ok' | 'retried' | 'failed' | 'undeliverable',
) => void;

/**
 * Job options of a delivery. Failures of Slack are retried by the courier itself (a new job per
 * attempt, see deliverOne); the queue's own retries only cover an error that escapes it — the
 * database away while the row is claimed or marked — so a short outage does not strand the row.
 */
const DELIVERY_JOB = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
} as const;

export const outboxJobId = (outboxId: string, attempts: number) => `outbox-${outboxId}-${attempts}`;

/** What `start` is given: the Slack side of delivery. */
interface Deliverers {
  deliver: DeliverOutbox;
  notices?: DeliverNotices | undefined;
  clickedCard?: ClickedCardSide | undefined;
}

export class OutboxCourier {
  private readonly queue: Queue<OutboxJob>;
  private readonly kicks = new KickLoop(() => this.kickPass());
  private readonly cursor = new IdCursor();
  /**
   * Notices take turns per conversation, in this process: a notice's turn is asked for before its
   * row is claimed, so a wait costs no statement (see Pacer).
   */
  private readonly pacer = new Pacer(memoryPaceBook(), {
    conversation: { gapMs: CONVERSATION_GAP_MS, maxWaitMs: 0, perTurn: NOTICE_GROUP_MAX },
  });
  /** Rows this process delivered as companions of a merged post (ids only; see deliverOne). */
  private readonly delivered = new RecentIds(10_000);
  /** What `start` was given: this process delivers, and may deliver its own rows at once. */
  private deliverers: Deliverers | undefined;
  /** Rows being delivered by `dispatch`, outside the queue. */
  private deliveringNow = 0;
  private reconciliation: SlotSchedule | undefined;
  private readonly afterDelivery: AfterDelivery;
  private readonly givenUp: Array<(row: { id: string; kind: OutboxKind; error: string }) => void> = [];

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly observe: ObserveDelivery = () => undefined,
    /** Deliveries in flight (a test may want them one at a time, in priority order). */
    private readonly concurrency = 16,
    /** Time between reconciliation passes (a test may want them often). */
    private readonly reconcileEveryMs = RECONCILE_EVERY_MS,
  ) {
    this.queue = backend.createQueue<OutboxJob>(OUTBOX_QUEUE);
    this.afterDelivery = new AfterDelivery(logger);
  }

  /**
   * "After delivery": called for every row once it is marked delivered, whoever delivered it (this
   * courier, or the clicked card's response_url through `deliverVia`).
   */
  onDelivered(listener: DeliveredListener): void {
    this.afterDelivery.subscribe(listener);
  }

  /** Told of every row Slack refused for good (the maintenance log records it). */
  onGivenUp(listener: (row: { id: string; kind: OutboxKind; error: string }) => void): void {
    this.givenUp.push(listener);
  }

  /**
   * After an Approve click has committed, the card the approver clicked is replaced at once
   * through the click's `response_url` (replace_original) instead of waiting its turn in the
   * outbox: the person who just clicked sees the outcome first, and a response_url does not count
   * against chat.update's Tier 3 limit. The card's row was written leased to the click, so exactly
   * one of this and the courier makes the update: true when this did. A clicked message that is
   * no longer the card, or no Slack side here to send through, hands the row back to the courier;
   * a failure does too, after the row's backoff (the next reconciliation takes it).
   */
  async deliverVia(row: ClickedCard, responseUrl: string): Promise<boolean> {
    try {
      const side = this.deliverers?.clickedCard;
      const task = side ? await side.readTask(row.taskId) : undefined;
      if (!side || !task?.card || task.card.ts !== row.ts) {
        await releaseOutboxLease(row.id);
        return false;
      }
      await side.replace(responseUrl, row.render(task));
      await markOutboxDelivered(row.id);
      this.afterDelivery.announce([{ kind: 'task_decided', taskId: row.taskId }]);
      return true;
    } catch (error) {
      this.logger.warn(
        { err: error, taskId: row.taskId },
        'could not update the clicked card; the outbox will',
      );
      await markOutboxFailed(row.id, error instanceof Error ? error.message : String(error)).catch(
        () => undefined,
      );
      return false;
    }
  }

  /**
   * After a change: enqueues the rows written since the last kick (single-flight, past a cursor:
   * see KickLoop and IdCursor).
   */
  kick(): Promise<void> {
    return this.kicks.kick();
  }

  private async kickPass(): Promise<void> {
    const rows = await findUndeliveredOutboxIds(1000, this.cursor.from());
    await this.dispatch(rows);
    this.cursor.saw(rows);
  }

  /** Every undelivered row, whatever the cursor says: after a crash, a restart or a queue outage. */
  async reconcile(): Promise<number> {
    const rows = await findUndeliveredOutboxIds();
    await this.enqueue(rows);
    await this.retryStranded(rows);
    return rows.length;
  }

  /**
   * A delivery job whose every attempt failed (the database away throughout) is kept for
   * inspection, and while it is kept its id blocks the re-enqueue above: the row would wait for
   * the failed job to be trimmed. Such a job, for a row still undelivered, is retried instead.
   */
  private async retryStranded(rows: { id: string; attempts: number }[]): Promise<void> {
    if (rows.length === 0) return;
    const wanted = new Set(rows.map((row) => outboxJobId(row.id, row.attempts)));
    const failed = await this.queue.getFailed(0, 999);
    await Promise.all(
      failed
        .filter((job) => job.name === 'deliver' && job.id !== undefined && wanted.has(job.id))
        .map((job) =>
          job
            .retry('failed')
            .catch((error: unknown) =>
              this.logger.warn({ err: error, jobId: job.id }, 'could not retry a delivery'),
            ),
        ),
    );
  }

  /**
   * The rows a kick found are delivered here at once while this process has free delivery slots
   * (as many as its worker's): a job costs several Redis round trips to add, fetch and complete,
   * about a tenth of the work of a decision. The rest, and every row when this process runs no
   * courier, go through the queue, as does every retry and every wait for a conversation's turn.
   * A delivery that fails where the courier does not handle it (the database away while the row
   * is claimed or marked) is handed to the queue, whose attempts then cover it, as for a job.
   */
  private async dispatch(rows: UndeliveredOutbox[]): Promise<void> {
    const deliverers = this.deliverers;
    if (!deliverers) return this.enqueue(rows);
    const free = Math.max(0, this.concurrency - this.deliveringNow);
    for (const row of rows.slice(0, free)) {
      this.deliveringNow += 1;
      // Under the id its job would have had, which a wait for the conversation's turn continues.
      const jobId = outboxJobId(row.id, row.attempts);
      void this.deliverOne(jobData(row), deliverers.deliver, deliverers.notices, jobId)
        .catch((error: unknown) => {
          this.logger.warn({ err: error, outboxId: row.id }, 'outbox delivery failed; queued');
          return this.enqueue([row]);
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, outboxId: row.id }, 'could not queue an outbox delivery'),
        )
        .finally(() => {
          this.deliveringNow -= 1;
        });
    }
    await this.enqueue(rows.slice(free));
  }

  private async enqueue(rows: UndeliveredOutbox[]): Promise<void> {
    if (rows.length === 0) return;
    // One round trip for the lot: a click's rows are added together, not one call each.
    await withTimeout(
      this.queue.addBulk(
        rows.map((row) => ({
          name: 'deliver',
          data: jobData(row),
          opts: {
            ...DELIVERY_JOB,
            jobId: outboxJobId(row.id, row.attempts),
            priority: OUTBOX_PRIORITY[row.kind],
          },
        })),
      ),
      'the job queue',
      5000,
    );
  }

  /**
   * Without `notices`, every row is delivered on its own; without `clickedCard`, clicked cards
   * are left to the queue.
   */
  start(deliver: DeliverOutbox, notices?: DeliverNotices, clickedCard?: ClickedCardSide): void {
    this.deliverers = { deliver, notices, clickedCard };
    this.reconciliation = startCourierWorker<OutboxJob>({
      backend: this.backend,
      queue: this.queue,
      name: OUTBOX_QUEUE,
      // Cards render the current state, so the order in which rows of one request are delivered
      // does not matter.
      concurrency: this.concurrency,
      send: (job) => this.deliverOne(job.data, deliver, notices, job.id),
      reconcile: () => this.reconcile(),
      reconcileData: { outboxId: '' },
      reconcileEveryMs: this.reconcileEveryMs,
      logger: this.logger,
      what: 'outbox reconciliation',
    });
    // At once, outside the queue: a restart takes over the rows its dead predecessor held even
    // when the current slot's reconciliation ran before the crash.
    void this.reconcile().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'could not reconcile the outbox at start'),
    );
  }

  /** Stops this process's reconciliation timer (deliveries in flight: see settle). */
  async stop(): Promise<void> {
    await this.reconciliation?.stop();
  }

  private async deliverOne(
    job: OutboxJob,
    deliver: DeliverOutbox,
    notices?: DeliverNotices,
    jobId?: string,
  ): Promise<void> {
    const { outboxId, notice } = job;
    // A row carried by another row's merged post: its own job has nothing left to do.
    if (this.delivered.has(outboxId)) return;
    // A notice whose conversation is busy waits for its turn without touching its row.
    const turnTaken = notices !== undefined && notice !== undefined;
    if (turnTaken) {
      const wait = await this.turnOf(notice.to);
      if (wait > 0) return this.postpone({ outboxId, notice }, wait, jobId);
    }
    const message = await claimOutboxById(outboxId);
    if (!message) {
      // Delivered already, or another worker holds it: the turn taken above was not used.
      if (turnTaken) await this.pacer.giveBack(notice.to);
      return;
    }
    const merging = notices !== undefined && NOTICE_KINDS.has(message.kind);
    if (merging && !turnTaken) {
      const wait = await this.turnOf(message.recipientSlackId);
      if (wait > 0) {
        await returnUntriedOutbox(message.id);
        return this.postpone(
          { outboxId, notice: { kind: message.kind, to: message.recipientSlackId } },
          wait,
          jobId,
        );
      }
    }
    // Other notices waiting for the same person ride along; their own jobs then find them done.
    const group = merging
      ? [message, ...(await claimWaitingNotices(message, [...NOTICE_KINDS], NOTICE_GROUP_MAX - 1))]
      : [message];
    try {
      let card: CardLocation = {};
      if (group.length > 1 && notices) await notices(group);
      else card = await deliver(message);
      if (merging) await this.pacer.posted(message.recipientSlackId);
      if (group.length > 1) {
        // A merged post records no card: the rows it carried are marked together.
        await markNoticesDelivered(group.map((row) => row.id));
        this.delivered.add(group.slice(1).map((row) => row.id));
      } else await markOutboxDelivered(outboxId, card);
      this.afterDelivery.announce(group);
      // The claim counted this attempt: more than one means earlier ones failed.
      for (const row of group) this.observe(row.kind, row.attempts > 1 ? 'retried' : 'ok');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof UndeliverableError) {
        this.logger.error(
          { outboxId, kind: message.kind, rows: group.length, code: error.code },
          'outbox delivery refused for good; not retried',
        );
        for (const row of group) {
          this.observe(row.kind, 'undeliverable');
          await markOutboxUndeliverable(row.id, reason);
          for (const listener of this.givenUp) listener({ id: row.id, kind: row.kind, error: reason });
        }
        return;
      }
      const retryAfter = error instanceof RetryLaterError ? error.retryAfterSeconds : 0;
      this.logger.warn(
        { err: error, outboxId, kind: message.kind, rows: group.length, attempts: message.attempts + 1 },
        'outbox delivery failed; will retry',
      );
      if (merging && retryAfter > 0)
        await this.pacer.rateLimited({ conversation: message.recipientSlackId }, retryAfter);
      for (const row of group) {
        this.observe(row.kind, 'failed');
        await markOutboxFailed(row.id, reason, retryAfter);
        // Named by the attempts the row now records, as the reconciliation names the job it
        // would add for this row: that one then joins this retry instead of waking beside it.
        // It fires a little after the row's own backoff (2^attempts s) runs out.
        await this.queue.add('deliver', jobData(row), {
          ...DELIVERY_JOB,
          jobId: outboxJobId(row.id, row.attempts),
          delay: retryAfter > 0 ? retryAfter * 1000 : backoffMs(row.attempts + 1),
          priority: OUTBOX_PRIORITY[row.kind],
        });
      }
    }
  }

  /** 0 when a notice to `to` may go now (its turn is then booked), else how long to wait. */
  private async turnOf(to: string): Promise<number> {
    const turn = await this.pacer.turn({ conversation: to });
    return 'laterMs' in turn ? turn.laterMs : turn.waitMs;
  }

  /**
   * Back to the queue until the conversation's turn, as the same attempt (see Pacer).
   * The job that waits takes one of two ids per attempt, never the id of the job running now
   * (which holds it until it completes): a row waiting through several turns keeps one job, and
   * a job the reconciliation adds meanwhile joins it instead of starting a second line of waits.
   * The attempt is the one in the running job's id (a waiting job's id is that plus `-w1`/`-w2`).
   */
  private async postpone(job: NoticeJob, waitMs: number, currentJobId?: string): Promise<void> {
    const attempt = (currentJobId ?? outboxJobId(job.outboxId, 0)).replace(/-w[12]$/, '');
    const jobId = currentJobId === `${attempt}-w1` ? `${attempt}-w2` : `${attempt}-w1`;
    await this.queue.add(
      'deliver',
      job,
      // Removed even when it fails (the database away): a kept failed job would hold its id, and
      // a later wait of this attempt could not be added under it.
      {
        ...DELIVERY_JOB,
        removeOnFail: true,
        jobId,
        delay: waitMs,
        priority: OUTBOX_PRIORITY[job.notice.kind],
      },
    );
  }

  /** On shutdown, before the queue and the database close: lets deliveries begun by `dispatch` end. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.deliveringNow > 0 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 25));
  }

  counts() {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}
