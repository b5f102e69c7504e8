import type { CreationAttributes, Transaction } from 'sequelize';
import type { WorkflowEvent } from '../../db/models';
import { type TaskClose, writeChangeRows } from '../../db/repositories/change-rows.repository';
import type { PersonRecord } from '../../db/repositories/org.repository';
import {
  applyRegistration,
  createTasks,
  findPeopleByIds,
  type InstanceRecord,
  nextCounterValue,
  type TaskRecord,
} from '../../db/repositories/workflows.repository';
import { type AuditEvent, auditRows } from '../audit/audit.service';
import { assignmentsFor, recordDelegations } from './delegation-routing';
import { dueAtFor } from './due-time';
import { PendingNotifications, type Recipient } from './outbox';
import { workflowSettings } from './settings';
import type { TemplateDefinition } from './template-schema';
import type { EventKind, InstanceStatus } from './types';
import { todayIn } from './working-days';

/**
 * The parts every change shares: a change holds the locked request, collects its updates (the
 * request, the tasks it closes, the revision's outcome), the history lines, audit rows and
 * notifications, and writes them all at the end, in the change's transaction, as one statement.
 */

export interface Actor {
  personId: number | null;
  slackUserId: string;
}

export class Change {
  readonly notifications: PendingNotifications;
  readonly now = new Date();
  /** Outbox rows written leased to the caller (`notifications.leaseToCaller`), once written. */
  readonly leasedOutboxIds: string[] = [];
  private readonly people = new Map<number, PersonRecord>();
  private readonly events: CreationAttributes<WorkflowEvent>[] = [];
  private readonly audits: AuditEvent[] = [];
  private instanceChanges: Partial<Omit<InstanceRecord, 'id' | 'createdAt'>> = {};
  private readonly taskCloses: TaskClose[] = [];
  private readonly closing = new Set<number>();
  private revisionOutcome: { revision: number; outcome: InstanceStatus | null } | undefined;

  constructor(
    readonly transaction: Transaction,
    /** Loaded under the row lock; `update` keeps it current. */
    public instance: InstanceRecord,
    readonly template: TemplateDefinition,
    readonly actor: Actor,
  ) {
    this.notifications = new PendingNotifications(instance.id);
  }

  /** People read under the lock for this change (`peopleByIds` reads the others). */
  knowPeople(people: readonly PersonRecord[]): void {
    for (const person of people) this.people.set(person.id, person);
  }

  /** The people with these ids (each once, unknown ids left out), read only if not known yet. */
  async peopleByIds(ids: readonly number[]): Promise<PersonRecord[]> {
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.people.has(id));
    this.knowPeople(await findPeopleByIds(missing, this.transaction));
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
    const { eventIds, leasedOutboxIds } = await writeChangeRows(rows, this.transaction);
    this.leasedOutboxIds.push(...leasedOutboxIds);
    return eventIds;
  }
}

export const formatNumbered = (prefix: string, year: number, value: number) =>
  `${prefix}-${year}-${String(value).padStart(4, '0')}`;

/** `<prefix>-<year>-<nnnn>` from the counter of that scope and year, in the change's transaction. */
export async function nextNumber(
  scope: 'ref' | 'doc',
  prefix: string,
  transaction: Transaction,
): Promise<string> {
  const year = Number(todayIn(workflowSettings().defaultTimeZone).slice(0, 4));
  return formatNumbered(prefix, year, await nextCounterValue(`${scope}:${prefix}`, year, transaction));
}

/** Creates the tasks of a step (of the current revision) and DMs each approver a card. */
export async function startStep(change: Change, stepIndex: number): Promise<TaskRecord[]> {
  const { instance, transaction } = change;
  const step = instance.route.steps[stepIndex];
  if (!step) throw new Error(`request ${instance.reference} has no step ${stepIndex}`);
  const dueAt = await dueAtFor(change.template, step.key, change.now, transaction);
  // An approver who is away today has their task go to their delegate (delegation-routing.ts).
  const assignments = await assignmentsFor(change, step.approverPersonIds);
  const tasks = await createTasks(
    assignments.map((assignment) => ({
      instanceId: instance.id,
      revision: instance.revision,
      stepIndex,
      ...assignment,
      dueAt,
    })),
    transaction,
  );
  const people = new Map(
    (
      await findPeopleByIds(
        tasks.map((task) => task.assigneePersonId),
        transaction,
      )
    ).map((p) => [p.id, p]),
  );
  for (const task of tasks) {
    change.notifications.add(
      'task_assigned',
      {
        personId: task.assigneePersonId,
        slackUserId: people.get(task.assigneePersonId)?.slackUserId ?? null,
      },
      { instanceId: instance.id, taskId: task.id, stepIndex, revision: instance.revision },
      task.id,
    );
  }
  await recordDelegations(change, tasks);
  change.update({ currentStep: stepIndex });
  return tasks;
}

