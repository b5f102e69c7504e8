import { activeActor, isGuestOnly } from './actors';
import { Change } from './change';
import { mayActOnTask, taskHolder } from './delegation-routing';
import type { WorkflowDeps } from './deps';
import { DIGEST_FOLLOW_MS, type Recipient } from './outbox';
import type { TaskDecision } from './outbox-types';
import type { InstanceRecord, PersonRecord, TaskRecord } from './records';
import { canApprove } from './route';
import { type Decision, stepOutcome } from './step-outcome';
import type { Tx } from './store';
import { templateVersion } from './template.service';
import { finishReview, startStep } from './transitions';
import type { ActionResult } from './view-types';
import { trimInvisible } from './visible-text';
import { WorkflowError, type WorkflowErrorCode } from './workflow-errors';

/**
 * Approvers' actions on their tasks. Each locks the request row first, then re-reads the actor and
 * the task: of twenty identical clicks, the first decides and the others find the task decided.
 */

export const MAX_TEXT = 3000;

export function cleanText(
  text: string | undefined,
  required: boolean,
  /** The refusal when a required text shows nothing (an opinion is not a reason). */
  missing: WorkflowErrorCode = 'reason_required',
): string | null {
  const trimmed = trimInvisible(text ?? '');
  if (required && trimmed === '') throw new WorkflowError(missing);
  if ([...trimmed].length > MAX_TEXT) throw new WorkflowError('text_too_long', { max: MAX_TEXT });
  return trimmed === '' ? null : trimmed;
}

interface TaskChange {
  change: Change;
  task: TaskRecord;
  actor: PersonRecord;
  /** Every task of the task's step (the task included), read under the request's lock. */
  stepTasks: TaskRecord[];
}

/** Locks the task's request and checks that the actor holds the still-pending task. */
export async function openTaskChange(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  transaction: Tx,
): Promise<TaskChange> {
  const instance = await deps.store.lockInstanceOfTask(taskId, transaction);
  if (!instance) throw new WorkflowError('not_found', { what: 'task' });
  // Read after the lock (a statement of its own, so it sees every change committed before the
  // lock was granted): the actor as they stand now, and the task's state as the last change left it.
  // With the people the route copies (an approval that ends the review notifies them).
  const read = await deps.store.findActorAndStep(
    actorSlackId,
    taskId,
    instance.route.cc.map((cc) => cc.personId),
    transaction,
  );
  const actor = activeActor(read.actor);
  const stepTasks = read.stepTasks;
  const task = stepTasks.find((t) => t.id === taskId);
  if (!task) throw new WorkflowError('not_found', { what: 'task' });
  // Authorisation before state: a forged click learns nothing about the task.
  // The holder, or the absent approver whose task went to their delegate (delegation-routing.ts).
  if (!mayActOnTask(task, actor.id)) throw new WorkflowError('not_your_task');
  // Made a guest since the task was assigned: guests never decide.
  if (isGuestOnly(actor)) throw new WorkflowError('guest_forbidden');
  if (task.status !== 'pending') throw await alreadyDecided(deps, task, instance, transaction);
  if (
    instance.status !== 'in_review' ||
    task.revision !== instance.revision ||
    task.stepIndex !== instance.currentStep
  )
    throw new WorkflowError('invalid_state', { status: instance.status });
  const template = await templateVersion(deps, instance.templateId, transaction);
  const change = new Change(deps, transaction, instance, template.definition, {
    personId: actor.id,
    slackUserId: actorSlackId,
  });
  change.knowPeople(read.people);
  return { change, task, actor, stepTasks };
}

