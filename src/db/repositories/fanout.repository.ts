import type { Transaction } from 'sequelize';
import { modelsDatabase, selectRows } from './transaction';

/**
 * Fan-out items: one row per Slack send of a bulk job (a copy of an announcement, an update of a
 * posted copy, a chase DM). The row is the promise and the queue job only its courier: a worker
 * leases the row while it sends it, records the outcome on it, and a reconciliation pass rebuilds
 * the jobs of rows whose jobs were lost. `fanout_pace` paces every replica against one clock.
 */

// The item's shape is the announcements' (they queue the items): one definition, in their model.
import type {
  FanoutItem,
  FanoutItemInsert,
  FanoutMethod,
  FanoutStatus,
} from '../../domain/announcements/model';

export type {
  FanoutItem,
  FanoutItemInsert,
  FanoutMethod,
  FanoutStatus,
} from '../../domain/announcements/model';

/** A leased item, as the sender sees it. */
export interface ClaimedFanoutItem extends FanoutItem {
  /** An earlier attempt may have reached Slack without its outcome being recorded. */
  inDoubt: boolean;
}

/** What a queue job needs to carry an item: its id, job generation, priority and delay. */
export interface FanoutJobRef {
  id: string;
  generation: number;
  priority: number;
  delayMs: number;
}

const sequelize = modelsDatabase;
const select = selectRows;

interface ItemRow {
  id: string;
  item_key: string;
  batch_key: string;
  purpose: string;
  method: FanoutMethod;
  channel: string;
  ts: string | null;
  subject: Record<string, unknown>;
  not_before: Date | null;
  priority: number;
  status: FanoutStatus;
  attempts: number;
  in_doubt: boolean;
  result_channel: string | null;
  result_ts: string | null;
  last_error: string | null;
}

const toItem = (row: ItemRow): ClaimedFanoutItem => ({
  id: String(row.id),
  itemKey: row.item_key,
  batchKey: row.batch_key,
  purpose: row.purpose,
  method: row.method,
  channel: row.channel,
  ts: row.ts,
  subject: row.subject,
  notBefore: row.not_before,
  priority: row.priority,
  status: row.status,
  attempts: row.attempts,
  inDoubt: row.in_doubt,
  resultChannel: row.result_channel,
  resultTs: row.result_ts,
  lastError: row.last_error,
});

/** The item without the sender's bookkeeping. */
const toPublicItem = (row: ItemRow): FanoutItem => {
  const { inDoubt: _inDoubt, ...item } = toItem(row);
  return item;
};

/**
 * Inserts this process has committed: the sender's kick skips its look when none was committed
 * since its last one (counted at commit, so a look that runs before a commit never hides it).
 * Items inserted by other processes are theirs to kick, and the reconciliation finds whatever a
 * kick missed.
 */
let insertsSoFar = 0;
export const fanoutInsertsSoFar = () => insertsSoFar;

/** Returns how many rows were new (an existing item key is left as it is). */
export async function insertFanoutItems(
  items: readonly FanoutItemInsert[],
  transaction?: Transaction,
): Promise<number> {
  let inserted = 0;
  // A few thousand rows per statement keeps the bind-parameter count far below PostgreSQL's limit.
  for (let start = 0; start < items.length; start += 2000) {
    const chunk = items.slice(start, start + 2000);
    const values: string[] = [];
    const replacements: Record<string, unknown> = {};
    chunk.forEach((item, i) => {
      values.push(`(:k${i}, :b${i}, :p${i}, :m${i}, :c${i}, :t${i}, CAST(:s${i} AS jsonb), :n${i}, :r${i})`);
      Object.assign(replacements, {
        [`k${i}`]: item.itemKey,
        [`b${i}`]: item.batchKey,
        [`p${i}`]: item.purpose,
        [`m${i}`]: item.method,
        [`c${i}`]: item.channel,
        [`t${i}`]: item.ts ?? null,
        [`s${i}`]: JSON.stringify(item.subject),
        [`n${i}`]: item.notBefore ?? null,
        [`r${i}`]: item.priority ?? 5,
      });
    });
    const rows = await select<{ id: string }>(
      `INSERT INTO fanout_items (item_key, batch_key, purpose, method, channel, ts, subject, not_before, priority)
       VALUES ${values.join(', ')}
       ON CONFLICT (item_key) DO NOTHING
       RETURNING id`,
      replacements,
      transaction,
    );
    inserted += rows.length;
  }
  if (inserted > 0) {
    const counted = () => {
      insertsSoFar += 1;
    };
    if (transaction) transaction.afterCommit(counted);
    else counted();
  }
  return inserted;
}

