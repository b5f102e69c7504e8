import type { Transaction } from 'sequelize';
import { audit } from '../../db/repositories/audit.repository';
import {
  createDelegation,
  type DelegationRecord,
  endDelegations,
  findDelegation,
  findOpenDelegations,
  findPendingTaskIdsDelegatedFrom,
  findPendingTaskIdsHeldBy,
  lockDelegationsOf,
} from '../../db/repositories/delegations.repository';
import { findPersonBySlackId, type PersonRecord } from '../../db/repositories/org.repository';
import { inTransaction } from '../../db/repositories/transaction';
import { findPeopleByIds } from '../../db/repositories/workflow-directory.repository';
import { isGuestOnly, requireActive, requireMember } from './actors';
import { applyTransfer, openTaskChange, transferRefusal } from './decision.service';
import { canApprove } from './route';
import { timeZoneOf } from './settings';
import type { PersonRef, TaskView } from './types';
import { loadTaskViews } from './view-loader';
import { WorkflowError } from './workflow-errors';
import { dayNumber, isIsoDate, todayIn } from './working-days';

/**
 * Delegation while away (代理): `/oa away <from> <to> @delegate [note]`, `/oa away off`, the
 * status, and the one-click hand-over of the tasks already pending. Routing of the tasks that
 * arrive meanwhile is in delegation-routing.ts. Rules:
 *
 * - Dates are days in the absent person's own time zone, both included; a start in the past
 *   means "from today", an end in the past or before the start is refused, at most a year.
 * - One delegation per person per day: a new one that overlaps an open one replaces it (the old
 *   one is ended, and the reply says so) — changing one's plans is one command, not two.
 * - One hop: a delegate who is away themselves on any of those days is refused (their delegate
 *   would otherwise be the real one); routing never follows a delegate's own delegation anyway.
 * - The delegate must be registered, active and more than a guest, and not the person.
 * - Refusals are `delegation_refused` with `why` and what the message needs.
 */

export const MAX_AWAY_DAYS = 366;
export const MAX_NOTE = 500;
/** Delegated tasks the status shows with their buttons (each takes a few blocks of a message). */
export const STATUS_TASKS = 5;

export interface DelegationView {
  id: number;
  person: PersonRef;
  delegate: PersonRef;
  /** YYYY-MM-DD, in the absent person's time zone, both included. */
  startDate: string;
  endDate: string;
  note: string | null;
  createdAt: string;
}

export interface AwayStatus {
  /** Today in the person's time zone. */
  today: string;
  /** The person's current and upcoming delegations, soonest first. */
  delegations: DelegationView[];
  /** Current and upcoming delegations in which the person is the delegate. */
  coveringFor: DelegationView[];
  /** Pending tasks the person holds (what a hand-over would move). */
  pendingHeld: number;
  /** How many pending tasks went to a delegate on the person's behalf (they may still act on them). */
  delegatedCount: number;
  /** The oldest of those, at most `STATUS_TASKS`. */
  delegatedTasks: TaskView[];
}

export interface AwayInput {
  from: string;
  to: string;
  delegateSlackId: string;
  note?: string | null;
}

export interface SetAwayResult {
  delegation: DelegationView;
  /** Open delegations the new one replaced. */
  replaced: DelegationView[];
  /** The start given was in the past: the delegation starts today. */
  startsToday: boolean;
  status: AwayStatus;
}

export interface HandOverResult {
  delegate: PersonRef;
  /** References of the requests whose task was handed over. */
  handedOver: string[];
  /** Tasks that stayed: `why` is requester | already_approver | delegated_to_you. */
  skipped: { reference: string; why: string }[];
}

const refuse = (why: string, details: Record<string, string | number> = {}) =>
  new WorkflowError('delegation_refused', { why, ...details });

const ref = (person: PersonRecord | undefined, id: number): PersonRef =>
  person
    ? { personId: person.id, slackUserId: person.slackUserId, name: person.name }
    : { personId: id, slackUserId: null, name: '?' };

