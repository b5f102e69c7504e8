import type { Transaction } from 'sequelize';
import { type AuditRow, insertAuditRows } from '../../db/repositories/audit.repository';
import { currentRequestId } from '../../logger';

/**
 * Every change is audited in the same transaction as the change itself, so an audit row exists
 * exactly when the change does. The request id of the Slack interaction is attached when known.
 */
export type AuditEvent = Omit<AuditRow, 'requestId'>;

/** Actors that are not people: operator tools and start-up tasks. */
export const SYSTEM_ACTORS = {
  import: 'system:org-import',
  bootstrap: 'system:bootstrap',
} as const;

export async function audit(transaction: Transaction, ...events: AuditEvent[]): Promise<void> {
  await insertAuditRows(auditRows(events), transaction);
}

/** The rows of audit events, for a caller that writes them itself (in the same transaction). */
export function auditRows(events: readonly AuditEvent[]): AuditRow[] {
  const requestId = currentRequestId();
  return events.map((event) => ({ ...event, requestId }));
}
