import type { OutboxMessage } from '../../domain/workflows/types';

/**
 * The outbox: notifications written in the same transaction as the change they announce. The
 * delivery worker claims rows (a lease, so two workers never send the same row at once), delivers
 * them, and marks them delivered or failed. A row is the promise; the job is only its courier.
 */

const notImplemented = (): never => {
  throw new Error('not implemented');
};

/** Leases up to `limit` undelivered rows (oldest first) that no other worker holds. */
export async function claimOutbox(_limit: number): Promise<OutboxMessage[]> {
  return notImplemented();
}

/** Leases one row; null when it is delivered or leased by someone else. */
export async function claimOutboxById(_id: string): Promise<OutboxMessage | null> {
  return notImplemented();
}

/** Marks a row delivered; with channel/ts, a `task_assigned` or first `request_updated` records the card. */
export async function markOutboxDelivered(
  _id: string,
  _card: { channel?: string; ts?: string } = {},
): Promise<void> {
  return notImplemented();
}

/** Releases the lease and records the error; the row will be claimed again. */
export async function markOutboxFailed(_id: string, _error: string): Promise<void> {
  return notImplemented();
}

/** Ids of undelivered rows, oldest first: to rebuild delivery jobs after a restart or an outage. */
export async function findUndeliveredOutboxIds(_limit = 1000): Promise<string[]> {
  return notImplemented();
}