export async function fanoutProgress(
  batchKey: string,
): Promise<{ pending: number; sent: number; failed: number; skipped: number }> {
  const rows = await select<{ status: FanoutStatus; n: string }>(
    'SELECT status, count(*) AS n FROM fanout_items WHERE batch_key = :batchKey GROUP BY status',
    { batchKey },
  );
  const progress = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) progress[row.status] = Number(row.n);
  return progress;
}

/** The items of a batch, oldest first. */
export async function findFanoutItems(batchKey: string): Promise<FanoutItem[]> {
  const rows = await select<ItemRow>('SELECT * FROM fanout_items WHERE batch_key = :batchKey ORDER BY id', {
    batchKey,
  });
  return rows.map(toPublicItem);
}

/**
 * Leases a pending, due item no other worker holds. A lease that ran out rather than being
 * released means its worker died (or hung) mid-send: the item is then marked in doubt.
 */
export async function claimFanoutItem(id: string, leaseSeconds: number): Promise<ClaimedFanoutItem | null> {
  const rows = await select<ItemRow>(
    `UPDATE fanout_items
     SET in_doubt = in_doubt OR leased_until IS NOT NULL,
         leased_until = clock_timestamp() + make_interval(secs => :lease)
     WHERE id = :id AND status = 'pending'
       AND (leased_until IS NULL OR leased_until < clock_timestamp())
       AND (not_before IS NULL OR not_before <= clock_timestamp())
     RETURNING *`,
    { id, lease: leaseSeconds },
  );
  const row = rows[0];
  return row ? toItem(row) : null;
}

/**
 * For an item that could not be claimed: when it is still pending (leased by a worker that may
 * have died, or not due yet), gives it a new job generation to be carried when the lease runs
 * out or the item falls due. Null when it is settled or gone.
 */
export async function deferFanoutItem(id: string): Promise<FanoutJobRef | null> {
  const rows = await select<FanoutJobRef>(
    `UPDATE fanout_items SET generation = generation + 1
     WHERE id = :id AND status = 'pending'
     RETURNING id, generation, priority,
       GREATEST(0, EXTRACT(EPOCH FROM (GREATEST(not_before, leased_until) - clock_timestamp())) * 1000)::int AS "delayMs"`,
    { id },
  );
  const row = rows[0];
  return row ? { ...row, id: String(row.id), delayMs: Number(row.delayMs) + 50 } : null;
}

/**
 * Puts a leased item back, to be sent again after `delaySeconds`. `countAttempt` for a failure
 * (not for pacing or a rate limit); `inDoubt` when Slack may have accepted the call.
 */
export async function releaseFanoutItem(
  id: string,
  options: { delayMs: number; error?: string; countAttempt?: boolean; inDoubt?: boolean },
): Promise<FanoutJobRef | null> {
  const rows = await select<FanoutJobRef>(
    `UPDATE fanout_items
     SET leased_until = NULL, generation = generation + 1,
         not_before = clock_timestamp() + make_interval(secs => :delay),
         attempts = attempts + :count, in_doubt = in_doubt OR :inDoubt,
         last_error = COALESCE(:error, last_error)
     WHERE id = :id AND status = 'pending'
     RETURNING id, generation, priority`,
    {
      id,
      delay: Math.max(0, options.delayMs) / 1000,
      count: options.countAttempt ? 1 : 0,
      inDoubt: options.inDoubt ?? false,
      error: options.error?.slice(0, 2000) ?? null,
    },
  );
  const row = rows[0];
  return row ? { ...row, id: String(row.id), delayMs: options.delayMs } : null;
}

/** Records the final state; false when the item was settled already. */
export async function settleFanoutItem(
  id: string,
  outcome:
    | { status: 'sent'; channel: string | null; ts: string | null }
    | { status: 'failed'; error: string }
    | { status: 'skipped' },
): Promise<FanoutItem | null> {
  const rows = await select<ItemRow>(
    `UPDATE fanout_items
     SET status = :status, leased_until = NULL,
         result_channel = :channel, result_ts = :ts,
         last_error = COALESCE(:error, last_error),
         attempts = attempts + CASE WHEN :status = 'failed' THEN 1 ELSE 0 END
     WHERE id = :id AND status = 'pending'
     RETURNING *`,
    {
      id,
      status: outcome.status,
      channel: outcome.status === 'sent' ? outcome.channel : null,
      ts: outcome.status === 'sent' ? outcome.ts : null,
      error: outcome.status === 'failed' ? outcome.error.slice(0, 2000) : null,
    },
  );
  const row = rows[0];
  return row ? toPublicItem(row) : null;
}

/** The purpose's `settled` hook ran (a failed hook is run again by reconciliation). */
export async function markFanoutSettledHookDone(id: string): Promise<void> {
  await sequelize().query('UPDATE fanout_items SET settled_at = clock_timestamp() WHERE id = :id', {
    replacements: { id },
  });
}

