import type { Change } from './change';
import type { WorkflowDeps } from './deps';
import type { Recipient } from './outbox';
import type { DelegationRecord, PersonRecord, TaskRecord } from './records';
import { canApprove } from './route';
import { timeZoneOf } from './settings';
import type { Tx, WorkflowStore } from './store';
import { addDays, todayIn } from './working-days';

/**
 * Where a starting step's tasks go when an approver is away: to their delegate, on their behalf.
 * Delegation stops at one hop — only the planned approvers' delegations are looked up, never the
 * delegate's own — and a task is never delegated to its requester (nobody approves their own
 * request) nor to someone who already holds a task of the same step (a countersign would lose a
 * signature); in those cases it stays with the approver, and the audit log says why.
 */

export interface Assignment {
  assigneePersonId: number;
  onBehalfOfPersonId: number | null;
  delegationId: number | null;
}

export type DelegationSkip = 'delegate_is_requester' | 'delegate_already_approver' | 'delegate_not_eligible';

/** The delegation of each person that covers `now` (each in the person's own time zone). */
export async function coveringDelegations(
  deps: WorkflowDeps,
  people: readonly Pick<PersonRecord, 'id' | 'timezone'>[],
  now: Date,
  transaction?: Tx,
): Promise<Map<number, DelegationRecord>> {
  if (people.length === 0) return new Map();
  // Time zones are at most a day apart: read from yesterday (UTC), then decide per person.
  const open = await deps.store.findOpenDelegations(
    { personIds: people.map((person) => person.id) },
    addDays(todayIn('UTC', now), -1),
    transaction,
  );
  const covering = new Map<number, DelegationRecord>();
  for (const person of people) {
    const today = todayIn(timeZoneOf(deps.settings, person), now);
    const found = open.find((d) => d.personId === person.id && d.startDate <= today && today <= d.endDate);
    if (found) covering.set(person.id, found);
  }
  return covering;
}

/** Whether a person may act on a task: its holder, or the absent approver it was delegated from. */
export const mayActOnTask = (
  task: Pick<TaskRecord, 'assigneePersonId' | 'onBehalfOfPersonId' | 'delegationId'>,
  personId: number,
): boolean =>
  task.assigneePersonId === personId || (task.delegationId !== null && task.onBehalfOfPersonId === personId);

/** Who each planned approver's task goes to; delegations taken are recorded by `recordDelegations`. */
export async function assignmentsFor(
  change: Change,
  approverPersonIds: readonly number[],
): Promise<Assignment[]> {
  const { transaction, instance, deps } = change;
  const approvers = await deps.store.findPeopleByIds(approverPersonIds, transaction);
  const covering = await coveringDelegations(deps, approvers, change.now, transaction);
  const direct = (id: number): Assignment => ({
    assigneePersonId: id,
    onBehalfOfPersonId: null,
    delegationId: null,
  });
  if (covering.size === 0) return approverPersonIds.map(direct);
  const delegates = new Map(
    (
      await deps.store.findPeopleByIds(
        [...covering.values()].map((d) => d.delegatePersonId),
        transaction,
      )
    ).map((person) => [person.id, person]),
  );
  const holders = new Set(approverPersonIds);
  return approverPersonIds.map((id) => {
    const delegation = covering.get(id);
    if (!delegation) return direct(id);
    const delegate = delegates.get(delegation.delegatePersonId);
    let skip: DelegationSkip | null = null;
    if (!delegate || !canApprove(delegate)) skip = 'delegate_not_eligible';
    else if (delegate.id === instance.requesterPersonId) skip = 'delegate_is_requester';
    else if (holders.has(delegate.id)) skip = 'delegate_already_approver';
    if (skip) {
      change.audit('workflow.delegation_skipped', null, {
        approver: id,
        delegate: delegation.delegatePersonId,
        delegation: delegation.id,
        why: skip,
      });
      return direct(id);
    }
    holders.add(delegation.delegatePersonId);
    return {
      assigneePersonId: delegation.delegatePersonId,
      onBehalfOfPersonId: id,
      delegationId: delegation.id,
    };
  });
}

/**
 * For each task that went to a delegate: the delegate may see the request, the history and the
 * audit log say so, and the absent approver gets an FYI (with the buttons: they may still decide).
 */
export async function recordDelegations(change: Change, tasks: readonly TaskRecord[]): Promise<void> {
  const delegated = tasks.filter((task) => task.delegationId !== null && task.onBehalfOfPersonId !== null);
  if (delegated.length === 0) return;
  const absent = new Map(
    (
      await change.deps.store.findPeopleByIds(
        delegated.map((task) => task.onBehalfOfPersonId!),
        change.transaction,
      )
    ).map((person) => [person.id, person]),
  );
  change.update({
    participantPersonIds: [
      ...new Set([
        ...change.instance.participantPersonIds,
        ...delegated.map((task) => task.assigneePersonId),
      ]),
    ],
  });
  for (const task of delegated) {
    const data = {
      fromPersonId: task.onBehalfOfPersonId,
      toPersonId: task.assigneePersonId,
      delegationId: task.delegationId,
    };
    change.event('delegated', { stepIndex: task.stepIndex, taskId: task.id, data });
    change.audit(
      'workflow.task_delegated',
      { task: task.id, assignee: task.onBehalfOfPersonId },
      {
        task: task.id,
        ...data,
      },
    );
    const person = absent.get(task.onBehalfOfPersonId!);
    change.notifications.add(
      'task_delegated',
      { personId: task.onBehalfOfPersonId, slackUserId: person?.slackUserId ?? null },
      { instanceId: change.instance.id, taskId: task.id },
      task.id,
    );
  }
}

/**
 * Who holds a task, as the recipient of its card's update: the actor when they hold it, otherwise
 * (the absent approver acting on a delegated task) the delegate, whose DM has the card.
 */
export async function taskHolder(
  store: WorkflowStore,
  task: Pick<TaskRecord, 'assigneePersonId'>,
  actor: Pick<PersonRecord, 'id' | 'slackUserId'>,
  transaction: Tx,
): Promise<Recipient> {
  if (task.assigneePersonId === actor.id) return { personId: actor.id, slackUserId: actor.slackUserId };
  const [holder] = await store.findPeopleByIds([task.assigneePersonId], transaction);
  return { personId: task.assigneePersonId, slackUserId: holder?.slackUserId ?? null };
}