/** "Already decided by X at T": who closed the task (or its step, or the request) and how. */
async function alreadyDecided(
  deps: WorkflowDeps,
  task: TaskRecord,
  instance: InstanceRecord,
  transaction: Tx,
): Promise<WorkflowError> {
  let byPersonId: number | null = task.assigneePersonId;
  let bySlackId: string | null = null;
  let decision: string = task.status;
  let at = task.decidedAt;
  if (task.status === 'superseded') {
    const decisive = (
      await deps.store.findStepTasks(task.instanceId, task.revision, task.stepIndex, transaction)
    )
      .filter((t) => t.status === 'approved' || t.status === 'rejected' || t.status === 'returned')
      .sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0];
    byPersonId = decisive?.assigneePersonId ?? null;
    decision = decisive?.status ?? 'superseded';
    at = decisive?.decidedAt ?? at;
  } else if (task.status === 'withdrawn' || task.status === 'cancelled') {
    const event = await deps.store.findLastEventOfKind(task.instanceId, [task.status], transaction);
    byPersonId = event?.actorPersonId ?? null;
    bySlackId = event?.actorSlackId ?? null;
  }
  const [person] = byPersonId === null ? [] : await deps.store.findPeopleByIds([byPersonId], transaction);
  const by =
    person?.name ?? (bySlackId === instance.requesterSlackId ? instance.requesterName : (bySlackId ?? ''));
  return new WorkflowError('already_decided', { by, at: at ? at.toISOString() : '', decision });
}

const resultOf = (instance: InstanceRecord, taskId: number, extra: Partial<ActionResult> = {}) => ({
  instanceId: instance.id,
  reference: instance.reference,
  status: instance.status,
  currentStepIndex: instance.currentStep,
  taskId,
  documentNumber: instance.documentNumber,
  ...extra,
});

const result = (change: Change, taskId: number, extra: Partial<ActionResult> = {}): ActionResult =>
  resultOf(change.instance, taskId, extra);

const DECIDED: Record<Decision, TaskDecision> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

interface DecideOptions {
  /** The message the click came from (its ts), when the caller updates that card itself. */
  clickedCardTs?: string | undefined;
  /**
   * The submission's key (the modal's view id): a replay of one submission finds the decision it
   * made and answers as it did, rather than "already decided" by the same person.
   */
  idempotencyKey?: string | undefined;
}

async function decide(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  decision: Decision,
  text: string | null,
  options: DecideOptions = {},
): Promise<ActionResult> {
  const { clickedCardTs } = options;
  const key = options.idempotencyKey ? `${decision}:${options.idempotencyKey}`.slice(0, 255) : undefined;
  return deps.store.inTransaction(async (transaction) => {
    if (key) {
      // Under the request's lock (openTaskChange takes it again in this transaction, at no cost),
      // so a replay racing the first submission waits for it and then finds its key.
      const locked = await deps.store.lockInstanceOfTask(taskId, transaction);
      if (locked && (await deps.store.findIdempotentInstanceId(actorSlackId, key, transaction)) !== null)
        return resultOf(locked, taskId);
    }
    const { change, task, actor, stepTasks } = await openTaskChange(deps, actorSlackId, taskId, transaction);
    const holder = await taskHolder(deps.store, task, actor, transaction);
    await applyDecision(change, task, decision, text, holder, undefined, stepTasks);
    // Clicked on the card itself (read under the lock): the caller replaces it, so its update
    // is leased to the caller from the start and no courier races for it — unless reminders or
    // digests offered the same buttons, which the courier brings in line with the card.
    const clickedCard =
      clickedCardTs !== undefined &&
      task.cardTs === clickedCardTs &&
      !(await deps.store.taskHasCopies(
        { instanceId: task.instanceId, taskId: task.id, approverSlackId: actor.slackUserId },
        new Date(change.now.getTime() - DIGEST_FOLLOW_MS),
        transaction,
      )) &&
      change.notifications.leaseToCaller('task_decided', task.id);
    await change.write();
    if (key) await deps.store.saveIdempotencyKey(actorSlackId, key, change.instance.id, transaction);
    return result(change, task.id, clickedCard ? { cardUpdateRowId: change.leasedOutboxIds[0]! } : {});
  });
}

/**
 * A decision on a task whose request is locked and which is still pending in the current step:
 * closes it, supersedes the others when the step is settled, and moves the request on. The
 * caller checked who acts (an approver, or the system for automatic handling), tells who holds
 * the task (`holder`, whose card shows the decision) and writes the change.
 */
