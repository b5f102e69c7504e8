import { type AuditEvent, auditRows } from '../audit/audit.service';
import type { Actor, WorkflowDeps } from './deps';
import type { EventKind, InstanceStatus } from './model';
import { PendingNotifications, type Recipient } from './outbox';
import type { InstanceRecord, PersonRecord } from './records';
import type { NewEvent, TaskClose, Tx } from './store';
import type { TemplateDefinition } from './template-schema';

export type { Actor } from './deps';

/**
 * The parts every change shares: a change holds the locked request, collects its updates (the
 * request, the tasks it closes, the revision's outcome), the history lines, audit rows and
 * notifications, and writes them all at the end, in the change's transaction, as one statement.
 */

export class Change {
  readonly notifications: PendingNotifications;
  readonly now: Date;
  /** Outbox rows written leased to the caller (`notifications.leaseToCaller`), once written. */
  readonly leasedOutboxIds: string[] = [];
  private readonly people = new Map<number, PersonRecord>();
  private readonly events: NewEvent[] = [];
  private readonly audits: AuditEvent[] = [];
  private instanceChanges: Partial<Omit<InstanceRecord, 'id' | 'createdAt'>> = {};
  private readonly taskCloses: TaskClose[] = [];
  private readonly closing = new Set<number>();
  private revisionOutcome: { revision: number; outcome: InstanceStatus | null } | undefined;

  constructor(
    /** The engine's store, clock, settings and review effects. */
    readonly deps: WorkflowDeps,
    readonly transaction: Tx,
    /** Loaded under the row lock; `update` keeps it current. */
    public instance: InstanceRecord,
    readonly template: TemplateDefinition,
    readonly actor: Actor,
  ) {
    this.notifications = new PendingNotifications(instance.id);
    this.now = deps.clock.now();
  }

  /** People read under the lock for this change (`peopleByIds` reads the others). */
  knowPeople(people: readonly PersonRecord[]): void {
    for (const person of people) this.people.set(person.id, person);
  }

  /** The people with these ids (each once, unknown ids left out), read only if not known yet. */
  async peopleByIds(ids: readonly number[]): Promise<PersonRecord[]> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.people.has(id));
    this.knowPeople(await this.deps.store.findPeopleByIds(missing, this.transaction));
    return unique.flatMap((id) => this.people.get(id) ?? []);
  }

  get requester(): Recipient {
    return { personId: this.instance.requesterPersonId, slackUserId: this.instance.requesterSlackId };
  }

  /**
   * Changes the request. Written by `write()` with the rest of the change (one statement), so
   * a change that updates must write, and nothing in it may read the request's row back from
   * the database meanwhile: `instance` is the current state.
   */
  update(changes: Partial<Omit<InstanceRecord, 'id' | 'createdAt'>>): void {
    Object.assign(this.instanceChanges, changes);
    this.instance = { ...this.instance, ...changes };
  }

  /**
   * Closes tasks with a status, those still pending (a closed task never changes again), when the
   * change is written; a task closed once in a change stays as first closed.
   */
  closeTasks(ids: readonly number[], changes: TaskClose['changes']): void {
    const fresh = ids.filter((id) => !this.closing.has(id));
    for (const id of fresh) this.closing.add(id);
    if (fresh.length > 0) this.taskCloses.push({ ids: fresh, changes });
  }

  /** The outcome of the request's current revision, written with the change. */
  setRevisionOutcome(outcome: InstanceStatus | null): void {
    this.revisionOutcome = { revision: this.instance.revision, outcome };
  }

  event(
    kind: EventKind,
    details: {
      stepIndex?: number | null;
      taskId?: number | null;
      text?: string | null;
      data?: Record<string, unknown>;
    } = {},
  ): void {
    this.events.push({
      instanceId: this.instance.id,
      revision: this.instance.revision,
      stepIndex: details.stepIndex ?? null,
      taskId: details.taskId ?? null,
      kind,
      actorPersonId: this.actor.personId,
      actorSlackId: this.actor.slackUserId,
      text: details.text ?? null,
      data: details.data ?? {},
      at: this.now,
    });
  }

  audit(action: string, before: unknown, after: unknown): void {
    this.audits.push({
      actor: this.actor.slackUserId,
      action,
      subjectType: 'workflow_request',
      subjectId: this.instance.reference,
      before,
      after,
    });
  }

  auditOther(event: AuditEvent): void {
    this.audits.push(event);
  }

  /**
   * Writes the change: the request's new state, the tasks it closes, the revision's outcome, the
   * history, the audit rows and the outbox, in one statement; returns the history rows' ids.
   * A second call writes only what was added since the first.
   */
  async write(): Promise<string[]> {
    const rows = {
      instance: { id: this.instance.id, changes: this.instanceChanges },
      taskCloses: this.taskCloses.splice(0),
      ...(this.revisionOutcome === undefined
        ? {}
        : {
            revisionOutcome: { instanceId: this.instance.id, ...this.revisionOutcome },
          }),
      events: this.events.splice(0),
      audits: auditRows(this.audits.splice(0)),
      outbox: this.notifications.take(),
    };
    this.instanceChanges = {};
    this.revisionOutcome = undefined;
    const { eventIds, leasedOutboxIds } = await this.deps.store.writeChangeRows(rows, this.transaction);
    this.leasedOutboxIds.push(...leasedOutboxIds);
    return eventIds;
  }
}