async function views(
  rows: readonly DelegationRecord[],
  transaction?: Transaction,
): Promise<DelegationView[]> {
  const people = new Map(
    (
      await findPeopleByIds(
        rows.flatMap((d) => [d.personId, d.delegatePersonId]),
        transaction,
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((d) => ({
    id: d.id,
    person: ref(people.get(d.personId), d.personId),
    delegate: ref(people.get(d.delegatePersonId), d.delegatePersonId),
    startDate: d.startDate,
    endDate: d.endDate,
    note: d.note,
    createdAt: new Date(d.createdAt).toISOString(),
  }));
}

/** The later of two YYYY-MM-DD dates. */
const laterDate = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

const overlaps = (d: Pick<DelegationRecord, 'startDate' | 'endDate'>, from: string, to: string) =>
  d.startDate <= to && d.endDate >= from;

function cleanNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  if ([...trimmed].length > MAX_NOTE) throw new WorkflowError('text_too_long', { max: MAX_NOTE });
  return trimmed === '' ? null : trimmed;
}

/** The delegate, if they may be one: registered, active, more than a guest, not the person. */
async function eligibleDelegate(
  person: PersonRecord,
  delegateSlackId: string,
  transaction: Transaction,
): Promise<PersonRecord> {
  if (delegateSlackId === person.slackUserId) throw refuse('self');
  const delegate = await findPersonBySlackId(delegateSlackId, { transaction });
  if (!delegate) throw refuse('delegate_unknown', { who: delegateSlackId });
  if (delegate.status !== 'active') throw refuse('delegate_suspended', { who: delegate.name });
  if (isGuestOnly(delegate)) throw refuse('delegate_guest', { who: delegate.name });
  return delegate;
}

/** `/oa away <from> <to> @delegate [note]`. */
export async function setAway(
  actorSlackId: string,
  input: AwayInput,
  now = new Date(),
): Promise<SetAwayResult> {
  for (const [field, value] of [
    ['from', input.from],
    ['to', input.to],
  ] as const)
    if (!isIsoDate(value)) throw new WorkflowError('invalid_input', { field, value });
  const note = cleanNote(input.note);
  const result = await inTransaction(async (transaction) => {
    const person = await requireMember(actorSlackId, transaction);
    const today = todayIn(timeZoneOf(person), now);
    if (input.to < input.from) throw refuse('end_before_start', { from: input.from, to: input.to });
    if (input.to < today) throw refuse('already_over', { to: input.to, today });
    const from = laterDate(input.from, today);
    if (dayNumber(input.to) - dayNumber(from) + 1 > MAX_AWAY_DAYS)
      throw refuse('too_long', { max: MAX_AWAY_DAYS });
    const delegate = await eligibleDelegate(person, input.delegateSlackId, transaction);
    // Both people's delegations must stay still while we look at them (in id order: no deadlock).
    for (const id of [person.id, delegate.id].sort((a, b) => a - b)) await lockDelegationsOf(id, transaction);
    const delegateAway = (await findOpenDelegations({ personIds: [delegate.id] }, from, transaction)).find(
      (d) => overlaps(d, from, input.to),
    );
    if (delegateAway)
      throw refuse('delegate_away', {
        who: delegate.name,
        from: delegateAway.startDate,
        to: delegateAway.endDate,
      });
    const replaced = (await findOpenDelegations({ personIds: [person.id] }, today, transaction)).filter((d) =>
      overlaps(d, from, input.to),
    );
    await endDelegations(
      replaced.map((d) => d.id),
      now,
      actorSlackId,
      transaction,
    );
    const created = await createDelegation(
      { personId: person.id, delegatePersonId: delegate.id, startDate: from, endDate: input.to, note },
      transaction,
    );
    const summary = (d: DelegationRecord) => ({
      id: d.id,
      delegate: d.delegatePersonId,
      from: d.startDate,
      to: d.endDate,
    });
    await audit(transaction, {
      actor: actorSlackId,
      action: 'delegation.set',
      subjectType: 'person',
      subjectId: actorSlackId,
      before: replaced.length ? { replaced: replaced.map(summary) } : null,
      after: { ...summary(created), delegateSlackId: delegate.slackUserId, note },
    });
    const [view, ...replacedViews] = await views([created, ...replaced], transaction);
    return { delegation: view!, replaced: replacedViews, startsToday: from !== input.from };
  });
  return { ...result, status: await awayStatus(actorSlackId, now) };
}

/** `/oa away off`: ends the current and upcoming delegations; tasks already delegated stay. */
export async function endAway(
  actorSlackId: string,
  now = new Date(),
): Promise<{ ended: DelegationView[]; stillWithDelegate: number }> {
  const ended = await inTransaction(async (transaction) => {
    const person = await requireActive(actorSlackId, transaction);
    await lockDelegationsOf(person.id, transaction);
    const open = await findOpenDelegations(
      { personIds: [person.id] },
      todayIn(timeZoneOf(person), now),
      transaction,
    );
    if (open.length === 0) throw refuse('not_away');
    await endDelegations(
      open.map((d) => d.id),
      now,
      actorSlackId,
      transaction,
    );
    await audit(transaction, {
      actor: actorSlackId,
      action: 'delegation.ended',
      subjectType: 'person',
      subjectId: actorSlackId,
      before: { delegations: open.map((d) => ({ id: d.id, from: d.startDate, to: d.endDate })) },
      after: { endedAt: now.toISOString() },
    });
    return views(open, transaction);
  });
  const person = await requireActive(actorSlackId);
  return { ended, stillWithDelegate: (await findPendingTaskIdsDelegatedFrom(person.id)).length };
}

/** `/oa away` with nothing else: the person's delegations, whom they cover for, their tasks. */
export async function awayStatus(actorSlackId: string, now = new Date()): Promise<AwayStatus> {
  const person = await requireActive(actorSlackId);
  const today = todayIn(timeZoneOf(person), now);
  const [mine, covering, held, delegated] = await Promise.all([
    findOpenDelegations({ personIds: [person.id] }, today),
    findOpenDelegations({ delegatePersonIds: [person.id] }, today),
    findPendingTaskIdsHeldBy(person.id),
    findPendingTaskIdsDelegatedFrom(person.id),
  ]);
  const [delegations, coveringFor] = await Promise.all([views(mine), views(covering)]);
  return {
    today,
    delegations,
    coveringFor,
    pendingHeld: held.length,
    delegatedCount: delegated.length,
    delegatedTasks: await loadTaskViews(delegated.slice(0, STATUS_TASKS)),
  };
}

/**
 * Hands the person's pending tasks to the delegate of one of their open delegations, each through
 * the transfer of decision.service.ts in its own transaction (which locks the request and
 * re-checks the task): a second click, or two at once, finds the tasks moved and moves nothing.
 * Tasks that came to the person as someone's delegate stay (one hop), and so do those the
 * delegate requested or already approves in the same step.
 */
export async function handOverPendingTasks(
  actorSlackId: string,
  delegationId: number,
  now = new Date(),
): Promise<HandOverResult> {
  const person = await requireActive(actorSlackId);
  const delegation = await findDelegation(delegationId);
  // A forged or someone else's button learns nothing about the delegation.
  if (!delegation || delegation.personId !== person.id) throw refuse('handover_not_yours');
  if (delegation.endedAt || delegation.endDate < todayIn(timeZoneOf(person), now))
    throw refuse('handover_over');
  const handedOver: string[] = [];
  const skipped: HandOverResult['skipped'] = [];
  let delegateRef: PersonRef | undefined;
  for (const taskId of await findPendingTaskIdsHeldBy(person.id)) {
    await inTransaction(async (transaction) => {
      const opened = await openTaskChange(actorSlackId, taskId, transaction).catch((error: unknown) => {
        // Decided, moved or closed since the list was read (or by a second click): nothing to do.
        if (error instanceof WorkflowError && ['already_decided', 'invalid_state'].includes(error.code))
          return null;
        throw error;
      });
      if (!opened) return;
      const { change, task } = opened;
      const [delegate] = await findPeopleByIds([delegation.delegatePersonId], transaction);
      if (!delegate || !canApprove(delegate))
        throw refuse('delegate_suspended', { who: delegate?.name ?? String(delegation.delegatePersonId) });
      delegateRef = ref(delegate, delegate.id);
      if (task.delegationId !== null) {
        skipped.push({ reference: change.instance.reference, why: 'delegated_to_you' });
        return;
      }
      const refusal = await transferRefusal(change, task, delegate);
      if (refusal) {
        skipped.push({ reference: change.instance.reference, why: String(refusal.details.why) });
        return;
      }
      const created = await applyTransfer(
        change,
        task,
        delegate,
        delegation.note,
        { personId: person.id, slackUserId: actorSlackId },
        { delegationId: delegation.id, data: { delegationId: delegation.id } },
      );
      change.audit(
        'workflow.task_handed_over',
        { task: task.id, assignee: person.id },
        { task: created.id, assignee: delegate.id, delegation: delegation.id },
      );
      await change.write();
      handedOver.push(change.instance.reference);
    });
  }
  if (!delegateRef) {
    const [delegate] = await findPeopleByIds([delegation.delegatePersonId]);
    delegateRef = ref(delegate, delegation.delegatePersonId);
  }
  return { delegate: delegateRef, handedOver, skipped };
}
