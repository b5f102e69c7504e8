import { type InferAttributes, literal, Op, QueryTypes, type Transaction } from 'sequelize';
import type { OutboxKind } from '../../domain/workflows/model';
import type { InstanceOutboxMessage, OutboxMessage } from '../../domain/workflows/outbox-types';
import type { OutboxInsert, TaskCopy } from '../../domain/workflows/store';
import { leaseHolderId } from '../lease-holder';
import { OutboxEntry } from '../models';
import { GroupBatcher } from '../sql/group-batcher';
import { columnsOf } from '../sql/model-rows';

export type { OutboxInsert, TaskCopy };

/**
 * The outbox: notifications written in the same transaction as the change they announce. The
 * delivery worker claims rows (a lease, so two workers never send the same row at once), delivers
 * them, and marks them delivered or failed. A row is the promise; the job is only its courier.
 */

/**
 * How long a claimed row stays invisible to other workers while it is being delivered. Longer
 * than the Web API client's longest wait on a 429 (Slack's Retry-After is up to a minute, and
 * the client retries), so a reconciliation pass never re-delivers a row still in flight. A row
 * whose holder died is taken over at once (its advisory lock is gone: see db/lease-holder.ts);
 * one claimed by a process holding no lock waits this long.
 */
export const OUTBOX_LEASE_SECONDS = 300;
/** A failed row waits 2^attempts seconds (at most this long) before it can be claimed again. */
export const OUTBOX_MAX_BACKOFF_SECONDS = 300;

const sequelize = () => {
  const instance = OutboxEntry.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};

/** An outbox row as the model reads it, or as a raw statement returns `columnsOf(OutboxEntry)`. */
type OutboxRow = InferAttributes<OutboxEntry>;

const toMessage = (row: OutboxRow): OutboxMessage =>
  ({
    id: String(row.id),
    kind: row.kind,
    recipientPersonId: row.recipientPersonId,
    recipientSlackId: row.recipientSlackId,
    instanceId: row.instanceId,
    taskId: row.taskId,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt ? row.deliveredAt.toISOString() : null,
    attempts: row.attempts,
    lastError: row.lastError,
  }) as OutboxMessage;

/** The attributes of a new outbox row as the model stores them (`now`: when it is written). */
export const outboxAttributes = ({ leased, ...row }: OutboxInsert, now: Date) => ({
  ...row,
  payload: row.payload as Record<string, unknown>,
  attempts: leased ? 1 : 0,
  leasedUntil: leased ? new Date(now.getTime() + OUTBOX_LEASE_SECONDS * 1000) : null,
  leasedBy: leased ? leaseHolderId() : null,
});

export async function insertOutboxRows(
  rows: readonly OutboxInsert[],
  transaction: Transaction,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const created = await OutboxEntry.bulkCreate(
    rows.map((row) => outboxAttributes(row, now)),
    { transaction, returning: ['id'] },
  );
  return created.map((row) => String(row.id));
}

