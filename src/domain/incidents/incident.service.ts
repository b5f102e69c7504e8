import type { AuditLog } from '../audit/audit.service';
import type { PersonRecord } from '../org/model';
import { OrgError } from '../org/org-errors';
import type { Clock, Tx } from '../tx';
import { IncidentError } from './incident-errors';
import {
  INCIDENT_PURPOSES,
  type IncidentEvent,
  type IncidentRecord,
  type IncidentReport,
  type IncidentSend,
  type Severity,
  SUPERVISED_SEVERITIES,
  TOP_SEVERITY,
} from './model';
import type { IncidentStore } from './store';

/** A broadcast reaches at most this many channels (each post is paced, about one a second). */
export const MAX_BROADCAST_CHANNELS = 20;

export interface IncidentService {
  start(
    actor: string,
    input: { severity: Severity; summary: string; drill: boolean },
  ): Promise<IncidentRecord>;
  update(actor: string, id: number, text: string): Promise<IncidentEvent>;
  resolve(actor: string, id: number, summary: string): Promise<IncidentRecord>;
  /**
   * An emergency broadcast: the only path that posts to channels without the review chain. In a
   * drill it goes to the broadcaster's DM as a preview unless `live` (then to the channels, marked
   * as a drill).
   */
  broadcast(
    actor: string,
    id: number,
    input: { channels: string[]; text: string; live: boolean },
  ): Promise<{ event: IncidentEvent; incident: IncidentRecord; preview: boolean }>;
  listOpen(actor: string): Promise<IncidentRecord[]>;
  report(id: number): Promise<IncidentReport>;
  /** For rendering a send at its turn. */
  findIncident(id: number): Promise<IncidentRecord | null>;
  findEvent(id: number): Promise<IncidentEvent | null>;
}

/**
 * Incidents (requirements §七.(四)): a record with an append-only timeline; each step audited and
 * its notices queued as fan-out items in the same transaction, so the admins (and for the top
 * severity the leaders) are told exactly when the change committed. Admins only, checked here.
 */
