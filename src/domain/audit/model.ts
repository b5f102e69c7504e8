import { currentRequestId } from '../../logger';

/**
 * An audit row as the domain writes it and `db/` stores it. A leaf (but for the request id of
 * the Slack interaction, attached when known): `db/` may import it.
 */
export interface AuditRow {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | undefined;
}

/** What a change records; the request id is added by `auditRows`. */
export type AuditEvent = Omit<AuditRow, 'requestId'>;

/** Actors that are not people: operator tools and start-up tasks. */
export const SYSTEM_ACTORS = {
  import: 'system:org-import',
  bootstrap: 'system:bootstrap',
} as const;

/** The rows of audit events, with the request id of the interaction they happen in. */
export function auditRows(events: readonly AuditEvent[]): AuditRow[] {
  const requestId = currentRequestId();
  return events.map((event) => ({ ...event, requestId }));
}