/** BIGSERIAL ids as pg returns them (decimal strings), compared as numbers. */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** Leases up to `limit` undelivered rows (oldest first) that no other worker holds. */
export async function claimOutbox(limit: number): Promise<OutboxMessage[]> {
  const rows = await sequelize().query<OutboxRow>(
    `UPDATE outbox SET leased_until = now() + make_interval(secs => :lease), leased_by = :holder, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox
       WHERE delivered_at IS NULL AND (leased_until IS NULL OR leased_until < now() OR lease_holder_gone(leased_by))
       ORDER BY id LIMIT :limit
       FOR UPDATE SKIP LOCKED)
     RETURNING ${columnsOf(OutboxEntry)}`,
    {
      replacements: { limit, lease: OUTBOX_LEASE_SECONDS, holder: leaseHolderId() },
      type: QueryTypes.SELECT,
    },
  );
  // RETURNING follows no order: oldest first, as promised.
  return rows.map(toMessage).sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Claims and marks by id that arrive while one of their kind runs go together in the next
 * statement (see GroupBatcher): a burst of deliveries costs a few statements, not one per row.
 * One batch of each kind at a time: the rows of two batches are then never locked in opposite
 * orders.
 */
const BY_ID_BATCHES = { maxBatch: 100, maxConcurrent: 1 };

const rowClaims = new GroupBatcher<string, OutboxMessage | null>(async (ids) => {
  const rows = await sequelize().query<OutboxRow>(
    `UPDATE outbox SET leased_until = now() + make_interval(secs => :lease), leased_by = :holder, attempts = attempts + 1
     WHERE id IN (:ids) AND delivered_at IS NULL AND (leased_until IS NULL OR leased_until < now() OR lease_holder_gone(leased_by))
     RETURNING ${columnsOf(OutboxEntry)}`,
    {
      replacements: { ids: [...new Set(ids)], lease: OUTBOX_LEASE_SECONDS, holder: leaseHolderId() },
      type: QueryTypes.SELECT,
    },
  );
  const claimed = new Map(rows.map((row) => [String(row.id), toMessage(row)]));
  // The same row asked for twice in one batch: the first caller holds the lease, the second
  // finds it held, as if it had come a moment later.
  return ids.map((id) => {
    const message = claimed.get(id) ?? null;
    claimed.delete(id);
    return message;
  });
}, BY_ID_BATCHES);

/** Leases one row; null when it is delivered or leased by someone else (or does not exist). */
export const claimOutboxById = (id: string): Promise<OutboxMessage | null> => rowClaims.submit(id);

const rowMarks = new GroupBatcher<{ id: string; channel: string | null; ts: string | null }, void>(
  async (marks) => {
    await sequelize().query(
      `WITH marks AS (
         SELECT * FROM json_to_recordset(CAST(:marks AS json)) AS m(id bigint, channel text, ts text)
       ), delivered AS (
         UPDATE outbox o
         SET delivered_at = now(), leased_until = NULL, leased_by = NULL, delivered_channel = m.channel, delivered_ts = m.ts
         FROM marks m
         WHERE o.id = m.id AND o.delivered_at IS NULL
         RETURNING o.kind, o.task_id, o.instance_id, m.channel, m.ts
       ), task_card AS (
         UPDATE workflow_tasks t SET card_channel = d.channel, card_ts = d.ts, updated_at = now()
         FROM delivered d
         WHERE d.channel <> '' AND d.ts <> ''
           AND d.kind = 'task_assigned' AND t.id = d.task_id AND t.card_ts IS NULL
       )
       UPDATE workflow_instances i SET card_channel = d.channel, card_ts = d.ts, updated_at = now()
       FROM delivered d
       WHERE d.channel <> '' AND d.ts <> ''
         AND d.kind = 'request_updated' AND i.id = d.instance_id AND i.card_ts IS NULL`,
      { replacements: { marks: JSON.stringify(marks) } },
    );
    return marks.map(() => undefined);
  },
  BY_ID_BATCHES,
);

/**
 * Marks a row delivered (once: a second call changes nothing). With the posted message's
 * channel/ts, a `task_assigned` row records the approver's card and a `request_updated` row the
 * requester's tracking card, unless one is recorded already. One statement: the card is recorded
 * only by the call that marks the row.
 */
export const markOutboxDelivered = (
  id: string,
  card: { channel?: string; ts?: string } = {},
): Promise<void> => rowMarks.submit({ id, channel: card.channel ?? null, ts: card.ts ?? null });

/**
 * Marks rows delivered that record no card (the notices of one merged post), in one statement;
 * rows delivered already are left as they are.
 */
export async function markNoticesDelivered(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sequelize().query(
    `UPDATE outbox SET delivered_at = now(), leased_until = NULL, leased_by = NULL, delivered_channel = NULL, delivered_ts = NULL
     WHERE id IN (:ids) AND delivered_at IS NULL`,
    { replacements: { ids: [...ids] } },
  );
}

/**
 * Releases the lease and records the error; the row will be claimed again after an exponential
 * backoff, or exactly after `retryAfterSeconds` when the far side said when (Slack's
 * Retry-After: a rate limit is not a fault, so it must not grow the wait).
 */
export async function markOutboxFailed(id: string, error: string, retryAfterSeconds = 0): Promise<void> {
  await sequelize().query(
    `UPDATE outbox
     SET last_error = :error, leased_by = NULL,
         leased_until = now() + make_interval(secs => CASE WHEN :retryAfter > 0 THEN :retryAfter ELSE LEAST(power(2, attempts)::int, :maxBackoff) END)
     WHERE id = :id AND delivered_at IS NULL`,
    {
      replacements: {
        id,
        error: error.slice(0, 2000),
        maxBackoff: OUTBOX_MAX_BACKOFF_SECONDS,
        retryAfter: Math.max(0, Math.ceil(retryAfterSeconds)),
      },
    },
  );
}

/**
 * Settles a row Slack refused for good (see UndeliverableError): it leaves the undelivered set, so
 * nothing retries it, and keeps the refusal in last_error for the maintenance log.
 */
export async function markOutboxUndeliverable(id: string, error: string): Promise<void> {
  await sequelize().query(
    `UPDATE outbox SET delivered_at = now(), leased_until = NULL, leased_by = NULL, last_error = :error
     WHERE id = :id AND delivered_at IS NULL`,
    { replacements: { id, error: error.slice(0, 2000) } },
  );
}

export interface UndeliveredOutbox {
  id: string;
  attempts: number;
  kind: OutboxKind;
  recipientSlackId: string;
}

/**
 * Undelivered rows (id and attempts so far), oldest first: to rebuild delivery jobs after a
 * restart or an outage; the attempt count lets a retry get a fresh job id.
 */
export async function findUndeliveredOutboxIds(
  limit = 1000,
  /**
   * Only rows with a larger id (the courier's cursor), and only those nobody holds now (a row
   * written leased to the click that delivers it, or claimed by a delivery in flight; if that
   * delivery fails, the reconciliation, which takes every undelivered row, finds it). All
   * undelivered rows when omitted.
   */
  afterId?: string,
): Promise<UndeliveredOutbox[]> {
  const rows = await OutboxEntry.findAll({
    attributes: ['id', 'attempts', 'kind', 'recipientSlackId'],
    where:
      afterId === undefined
        ? { deliveredAt: null }
        : {
            deliveredAt: null,
            id: { [Op.gt]: afterId },
            [Op.or]: [{ leasedUntil: null }, { leasedUntil: { [Op.lt]: literal('now()') } }],
          },
    order: [['id', 'ASC']],
    limit,
    raw: true,
  });
  return rows.map((row) => ({
    id: String(row.id),
    attempts: row.attempts,
    kind: row.kind as OutboxKind,
    recipientSlackId: row.recipientSlackId,
  }));
}

/** The rows written for a request (oldest first): for tests and the maintenance log. */
export async function findOutboxOfInstance(instanceId: number): Promise<InstanceOutboxMessage[]> {
  const rows = await OutboxEntry.findAll({ where: { instanceId }, order: [['id', 'ASC']] });
  // A digest row has no instance, so every row found here is about one request.
  return rows.map(toMessage) as InstanceOutboxMessage[];
}

/**
 * Leases the other undelivered rows of the given kinds waiting for the same recipient as `lead`
 * (oldest first, at most `limit`), so they can go out in one message with it. Rows leased by
 * another worker or waiting out a retry delay are left alone.
 */
export async function claimWaitingNotices(
  lead: OutboxMessage,
  kinds: readonly OutboxKind[],
  limit: number,
): Promise<OutboxMessage[]> {
  if (limit <= 0 || kinds.length === 0) return [];
  const rows = await sequelize().query<OutboxRow>(
    `UPDATE outbox SET leased_until = now() + make_interval(secs => :lease), leased_by = :holder, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox
       WHERE delivered_at IS NULL AND (leased_until IS NULL OR leased_until < now() OR lease_holder_gone(leased_by))
         AND recipient_slack_id = :recipient AND kind IN (:kinds) AND id <> :lead
       ORDER BY id LIMIT :limit
       FOR UPDATE SKIP LOCKED)
     RETURNING ${columnsOf(OutboxEntry)}`,
    {
      replacements: {
        lease: OUTBOX_LEASE_SECONDS,
        holder: leaseHolderId(),
        recipient: lead.recipientSlackId,
        kinds: [...kinds],
        lead: lead.id,
        limit,
      },
      type: QueryTypes.SELECT,
    },
  );
  return rows.map(toMessage).sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Gives a claimed row back without counting the claim as an attempt (it never reached Slack): its
 * delivery waits for a turn in a busy conversation, not for a failure's backoff. The row is left
 * unleased, so the next merged post to that person can carry it.
 */
export async function returnUntriedOutbox(id: string): Promise<void> {
  await sequelize().query(
    `UPDATE outbox SET leased_until = NULL, leased_by = NULL, attempts = greatest(attempts - 1, 0)
     WHERE id = :id AND delivered_at IS NULL`,
    { replacements: { id } },
  );
}

/** Gives a leased row back at once (claimed, then found to be someone else's to deliver). */
export async function releaseOutboxLease(id: string): Promise<void> {
  await sequelize().query(
    'UPDATE outbox SET leased_until = NULL, leased_by = NULL WHERE id = :id AND delivered_at IS NULL',
    {
      replacements: { id },
    },
  );
}

/**
 * The reminders, nudges and delegation FYIs posted for a task: each carries the task's buttons,
 * so each is brought in line when the task is decided (found through the instance index).
 */
export async function findTaskCopies(instanceId: number, taskId: number): Promise<TaskCopy[]> {
  const rows = await OutboxEntry.findAll({
    attributes: ['kind', 'recipientSlackId', 'deliveredChannel', 'deliveredTs', 'payload'],
    where: {
      instanceId,
      taskId,
      kind: { [Op.in]: ['task_reminder', 'task_delegated'] },
      deliveredTs: { [Op.ne]: null },
    },
    order: [['id', 'ASC']],
  });
  return rows.map((row) => ({
    kind: row.kind as TaskCopy['kind'],
    recipientSlackId: row.recipientSlackId,
    channel: row.deliveredChannel ?? row.recipientSlackId,
    ts: row.deliveredTs ?? '',
    payload: row.payload,
  }));
}

/** The daily digests a person received since `since`, with where they were posted and when. */
export async function findDigestsSince(
  recipientSlackId: string,
  since: Date,
): Promise<Array<{ channel: string; ts: string; deliveredAt: Date }>> {
  const rows = await OutboxEntry.findAll({
    attributes: ['deliveredChannel', 'deliveredTs', 'deliveredAt'],
    where: {
      recipientSlackId,
      kind: 'daily_digest',
      deliveredAt: { [Op.gte]: since },
      deliveredTs: { [Op.ne]: null },
    },
    order: [['id', 'ASC']],
  });
  return rows.map((row) => ({
    channel: row.deliveredChannel ?? recipientSlackId,
    ts: row.deliveredTs ?? '',
    deliveredAt: row.deliveredAt!,
  }));
}

/**
 * Whether anything besides the card offered this task's buttons to its approver: a reminder,
 * nudge or FYI for the task, or a digest of the last `digestSince`. A click on the card then
 * leaves the card's update to the courier, which brings every copy in line with it.
 */
export async function taskHasCopies(
  task: { instanceId: number; taskId: number; approverSlackId: string | null },
  digestSince: Date,
  transaction?: Transaction,
): Promise<boolean> {
  const [row] = await sequelize().query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM outbox WHERE instance_id = :instanceId AND task_id = :taskId
         AND kind IN ('task_reminder', 'task_delegated') AND delivered_ts IS NOT NULL
     ) OR EXISTS (
       SELECT 1 FROM outbox WHERE recipient_slack_id = :approver AND kind = 'daily_digest'
         AND delivered_at >= :since AND delivered_ts IS NOT NULL
     ) AS found`,
    {
      replacements: { ...task, approver: task.approverSlackId ?? '', since: digestSince },
      type: QueryTypes.SELECT,
      ...(transaction ? { transaction } : {}),
    },
  );
  return row?.found === true;
}