export function createIncidentService(deps: {
  store: IncidentStore;
  audit: AuditLog;
  clock: Clock;
}): IncidentService {
  const { store, audit } = deps;

  async function requireAdmin(actor: string, tx: Tx, subcommand: string): Promise<PersonRecord> {
    const person = await store.findPerson(actor, tx);
    if (!person) throw new OrgError('not_registered');
    if (person.status !== 'active') throw new OrgError('suspended');
    if (!person.roles.includes('admin')) throw new OrgError('admin_only', { subcommand });
    return person;
  }

  async function openIncident(id: number, tx: Tx): Promise<IncidentRecord> {
    const incident = await store.findIncident(id, { tx, lock: true });
    if (!incident) throw new IncidentError('not_found', { id: String(id) });
    if (incident.status !== 'open') throw new IncidentError('already_resolved', { id: String(id) });
    return incident;
  }

  const supervisorsOf = async (incident: IncidentRecord, tx: Tx) =>
    SUPERVISED_SEVERITIES.includes(incident.severity) ? store.activeSlackIdsWithRole('supervisor', tx) : [];

  /**
   * Who hears of each step: every active admin; the supervision group for sev1 and sev2; the
   * leaders too for the top severity.
   */
  async function noticesFor(incident: IncidentRecord, event: IncidentEvent, tx: Tx): Promise<IncidentSend[]> {
    const people = new Set(await store.activeSlackIdsWithRole('admin', tx));
    for (const supervisor of await supervisorsOf(incident, tx)) people.add(supervisor);
    if (incident.severity === TOP_SEVERITY)
      for (const leader of await store.activeSlackIdsWithRole('leader', tx)) people.add(leader);
    return [...people].map((to) => ({
      purpose: INCIDENT_PURPOSES.notice,
      incidentId: incident.id,
      eventId: event.id,
      to,
    }));
  }

  const subject = (incident: IncidentRecord) => ({ subjectType: 'incident', subjectId: String(incident.id) });

  return {
    async start(actor, input) {
      return store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx, input.drill ? 'incident drill' : 'incident start');
        const incident = await store.createIncident({ ...input, startedBy: actor }, tx);
        const event = await store.appendEvent(
          { incidentId: incident.id, kind: 'started', actor, text: input.summary },
          tx,
        );
        await store.queueSends(await noticesFor(incident, event, tx), tx);
        await audit(tx, {
          actor,
          action: input.drill ? 'incident.drill_started' : 'incident.started',
          ...subject(incident),
          after: { severity: incident.severity, summary: incident.summary, drill: incident.drill },
        });
        return incident;
      });
    },

    async update(actor, id, text) {
      return store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx, 'incident update');
        const incident = await openIncident(id, tx);
        const event = await store.appendEvent({ incidentId: id, kind: 'update', actor, text }, tx);
        await store.queueSends(await noticesFor(incident, event, tx), tx);
        await audit(tx, { actor, action: 'incident.updated', ...subject(incident), after: { text } });
        return event;
      });
    },

    async resolve(actor, id, summary) {
      return store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx, 'incident resolve');
        const incident = await openIncident(id, tx);
        await store.resolveIncident(id, { resolvedBy: actor, resolution: summary }, tx);
        const event = await store.appendEvent({ incidentId: id, kind: 'resolved', actor, text: summary }, tx);
        // The report: to whoever started it, and to the supervision group where it is told.
        const readers = new Set([incident.startedBy, ...(await supervisorsOf(incident, tx))]);
        const reports = [...readers].map(
          (to): IncidentSend => ({
            purpose: INCIDENT_PURPOSES.report,
            incidentId: id,
            eventId: event.id,
            to,
          }),
        );
        await store.queueSends([...(await noticesFor(incident, event, tx)), ...reports], tx);
        await audit(tx, {
          actor,
          action: 'incident.resolved',
          ...subject(incident),
          before: { status: 'open' },
          after: { status: 'resolved', resolution: summary },
        });
        return {
          ...incident,
          status: 'resolved',
          resolvedBy: actor,
          resolution: summary,
          resolvedAt: deps.clock.now(),
        };
      });
    },

    async broadcast(actor, id, input) {
      const channels = [...new Set(input.channels)];
      if (channels.length === 0) throw new IncidentError('no_channels');
      if (channels.length > MAX_BROADCAST_CHANNELS)
        throw new IncidentError('too_many_channels', { max: String(MAX_BROADCAST_CHANNELS) });
      return store.inTransaction(async (tx) => {
        await requireAdmin(actor, tx, 'incident broadcast');
        const incident = await openIncident(id, tx);
        const preview = incident.drill && !input.live;
        const event = await store.appendEvent(
          { incidentId: id, kind: 'broadcast', actor, text: input.text, channels },
          tx,
        );
        const targets = preview ? [actor] : channels;
        await store.queueSends(
          targets.map((to) => ({
            purpose: INCIDENT_PURPOSES.broadcast,
            incidentId: id,
            eventId: event.id,
            to,
          })),
          tx,
        );
        await audit(tx, {
          actor,
          action: 'incident.broadcast',
          ...subject(incident),
          after: { channels, text: input.text, drill: incident.drill, preview, reviewSkipped: true },
        });
        return { event, incident, preview };
      });
    },

    async listOpen(actor) {
      await store.inTransaction((tx) => requireAdmin(actor, tx, 'incident list'));
      return store.listOpenIncidents();
    },

    async report(id) {
      const incident = await store.findIncident(id);
      if (!incident) throw new IncidentError('not_found', { id: String(id) });
      const [events, broadcasts] = await Promise.all([store.listEvents(id), store.broadcastOutcomes(id)]);
      return { incident, events, broadcasts };
    },

    findIncident: (id) => store.findIncident(id),
    findEvent: (id) => store.findEvent(id),
  };
}