/** Items whose final state is recorded but whose `settled` hook has not run (or failed). */
export async function findUnsettledFanoutItems(limit = 200): Promise<FanoutItem[]> {
  const rows = await select<ItemRow>(
    `SELECT * FROM fanout_items
     WHERE status <> 'pending' AND settled_at IS NULL
     ORDER BY id LIMIT :limit`,
    { limit },
  );
  return rows.map(toPublicItem);
}

/**
 * Pending items no worker holds (including those whose lease ran out), with the delay until they
 * are due: to rebuild their jobs after a restart or a lost queue (highest priority first), or,
 * past `afterId`, to find the rows inserted since the last look (in id order).
 */
export async function findFanoutJobs(limit = 1000, afterId?: string): Promise<FanoutJobRef[]> {
  if (afterId === undefined) await recoverExpiredLeases();
  const rows = await select<FanoutJobRef>(
    `SELECT id, generation, priority,
       GREATEST(0, EXTRACT(EPOCH FROM (not_before - clock_timestamp())) * 1000)::int AS "delayMs"
     FROM fanout_items
     WHERE status = 'pending' AND (leased_until IS NULL OR leased_until < clock_timestamp())
       ${afterId === undefined ? '' : 'AND id > :afterId'}
     ORDER BY ${afterId === undefined ? 'priority, id' : 'id'} LIMIT :limit`,
    { limit, afterId: afterId ?? null },
  );
  return rows.map((row) => ({ ...row, id: String(row.id), delayMs: Number(row.delayMs) }));
}

/**
 * Items whose lease ran out (their worker died or hung): released in doubt, with a new job
 * generation, because the dead worker's job may still sit in the queue as active under the old
 * id until the queue notices it stalled, and a re-added job of that id would be ignored.
 */
async function recoverExpiredLeases(): Promise<void> {
  await sequelize().query(
    `UPDATE fanout_items SET leased_until = NULL, in_doubt = TRUE, generation = generation + 1
     WHERE status = 'pending' AND leased_until < clock_timestamp()`,
  );
}

const paceInterval = (ms: number) => `make_interval(secs => ${Number(ms) / 1000})`;

/**
 * Reserves the next send time of a pace key (a method across the workspace, or a channel), one
 * every `intervalMs`, if it is at most `maxWaitMs` away: returns the wait in ms, or
 * `{ busyForMs }` (nothing reserved) when the key is booked further ahead. The database's clock
 * decides, so replicas on different hosts share one schedule.
 */
export async function reservePaceSlot(
  key: string,
  intervalMs: number,
  maxWaitMs = 24 * 3600_000,
): Promise<number | { busyForMs: number }> {
  const step = paceInterval(intervalMs);
  const rows = await select<{ wait_ms: number }>(
    `INSERT INTO fanout_pace (key, next_at) VALUES (:key, clock_timestamp() + ${step})
     ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(fanout_pace.next_at, clock_timestamp()) + ${step}
       WHERE fanout_pace.next_at <= clock_timestamp() + ${paceInterval(maxWaitMs)}
     RETURNING GREATEST(0, EXTRACT(EPOCH FROM (next_at - ${step} - clock_timestamp())) * 1000) AS wait_ms`,
    { key },
  );
  if (rows[0]) return Number(rows[0].wait_ms);
  const busy = await select<{ wait_ms: number }>(
    `SELECT GREATEST(0, EXTRACT(EPOCH FROM (next_at - clock_timestamp())) * 1000) AS wait_ms
     FROM fanout_pace WHERE key = :key`,
    { key },
  );
  return { busyForMs: Number(busy[0]?.wait_ms ?? 0) };
}

/** After a 429: nothing is sent under these pace keys before Retry-After has passed. */
export async function pausePace(keys: readonly string[], seconds: number): Promise<void> {
  await sequelize().query(
    `INSERT INTO fanout_pace (key, next_at)
     SELECT key, clock_timestamp() + make_interval(secs => :seconds) FROM unnest(ARRAY[:keys]::text[]) AS key
     ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(fanout_pace.next_at, EXCLUDED.next_at)`,
    { replacements: { seconds, keys: [...keys] } },
  );
}

/** A booked slot that was not used: the key's next send may go now. */
export async function releasePaceKey(key: string): Promise<void> {
  await sequelize().query('DELETE FROM fanout_pace WHERE key = :key', { replacements: { key } });
}

/** Keys not used for an hour need no row. */
export async function prunePace(): Promise<void> {
  await sequelize().query(`DELETE FROM fanout_pace WHERE next_at < clock_timestamp() - interval '1 hour'`);
}