export async function applyDecision(
  change: Change,
  task: TaskRecord,
  decision: Decision,
  text: string | null,
  holder: Recipient,
  /** Extra data for the history line (e.g. that the system decided, and why). */
  data?: Record<string, unknown>,
  /** The step's tasks when the caller read them under the request's lock (else read here). */
  stepTasks?: readonly TaskRecord[],
): Promise<void> {
  const { instance, transaction, deps } = change;
  const stepIndex = task.stepIndex;
  const step = instance.route.steps[stepIndex]!;
  const others = (
    stepTasks ?? (await deps.store.findStepTasks(instance.id, instance.revision, stepIndex, transaction))
  ).filter((t) => t.id !== task.id && t.status === 'pending');
  const outcome = stepOutcome(step.mode, decision, others.length);
  const status = DECIDED[decision];

  change.closeTasks([task.id], { status, decidedAt: change.now, comment: text });
  change.event(status, { stepIndex, taskId: task.id, text, ...(data ? { data } : {}) });
  change.audit(
    `workflow.task_${status}`,
    { task: task.id, status: 'pending' },
    { task: task.id, status, step: step.key },
  );
  change.notifications.add(
    'task_decided',
    holder,
    { instanceId: instance.id, taskId: task.id, decision: status },
    task.id,
  );
  if (outcome.supersedeOthers && others.length > 0) {
    change.closeTasks(
      others.map((t) => t.id),
      { status: 'superseded', decidedAt: change.now },
    );
    const people = new Map(
      (
        await deps.store.findPeopleByIds(
          others.map((t) => t.assigneePersonId),
          transaction,
        )
      ).map((p) => [p.id, p]),
    );
    for (const other of others) {
      change.notifications.add(
        'task_superseded',
        {
          personId: other.assigneePersonId,
          slackUserId: people.get(other.assigneePersonId)?.slackUserId ?? null,
        },
        { instanceId: instance.id, taskId: other.id, reason: 'decided_by_other' },
        other.id,
      );
    }
  }

  if (outcome.result === 'continue') {
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'step_decided',
    });
  } else if (outcome.result === 'step_approved' && stepIndex + 1 < instance.route.steps.length) {
    await startStep(change, stepIndex + 1);
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'step_decided',
    });
  } else {
    await finishReview(change, outcome.result === 'step_approved' ? 'approved' : outcome.result);
  }
  change.update({ updatedAt: change.now });
}

/**
 * With `clickedCardTs` (the ts of the message clicked), a click on the task's card itself gets
 * the card's update leased to it (`cardUpdateRowId`), to make right after the commit.
 */
export async function approve(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  comment?: string,
  clickedCardTs?: string,
): Promise<ActionResult> {
  return decide(deps, actorSlackId, taskId, 'approve', cleanText(comment, false), { clickedCardTs });
}

/**
 * Approve with the approver's opinion (§六.(三).2), from the "Approve with comment…" modal: the
 * opinion must show something, is kept with the decision like a rejection's reason, and a replay
 * of the same submission (`idempotencyKey`, the modal's view id) approves nothing twice.
 */
export async function approveWithOpinion(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  opinion: string,
  options: { idempotencyKey?: string } = {},
): Promise<ActionResult> {
  const text = cleanText(opinion, true, 'opinion_required');
  return decide(deps, actorSlackId, taskId, 'approve', text, { idempotencyKey: options.idempotencyKey });
}

export async function reject(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  reason: string,
): Promise<ActionResult> {
  return decide(deps, actorSlackId, taskId, 'reject', cleanText(reason, true));
}

export async function returnForChanges(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  reason: string,
): Promise<ActionResult> {
  return decide(deps, actorSlackId, taskId, 'return', cleanText(reason, true));
}

