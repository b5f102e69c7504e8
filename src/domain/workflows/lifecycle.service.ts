import { findActor, requireAdmin, requireRequester } from './actors';
import { Change } from './change';
import { cleanText } from './decision.service';
import type { WorkflowDeps } from './deps';
import type { SupersededReason } from './outbox-types';
import type { InstanceRecord } from './records';
import type { Tx } from './store';
import { templateVersion } from './template.service';
import type { ActionResult } from './view-types';
import { WorkflowError } from './workflow-errors';

/** The requester withdrawing, an admin cancelling, and participants commenting. */

async function lockedInstance(
  deps: WorkflowDeps,
  instanceId: number,
  transaction: Tx,
): Promise<InstanceRecord> {
  const instance = await deps.store.lockInstance(instanceId, transaction);
  if (!instance) throw new WorkflowError('not_found', { what: 'request' });
  return instance;
}

const OPEN = ['in_review', 'returned'];

/** Closes the open tasks of a stopped request and updates their cards. */
async function closeOpenTasks(change: Change, status: 'withdrawn' | 'cancelled', reason: SupersededReason) {
  const { deps } = change;
  const pending = await deps.store.findPendingTasksOf(change.instance.id, change.transaction);
  change.closeTasks(
    pending.map((task) => task.id),
    { status, decidedAt: change.now },
  );
  const people = new Map(
    (
      await deps.store.findPeopleByIds(
        pending.map((task) => task.assigneePersonId),
        change.transaction,
      )
    ).map((p) => [p.id, p]),
  );
  for (const task of pending) {
    change.notifications.add(
      'task_superseded',
      {
        personId: task.assigneePersonId,
        slackUserId: people.get(task.assigneePersonId)?.slackUserId ?? null,
      },
      { instanceId: change.instance.id, taskId: task.id, reason },
      task.id,
    );
  }
}

const result = (change: Change): ActionResult => ({
  instanceId: change.instance.id,
  reference: change.instance.reference,
  status: change.instance.status,
  currentStepIndex: change.instance.currentStep,
});

/** The requester takes back a request that is in review or returned to them. */
export async function withdraw(
  deps: WorkflowDeps,
  requesterSlackId: string,
  instanceId: number,
): Promise<ActionResult> {
  return deps.store.inTransaction(async (transaction) => {
    const instance = await lockedInstance(deps, instanceId, transaction);
    const person = await requireRequester(deps.store, requesterSlackId, instance, transaction);
    if (!OPEN.includes(instance.status))
      throw new WorkflowError('invalid_state', { status: instance.status });
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, {
      personId: person?.id ?? null,
      slackUserId: requesterSlackId,
    });
    await closeOpenTasks(change, 'withdrawn', 'request_withdrawn');
    change.update({ status: 'withdrawn', currentStep: null, decidedAt: change.now });
    change.setRevisionOutcome('withdrawn');
    change.event('withdrawn');
    change.audit('workflow.withdrawn', { status: instance.status }, { status: 'withdrawn' });
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'withdrawn',
    });
    await change.write();
    return result(change);
  });
}

/** An admin stops a request that is in review or returned, with a reason. */
export async function cancel(
  deps: WorkflowDeps,
  adminSlackId: string,
  instanceId: number,
  reason: string,
): Promise<ActionResult> {
  const text = cleanText(reason, true);
  return deps.store.inTransaction(async (transaction) => {
    const instance = await lockedInstance(deps, instanceId, transaction);
    const admin = await requireAdmin(deps.store, adminSlackId, transaction);
    if (!OPEN.includes(instance.status))
      throw new WorkflowError('invalid_state', { status: instance.status });
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, {
      personId: admin.id,
      slackUserId: adminSlackId,
    });
    await closeOpenTasks(change, 'cancelled', 'request_cancelled');
    change.update({ status: 'cancelled', currentStep: null, decidedAt: change.now });
    change.setRevisionOutcome('cancelled');
    change.event('cancelled', { text });
    change.audit('workflow.cancelled', { status: instance.status }, { status: 'cancelled', reason: text });
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'decided',
    });
    change.notifications.add('request_decided', change.requester, {
      instanceId: instance.id,
      outcome: 'cancelled',
    });
    await change.write();
    return result(change);
  });
}

/**
 * A comment from a participant: the requester or anyone the route names (approvers, CC).
 * Everyone who holds or held a task, and the requester, hears of it — except its author.
 */
export async function comment(
  deps: WorkflowDeps,
  actorSlackId: string,
  instanceId: number,
  text: string,
  /**
   * The submission's key (the comment modal's view id): Slack's retries and replays of one
   * submission find it and add nothing, as a submitted request does.
   */
  options: { idempotencyKey?: string } = {},
): Promise<{ instanceId: number; reference: string; eventId: string | null }> {
  const body = cleanText(text, true)!;
  const key = options.idempotencyKey ? `comment:${options.idempotencyKey}`.slice(0, 255) : undefined;
  return deps.store.inTransaction(async (transaction) => {
    const instance = await lockedInstance(deps, instanceId, transaction);
    // Under the request's lock, so a replay racing the first submission waits and then finds it.
    if (key && (await deps.store.findIdempotentInstanceId(actorSlackId, key, transaction)) !== null)
      return { instanceId: instance.id, reference: instance.reference, eventId: null };
    const person = await findActor(deps.store, actorSlackId, transaction);
    if (person && person.status !== 'active') throw new WorkflowError('suspended');
    const isRequester = instance.requesterSlackId === actorSlackId;
    if (!person && !isRequester) throw new WorkflowError('not_registered');
    if (!isRequester && !(person && instance.participantPersonIds.includes(person.id)))
      throw new WorkflowError('not_participant');
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, {
      personId: person?.id ?? null,
      slackUserId: actorSlackId,
    });
    change.event('commented', { text: body });
    change.audit('workflow.commented', null, { length: [...body].length });
    const [eventId] = await change.write();

    // The comment's id is known only now: its notifications follow in the same transaction.
    const approverIds = [
      ...new Set(
        (await deps.store.findTasksOf([instance.id], transaction)).map((task) => task.assigneePersonId),
      ),
    ];
    const approvers = await deps.store.findPeopleByIds(approverIds, transaction);
    const followUp = new Change(deps, transaction, instance, template.definition, change.actor);
    const recipients = new Map<string, number | null>();
    if (!isRequester) recipients.set(instance.requesterSlackId, instance.requesterPersonId);
    for (const approver of approvers)
      if (approver.slackUserId && approver.slackUserId !== actorSlackId)
        recipients.set(approver.slackUserId, approver.id);
    for (const [slackUserId, personId] of recipients)
      followUp.notifications.add(
        'comment_added',
        { personId, slackUserId },
        { instanceId: instance.id, eventId: eventId! },
      );
    followUp.notifications.add('request_updated', followUp.requester, {
      instanceId: instance.id,
      event: 'commented',
    });
    await followUp.write();
    if (key) await deps.store.saveIdempotencyKey(actorSlackId, key, instance.id, transaction);
    return { instanceId: instance.id, reference: instance.reference, eventId: eventId! };
  });
}
