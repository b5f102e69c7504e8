import { type AuditEvent, auditRows } from '../audit/audit.service';
import type { WorkflowDeps } from './deps';
import type { Tx } from './store';

/** Audit rows of a change that is not a request's (`Change` writes its own), in its transaction. */
export async function audit(deps: Pick<WorkflowDeps, 'store'>, transaction: Tx, ...events: AuditEvent[]) {
  await deps.store.insertAuditRows(auditRows(events), transaction);
}
