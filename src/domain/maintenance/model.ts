/**
 * The maintenance log's entries (requirements §二.(四).2): what went wrong that the app saw, and
 * what was done to it. A leaf that `db/` may import.
 */

/** Faults: something the app needed was not there, or gave up. */
export const FAULT_KINDS = [
  'delivery_given_up',
  'job_failed',
  'database_unreachable',
  'queue_unreachable',
  'queue_back',
  'slack_unreachable',
  'slack_back',
] as const;

/** Maintenance: what was done to the platform, by a person or a schedule. */
export const MAINTENANCE_KINDS = [
  'app_started',
  'migrations_applied',
  'backup_succeeded',
  'backup_failed',
  'restore_succeeded',
  'restore_failed',
  'drill_succeeded',
  'drill_failed',
  'config_changed',
  'maintenance_mode_on',
  'maintenance_mode_off',
  'incident_started',
  'incident_resolved',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];
export type LogKind = FaultKind | MaintenanceKind;
export type LogCategory = 'fault' | 'maintenance';

export const categoryOf = (kind: LogKind): LogCategory =>
  (FAULT_KINDS as readonly string[]).includes(kind) ? 'fault' : 'maintenance';

export interface NewLogEntry {
  kind: LogKind;
  /** One line a person reads (English: the log is an operator's record, like the server log). */
  summary: string;
  details?: Record<string, unknown>;
  /** When it happened, if not now (an outage recorded once it is over starts earlier). */
  at?: Date;
  /** The Slack interaction (or CLI run) it came from, when there was one. */
  requestId?: string | null;
}

export interface LogEntry {
  id: string;
  at: Date;
  category: LogCategory;
  kind: LogKind;
  summary: string;
  details: Record<string, unknown>;
  requestId: string | null;
}