/** Hands a pending task to someone else, with a reason; the new holder acts on behalf of the first. */
export async function transfer(
  deps: WorkflowDeps,
  actorSlackId: string,
  taskId: number,
  toSlackId: string,
  reason: string,
): Promise<ActionResult> {
  const text = cleanText(reason, true);
  if (toSlackId === actorSlackId) throw new WorkflowError('self_transfer');
  return deps.store.inTransaction(async (transaction) => {
    const { change, task, actor } = await openTaskChange(deps, actorSlackId, taskId, transaction);
    const target = await deps.store.findPersonBySlackId(toSlackId, transaction);
    if (!target || !canApprove(target))
      throw new WorkflowError('transfer_target_invalid', { who: toSlackId, why: 'not_eligible' });
    const refusal = await transferRefusal(change, task, target);
    if (refusal) throw refusal;
    const created = await applyTransfer(
      change,
      task,
      target,
      text,
      await taskHolder(deps.store, task, actor, transaction),
    );
    await change.write();
    return result(change, task.id, { newTaskId: created.id });
  });
}

/** Why `target` cannot take over `task` (the requester, or already an approver of the step). */
export async function transferRefusal(
  change: Change,
  task: TaskRecord,
  target: Pick<PersonRecord, 'id' | 'name'>,
): Promise<WorkflowError | null> {
  const { instance, transaction, deps } = change;
  if (target.id === instance.requesterPersonId)
    return new WorkflowError('transfer_target_invalid', { who: target.name, why: 'requester' });
  const stepTasks = await deps.store.findStepTasks(
    instance.id,
    instance.revision,
    task.stepIndex,
    transaction,
  );
  if (stepTasks.some((t) => t.status === 'pending' && t.assigneePersonId === target.id))
    return new WorkflowError('transfer_target_invalid', { who: target.name, why: 'already_approver' });
  return null;
}

/**
 * Closes `task` as transferred and gives its step to `target` (checked by the caller), who acts
 * on behalf of the first holder. A transfer keeps the deadline unless `dueAt` is given.
 */
export async function applyTransfer(
  change: Change,
  task: TaskRecord,
  target: Pick<PersonRecord, 'id' | 'slackUserId'>,
  text: string | null,
  holder: Recipient,
  options: {
    dueAt?: Date | null;
    data?: Record<string, unknown>;
    /** A hand-over to the holder's delegate while away: the holder may still act on the new task. */
    delegationId?: number;
  } = {},
): Promise<TaskRecord> {
  const { instance, transaction, deps } = change;
  change.closeTasks([task.id], { status: 'transferred', decidedAt: change.now, comment: text });
  const [created] = await deps.store.createTasks(
    [
      {
        instanceId: instance.id,
        revision: instance.revision,
        stepIndex: task.stepIndex,
        assigneePersonId: target.id,
        onBehalfOfPersonId:
          options.delegationId === undefined
            ? (task.onBehalfOfPersonId ?? task.assigneePersonId)
            : task.assigneePersonId,
        delegationId: options.delegationId ?? null,
        // A transfer hands over the deadline too: it does not buy the step more time.
        dueAt: options.dueAt === undefined ? task.dueAt : options.dueAt,
      },
    ],
    transaction,
  );
  change.update({
    participantPersonIds: [...new Set([...instance.participantPersonIds, target.id])],
    updatedAt: change.now,
  });
  change.event('transferred', {
    stepIndex: task.stepIndex,
    taskId: task.id,
    text,
    data: { toPersonId: target.id, newTaskId: created!.id, ...options.data },
  });
  change.audit(
    'workflow.task_transferred',
    { task: task.id, assignee: task.assigneePersonId },
    { task: created!.id, assignee: target.id, reason: text },
  );
  change.notifications.add(
    'task_decided',
    holder,
    { instanceId: instance.id, taskId: task.id, decision: 'transferred' },
    task.id,
  );
  change.notifications.add(
    'task_assigned',
    { personId: target.id, slackUserId: target.slackUserId },
    {
      instanceId: instance.id,
      taskId: created!.id,
      stepIndex: task.stepIndex,
      revision: instance.revision,
    },
    created!.id,
  );
  change.notifications.add('request_updated', change.requester, {
    instanceId: instance.id,
    event: 'transferred',
  });
  return created!;
}
