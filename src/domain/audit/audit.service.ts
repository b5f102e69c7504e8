import type { Tx } from '../tx';
import { type AuditEvent, auditRows } from './model';
import type { AuditStore } from './store';

export { type AuditEvent, auditRows, SYSTEM_ACTORS } from './model';

/**
 * Every change is audited in the same transaction as the change itself, so an audit row exists
 * exactly when the change does. The request id of the Slack interaction is attached when known.
 */
export type AuditLog = (tx: Tx, ...events: AuditEvent[]) => Promise<void>;

export function createAuditLog(store: AuditStore): AuditLog {
  return (tx, ...events) => store.insertAuditRows(auditRows(events), tx);
}
