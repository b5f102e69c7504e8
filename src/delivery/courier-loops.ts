import type { Job, Queue } from 'bullmq';
import type { QueueBackend } from '../jobs/queue-backend';
import { SlotSchedule, slotJobId } from '../jobs/slot-schedule';
import type { Logger } from '../logger';

/**
 * What both couriers (the outbox, the fan-out) do around their sends: a kick after a change that
 * looks only past an id cursor, a periodic reconciliation that finds whatever a kick missed, and
 * the backoff of a retry.
 */

const MAX_BACKOFF_MS = 5 * 60_000;
/** How far a look steps back before the cursor (see IdCursor). */
const CURSOR_LOOKBACK = 50;

/** Wait before the retry that follows `attempts` failed attempts: 2^n s, at most 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, MAX_BACKOFF_MS);

/**
 * Single-flight kicks: a kick asked for while one runs becomes one more run of `pass`, so a burst
 * of clicks costs work in proportion to the new rows, not to the kicks. `wanted` may say there is
 * nothing to look for (checked before a run and before running again).
 */
export class KickLoop {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly wanted: () => boolean = () => true,
  ) {}

  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (!this.wanted()) return Promise.resolve();
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && this.wanted());
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}

/**
 * The highest row id a kick has seen. A look starts a little before it, because ids are taken at
 * insert but rows become visible at commit; a row committed later than that is found by the
 * reconciliation pass.
 */
export class IdCursor {
  private highest: number | undefined;

  /** Undefined before the first look: look from the start. */
  from(): string | undefined {
    return this.highest === undefined ? undefined : String(Math.max(0, this.highest - CURSOR_LOOKBACK));
  }

  get started(): boolean {
    return this.highest !== undefined;
  }

  /** After a look: the highest id it found. */
  saw(rows: readonly { id: string }[]): void {
    for (const row of rows) this.highest = Math.max(this.highest ?? 0, Number(row.id));
  }

  /** Later looks go past the cursor even when no row was found yet (the caller's choice). */
  startIfUnset(): void {
    this.highest ??= 0;
  }
}

export interface CourierWorker<Data> {
  backend: QueueBackend;
  queue: Queue<Data>;
  /** The queue's name; `<name>-reconcile` names its reconciliation slots. */
  name: string;
  /** Sends in flight at once (they wait on PostgreSQL and Slack, not on CPU). */
  concurrency: number;
  /** Every job but a reconciliation. */
  send(job: Job<Data>): Promise<void>;
  reconcile(): Promise<unknown>;
  /** A reconciliation's job data (the queue's type, carrying nothing). */
  reconcileData: Data;
  reconcileEveryMs: number;
  logger: Logger;
  /** For the log: "outbox reconciliation". */
  what: string;
}

/**
 * Starts a courier's worker and its reconciliation: a job per time slot on the same queue (see
 * SlotSchedule), so N replicas reconcile once per slot. Versions before this one kept the
 * schedule in Redis only; it is dropped so it does not run twice.
 */
export function startCourierWorker<Data>(courier: CourierWorker<Data>): SlotSchedule {
  const { backend, queue, name, reconcileEveryMs } = courier;
  backend.createWorker<Data>(
    name,
    async (job) => {
      if (job.name === 'reconcile') {
        await courier.reconcile();
        return;
      }
      await courier.send(job);
    },
    { concurrency: courier.concurrency },
  );
  const schedule = new SlotSchedule(
    {
      queue,
      name: 'reconcile',
      data: courier.reconcileData,
      jobId: slotJobId(`${name}-reconcile`, reconcileEveryMs),
    },
    reconcileEveryMs / 1000,
    courier.logger,
    courier.what,
  );
  schedule.start();
  void queue.removeJobScheduler(`${name}-reconcile`).catch(() => undefined);
  return schedule;
}
