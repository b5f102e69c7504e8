import type { PersonRecord } from '../org/model';
import type { Transactions, Tx } from '../tx';
import type {
  BroadcastOutcome,
  IncidentEvent,
  IncidentEventKind,
  IncidentRecord,
  IncidentSend,
  MaintenanceState,
  Severity,
} from './model';

/** Incidents and maintenance mode as their services read and write them (`db/stores/incident.store.ts`). */
export interface IncidentStore extends Transactions {
  /** The actor, re-read in the change's transaction (their roles decide). */
  findPerson(slackUserId: string, tx: Tx): Promise<PersonRecord | null>;
  /** Active people with a Slack account holding the role. */
  activeSlackIdsWithRole(role: 'admin' | 'leader' | 'supervisor', tx: Tx): Promise<string[]>;

  createIncident(
    values: { severity: Severity; summary: string; drill: boolean; startedBy: string },
    tx: Tx,
  ): Promise<IncidentRecord>;
  findIncident(id: number, options?: { tx?: Tx; lock?: boolean }): Promise<IncidentRecord | null>;
  resolveIncident(id: number, values: { resolvedBy: string; resolution: string }, tx: Tx): Promise<void>;
  listOpenIncidents(): Promise<IncidentRecord[]>;
  appendEvent(
    values: { incidentId: number; kind: IncidentEventKind; actor: string; text: string; channels?: string[] },
    tx: Tx,
  ): Promise<IncidentEvent>;
  findEvent(id: number): Promise<IncidentEvent | null>;
  listEvents(incidentId: number): Promise<IncidentEvent[]>;
  /** Queues Slack sends in the transaction (fan-out items); an existing one is left as it is. */
  queueSends(sends: IncidentSend[], tx: Tx): Promise<void>;
  broadcastOutcomes(incidentId: number): Promise<BroadcastOutcome[]>;

  readMaintenance(): Promise<MaintenanceState | null>;
  /** Null turns it off. Returns the state it replaced. */
  writeMaintenance(state: MaintenanceState | null, actor: string, tx: Tx): Promise<MaintenanceState | null>;
}