/**
 * What a template purpose does, in the change's transaction, when a review ends (the announcements
 * domain publishes on approval). A purpose other than `request`/`registration` must register one:
 * an approval with nobody to act on it is refused rather than silently lost.
 */
export type ReviewFinishedEffect = (
  change: Change,
  outcome: 'approved' | 'rejected' | 'returned',
) => Promise<void>;
const reviewFinishedEffects = new Map<string, ReviewFinishedEffect>();

export function onReviewFinished(purpose: string, effect: ReviewFinishedEffect): void {
  reviewFinishedEffects.set(purpose, effect);
}

/** Ends the current revision's review: approved, rejected or returned for changes. */
export async function finishReview(
  change: Change,
  outcome: 'approved' | 'rejected' | 'returned',
): Promise<void> {
  const { instance, template, transaction } = change;
  const before = { status: instance.status };
  const changes: Partial<InstanceRecord> = {
    status: outcome,
    currentStep: null,
    // A returned request is not decided: it waits for its requester.
    decidedAt: outcome === 'returned' ? null : change.now,
  };
  if (outcome === 'approved' && template.documentNumber) {
    changes.documentNumber = await nextNumber('doc', template.documentNumber.prefix, transaction);
    changes.searchText = `${instance.searchText}\n${changes.documentNumber.toLowerCase()}`;
  }
  change.update(changes);
  change.setRevisionOutcome(outcome);
  if (outcome === 'approved' && template.purpose === 'registration') await registerRequester(change);
  if (template.purpose === 'announcement') {
    const effect = reviewFinishedEffects.get(template.purpose);
    if (!effect) throw new Error(`no review effect registered for purpose ${template.purpose}`);
    await effect(change, outcome);
  }

  change.event('completed', { data: { outcome, documentNumber: change.instance.documentNumber } });
  change.audit(`workflow.${outcome}`, before, {
    status: outcome,
    ...(change.instance.documentNumber ? { documentNumber: change.instance.documentNumber } : {}),
  });
  change.notifications.add('request_updated', change.requester, {
    instanceId: instance.id,
    event: 'decided',
  });
  change.notifications.add('request_decided', change.requester, { instanceId: instance.id, outcome });
  if (outcome === 'returned') return;
  const copied = change.instance.route.cc.filter((cc) => outcome === 'approved' || cc.when === 'decided');
  const people = await change.peopleByIds(copied.map((cc) => cc.personId));
  for (const person of people) {
    change.notifications.add(
      'cc_notified',
      { personId: person.id, slackUserId: person.slackUserId },
      { instanceId: instance.id, outcome },
    );
  }
}

/** An approved registration: the registrant becomes an active user of the chosen department. */
async function registerRequester(change: Change): Promise<void> {
  const { instance, transaction } = change;
  const form = instance.form;
  const departmentId = instance.departmentId;
  if (departmentId === null) throw new Error(`registration ${instance.reference} has no department`);
  const { person, created, before } = await applyRegistration(
    {
      slackUserId: instance.requesterSlackId,
      name: String(form.name),
      departmentId,
      position: String(form.position),
      contact: String(form.contact),
    },
    transaction,
  );
  change.update({
    requesterPersonId: person.id,
    participantPersonIds: [...new Set([...instance.participantPersonIds, person.id])],
  });
  change.auditOther({
    actor: change.actor.slackUserId,
    action: created ? 'person.registered' : 'person.registration_applied',
    subjectType: 'person',
    subjectId: instance.requesterSlackId,
    before,
    after: {
      name: person.name,
      departmentId,
      position: person.position,
      contact: person.contact,
      roles: person.roles,
      status: person.status,
      registration: instance.reference,
    },
  });
}
