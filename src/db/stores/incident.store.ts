import type {
  BroadcastOutcome,
  IncidentEvent,
  IncidentRecord,
  MaintenanceState,
} from '../../domain/incidents/model';
import type { IncidentStore } from '../../domain/incidents/store';
import { insertFanoutItems } from '../repositories/fanout.repository';
import { findPersonBySlackId } from '../repositories/org.repository';
import { selectRows, sqlTransaction, transactions } from '../repositories/transaction';

/**
 * Incidents, their append-only timeline (migration 0022) and the maintenance-mode row, in SQL.
 * An incident's Slack sends are fan-out items (one row per send), keyed by incident, event and
 * addressee so that a retried change never queues a send twice.
 */

const query = selectRows;

interface IncidentRow {
  id: number;
  severity: IncidentRecord['severity'];
  summary: string;
  drill: boolean;
  status: IncidentRecord['status'];
  started_by: string;
  started_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution: string | null;
}

const toIncident = (row: IncidentRow): IncidentRecord => ({
  id: Number(row.id),
  severity: row.severity,
  summary: row.summary,
  drill: row.drill,
  status: row.status,
  startedBy: row.started_by,
  startedAt: new Date(row.started_at),
  resolvedBy: row.resolved_by,
  resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
  resolution: row.resolution,
});

interface EventRow {
  id: string;
  incident_id: number;
  at: Date;
  kind: IncidentEvent['kind'];
  actor: string;
  text: string;
  channels: string[] | null;
}

const toEvent = (row: EventRow): IncidentEvent => ({
  id: Number(row.id),
  incidentId: Number(row.incident_id),
  at: new Date(row.at),
  kind: row.kind,
  actor: row.actor,
  text: row.text,
  channels: row.channels,
});

interface MaintenanceRow {
  until: Date | null;
  reason: string | null;
  set_by: string;
  set_at: Date;
}

const toMaintenance = (row: MaintenanceRow | undefined): MaintenanceState | null =>
  row?.until && row.reason !== null
    ? { until: new Date(row.until), reason: row.reason, setBy: row.set_by, setAt: new Date(row.set_at) }
    : null;

/** Incident notices go before other bulk sends: they are what people must see first. */
const INCIDENT_PRIORITY = 1;

export const incidentStore: IncidentStore = {
  ...transactions,

  findPerson: (slackUserId, tx) => findPersonBySlackId(slackUserId, { transaction: sqlTransaction(tx) }),

  async activeSlackIdsWithRole(role, tx) {
    const rows = await query<{ slack_user_id: string }>(
      `SELECT slack_user_id FROM people
        WHERE status = 'active' AND slack_user_id IS NOT NULL AND :role = ANY(roles)
        ORDER BY slack_user_id`,
      { role },
      sqlTransaction(tx),
    );
    return rows.map((row) => row.slack_user_id);
  },

  async createIncident(values, tx) {
    const [row] = await query<IncidentRow>(
      `INSERT INTO incidents (severity, summary, drill, started_by)
       VALUES (:severity, :summary, :drill, :startedBy) RETURNING *`,
      values,
      sqlTransaction(tx),
    );
    if (!row) throw new Error('incident not created');
    return toIncident(row);
  },

  async findIncident(id, options = {}) {
    const [row] = await query<IncidentRow>(
      `SELECT * FROM incidents WHERE id = :id${options.lock ? ' FOR UPDATE' : ''}`,
      { id },
      options.tx ? sqlTransaction(options.tx) : undefined,
    );
    return row ? toIncident(row) : null;
  },

  async resolveIncident(id, values, tx) {
    await query(
      `UPDATE incidents SET status = 'resolved', resolved_by = :resolvedBy, resolved_at = now(),
              resolution = :resolution
        WHERE id = :id AND status = 'open' RETURNING id`,
      { id, ...values },
      sqlTransaction(tx),
    );
  },

  async listOpenIncidents() {
    const rows = await query<IncidentRow>(
      "SELECT * FROM incidents WHERE status = 'open' ORDER BY started_at LIMIT 50",
      {},
    );
    return rows.map(toIncident);
  },

  async appendEvent(values, tx) {
    const [row] = await query<EventRow>(
      `INSERT INTO incident_events (incident_id, kind, actor, text, channels)
       VALUES (:incidentId, :kind, :actor, :text, CAST(:channels AS jsonb)) RETURNING *`,
      { ...values, channels: values.channels ? JSON.stringify(values.channels) : null },
      sqlTransaction(tx),
    );
    if (!row) throw new Error('incident event not appended');
    return toEvent(row);
  },

  async findEvent(id) {
    const [row] = await query<EventRow>('SELECT * FROM incident_events WHERE id = :id', { id });
    return row ? toEvent(row) : null;
  },

  async listEvents(incidentId) {
    const rows = await query<EventRow>(
      'SELECT * FROM incident_events WHERE incident_id = :incidentId ORDER BY id',
      { incidentId },
    );
    return rows.map(toEvent);
  },

  async queueSends(sends, tx) {
    await insertFanoutItems(
      sends.map((send) => ({
        itemKey: `incident-${send.incidentId}-${send.purpose}-${send.eventId}-${send.to}`,
        batchKey: `incident-${send.incidentId}-${send.eventId}`,
        purpose: send.purpose,
        method: 'post' as const,
        channel: send.to,
        subject: { incidentId: send.incidentId, eventId: send.eventId },
        priority: INCIDENT_PRIORITY,
      })),
      sqlTransaction(tx),
    );
  },

  async broadcastOutcomes(incidentId) {
    const rows = await query<{
      event_id: string;
      channel: string;
      status: BroadcastOutcome['status'];
      last_error: string | null;
    }>(
      `SELECT (subject->>'eventId') AS event_id, channel, status, last_error FROM fanout_items
        WHERE purpose = 'incident.broadcast' AND batch_key LIKE :prefix ORDER BY id`,
      { prefix: `incident-${incidentId}-%` },
    );
    return rows.map((row) => ({
      eventId: Number(row.event_id),
      channel: row.channel,
      status: row.status,
      error: row.status === 'failed' ? row.last_error : null,
    }));
  },

  async readMaintenance() {
    const [row] = await query<MaintenanceRow>(
      'SELECT until, reason, set_by, set_at FROM maintenance_mode',
      {},
    );
    return toMaintenance(row);
  },

  async writeMaintenance(state, actor, tx) {
    const transaction = sqlTransaction(tx);
    const [before] = await query<MaintenanceRow>(
      'SELECT until, reason, set_by, set_at FROM maintenance_mode WHERE id = 1 FOR UPDATE',
      {},
      transaction,
    );
    await query(
      `INSERT INTO maintenance_mode (id, until, reason, set_by, set_at)
       VALUES (1, :until, :reason, :actor, now())
       ON CONFLICT (id) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason,
         set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
       RETURNING id`,
      { until: state?.until ?? null, reason: state?.reason ?? null, actor },
      transaction,
    );
    return toMaintenance(before);
  },
};
