/**
 * Incidents and maintenance mode as the domain and the database both know them (requirements
 * §七.(四)). A leaf: `db/` may import it, it imports nothing.
 */

/**
 * Who hears of an incident (docs/emergency-plan.md, Severity): the admins always; the supervision
 * group (監督小組) of sev1 and sev2, and the report afterwards; the leaders of sev1, the top one.
 */
export const SEVERITIES = ['sev1', 'sev2', 'sev3'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const TOP_SEVERITY: Severity = 'sev1';
export const SUPERVISED_SEVERITIES: readonly Severity[] = ['sev1', 'sev2'];

/**
 * What people type for a severity, in either language: `sev1`, `SEV-1`, `1`, `critical`, `緊急`,
 * `一級`… Anything else is not a severity.
 */
const SEVERITY_WORDS: Record<Severity, readonly string[]> = {
  sev1: ['sev1', '1', 'p1', 'critical', 'crit', '緊急', '一級', '嚴重'],
  sev2: ['sev2', '2', 'p2', 'major', 'high', '重大', '二級', '重要'],
  sev3: ['sev3', '3', 'p3', 'minor', 'low', '一般', '三級', '輕微'],
};

export function parseSeverity(word: string): Severity | undefined {
  const normal = word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  return SEVERITIES.find((severity) => SEVERITY_WORDS[severity].includes(normal));
}

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentRecord {
  id: number;
  severity: Severity;
  summary: string;
  drill: boolean;
  status: IncidentStatus;
  startedBy: string;
  startedAt: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
}

export const INCIDENT_EVENT_KINDS = ['started', 'update', 'broadcast', 'resolved'] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENT_KINDS)[number];

/** One line of an incident's timeline: append-only, like the audit log. */
export interface IncidentEvent {
  id: number;
  incidentId: number;
  at: Date;
  kind: IncidentEventKind;
  actor: string;
  text: string;
  /** A broadcast's channels (as asked); a drill's preview names them without posting there. */
  channels: string[] | null;
}

/** How each send of a broadcast ended (from the fan-out rows), for the report. */
export interface BroadcastOutcome {
  eventId: number;
  channel: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  error: string | null;
}

/** The record, its timeline and what its broadcasts did: what the post-incident report shows. */
export interface IncidentReport {
  incident: IncidentRecord;
  events: IncidentEvent[];
  broadcasts: BroadcastOutcome[];
}

/** A Slack send the incident queues in its own transaction (the fan-out sender delivers it). */
export interface IncidentSend {
  purpose: (typeof INCIDENT_PURPOSES)[keyof typeof INCIDENT_PURPOSES];
  incidentId: number;
  eventId: number;
  /** A person's Slack id (a DM) or a channel id. */
  to: string;
}

export const INCIDENT_PURPOSES = {
  notice: 'incident.notice',
  broadcast: 'incident.broadcast',
  /** The post-incident report, in the DM of whoever started it. */
  report: 'incident.report',
} as const;

/** Maintenance mode: on while `until` is in the future. */
export interface MaintenanceState {
  until: Date;
  reason: string;
  setBy: string;
  setAt: Date;
}

/** `until` as typed: a clock time (the next one), a local date and time, or a duration from now. */
export type UntilText =
  | { kind: 'clock'; minute: number }
  | { kind: 'datetime'; date: string; minute: number }
  | { kind: 'duration'; seconds: number };
