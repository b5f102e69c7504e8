import { requireRequester } from './actors';
import { Change } from './change';
import { applyDecision, applyTransfer, transferRefusal } from './decision.service';
import type { WorkflowDeps } from './deps';
import { dueAtFor, loadCalendar, slaHoursOf } from './due-time';
import type { AutoHandling } from './model';
import type { InstanceRecord, PersonRecord, TaskRecord } from './records';
import { canApprove, type OrgSnapshot } from './route';
import type { Tx } from './store';
import { templateVersion } from './template.service';
import type { OverdueDefinition, TemplateDefinition } from './template-schema';
import { addWorkingHours } from './work-calendar';
import { WorkflowError } from './workflow-errors';

/**
 * Reminders, escalations and nudges. Queue jobs only say "it may be time"; each of these runs in
 * a transaction that locks the request (as decisions do), re-checks that the task is still
 * pending and not already reminded/escalated, marks it, and writes the notification to the
 * outbox in the same transaction — so a job that runs twice, late or after the decision does
 * nothing, and what is written is delivered exactly once.
 */

/** Who runs scheduled work, in the history and the audit log. */
const SYSTEM = { personId: null, slackUserId: 'system' } as const;

interface OpenTask {
  instance: InstanceRecord;
  task: TaskRecord;
}

/** The task with its request locked, or null when it is no longer pending in the current step. */
async function lockPendingTask(
  deps: WorkflowDeps,
  taskId: number,
  transaction: Tx,
): Promise<OpenTask | null> {
  const instanceId = await deps.store.findInstanceIdOfTask(taskId, transaction);
  if (instanceId === null) return null;
  const instance = await deps.store.lockInstance(instanceId, transaction);
  const task = await deps.store.findTask(taskId, transaction);
  if (!instance || !task || task.status !== 'pending') return null;
  if (
    instance.status !== 'in_review' ||
    task.revision !== instance.revision ||
    task.stepIndex !== instance.currentStep
  )
    return null;
  return { instance, task };
}

/**
 * Scheduled reminder `n` (1-based) of a task; false when it is stale or was sent already. Unlike
 * the other deadline changes it writes no history or audit line (a reminder changes nothing but
 * its own counter), so it runs as a single statement rather than under the request's lock.
 */
export async function sendScheduledReminder(deps: WorkflowDeps, taskId: number, n: number): Promise<boolean> {
  if (n > deps.settings.deadlines.maxReminders) return false;
  return deps.store.markReminderSent({ taskId, n });
}

/**
 * Who hears about an overdue task: the head of the approver's department, or the first head
 * further up who is neither the approver nor the task's holder; the admins (other than those)
 * when there is none.
 */
export function escalationTargets(
  approverPersonId: number,
  org: OrgSnapshot,
  holderPersonId = approverPersonId,
): number[] {
  const excluded = new Set([approverPersonId, holderPersonId]);
  const people = new Map(org.people.map((person) => [person.id, person]));
  const departments = new Map(org.departments.map((department) => [department.id, department]));
  const approver = people.get(approverPersonId);
  let department = approver?.departmentId == null ? undefined : departments.get(approver.departmentId);
  const seen = new Set<number>();
  while (department && !seen.has(department.id)) {
    seen.add(department.id);
    const head = department.headPersonId === null ? undefined : people.get(department.headPersonId);
    if (head && !excluded.has(head.id) && canApprove(head)) return [head.id];
    department = department.parentId === null ? undefined : departments.get(department.parentId);
  }
  return org.people
    .filter((person) => !excluded.has(person.id) && person.roles.includes('admin') && canApprove(person))
    .map((person) => person.id)
    .sort((a, b) => a - b);
}

/**
 * The targets for one task. A task a delegate holds while its approver is away climbs the absent
 * approver's line (the delegate answers to someone else, who knows nothing of this work); a task
 * transferred to someone is theirs, and climbs their line.
 */
const escalationTargetsOf = (task: TaskRecord, org: OrgSnapshot): number[] =>
  task.delegationId !== null && task.onBehalfOfPersonId !== null
    ? escalationTargets(task.onBehalfOfPersonId, org, task.assigneePersonId)
    : escalationTargets(task.assigneePersonId, org);

/** The overdue handling of a step: its own, else its template's, else `notify`. */
export function overduePolicyOf(template: TemplateDefinition, stepKey: string): OverdueDefinition {
  const step = template.steps.find((candidate) => candidate.key === stepKey);
  return step?.overdue ?? template.overdue ?? { action: 'notify', afterHours: 0 };
}

/** Escalates an overdue task once; false when it is stale, not yet due, or escalated already. */
export async function escalateTask(
  deps: WorkflowDeps,
  taskId: number,
  now = deps.clock.now(),
): Promise<boolean> {
  return deps.store.inTransaction(async (transaction) => {
    const open = await lockPendingTask(deps, taskId, transaction);
    if (!open || open.task.escalatedAt || !open.task.dueAt || open.task.dueAt > now) return false;
    const { instance, task } = open;
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, SYSTEM);
    const targetIds = escalationTargetsOf(task, await deps.store.loadOrgSnapshot(transaction));
    const targets = await deps.store.findPeopleByIds(targetIds, transaction);
    const autoHandling = await planAutoHandling(change, task, transaction);
    await deps.store.markTaskDeadline(task.id, { escalatedAt: change.now, autoHandling }, transaction);
    const data = {
      taskId: task.id,
      dueAt: task.dueAt?.toISOString() ?? null,
      assigneePersonId: task.assigneePersonId,
      targetPersonIds: targets.map((person) => person.id),
      targetNames: targets.map((person) => person.name),
      ...(autoHandling ? { autoHandling } : {}),
    };
    change.event('escalated', { stepIndex: task.stepIndex, taskId: task.id, data });
    change.audit('workflow.task_escalated', { task: task.id, escalatedAt: null }, data);
    const payload = { instanceId: instance.id, taskId: task.id, targetPersonIds: data.targetPersonIds };
    for (const target of targets)
      change.notifications.add(
        'task_escalated',
        { personId: target.id, slackUserId: target.slackUserId },
        { ...payload, audience: 'target' },
        task.id,
      );
    change.notifications.add(
      'task_escalated',
      change.requester,
      { ...payload, audience: 'requester' },
      task.id,
    );
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'escalated',
    });
    await change.write();
    return true;
  });
}

/**
 * When the step handles overdue tasks automatically: what, and when — `afterHours` working hours
 * (organisation calendar) after the escalation. `hours` is the working time the approver had in
 * all (SLA + escalation delay + this delay), for the "no decision within N working hours" reason.
 */
async function planAutoHandling(
  change: Change,
  task: TaskRecord,
  transaction: Tx,
): Promise<AutoHandling | null> {
  const { deps } = change;
  const stepKey = change.instance.route.steps[task.stepIndex]?.key ?? '';
  const policy = overduePolicyOf(change.template, stepKey);
  if (policy.action === 'notify') return null;
  const calendar = await loadCalendar(deps, change.now, policy.afterHours, undefined, transaction);
  const at = addWorkingHours(change.now, policy.afterHours, calendar);
  const hours =
    slaHoursOf(deps.settings, change.template, stepKey) +
    deps.settings.deadlines.escalateAfterHours +
    policy.afterHours;
  return { action: policy.action, at: at.toISOString(), hours: Math.round(hours * 10) / 10 };
}

/** The reason recorded with an automatic decision (the views show it in the reader's language). */
export const autoReasonText = (handling: Pick<AutoHandling, 'action' | 'hours'>): string =>
  `${handling.action === 'auto_reject' ? 'Automatically rejected' : handling.action === 'reassign' ? 'Automatically reassigned' : 'Automatically approved'}: no decision within ${handling.hours} working hours`;

/**
 * Runs the automatic handling planned at escalation, once: under the request's lock it re-checks
 * that the task is still pending, escalated, due for it and not handled yet, then approves,
 * rejects or reassigns it through the decision service with the system as the actor. A
 * reassignment goes to the first escalation target who may take the task, with a fresh SLA;
 * with nobody to take it the task stays and the skip is audited. False when there was nothing to do.
 */
export async function autoHandleTask(
  deps: WorkflowDeps,
  taskId: number,
  now = deps.clock.now(),
): Promise<boolean> {
  return deps.store.inTransaction(async (transaction) => {
    const open = await lockPendingTask(deps, taskId, transaction);
    const handling = open?.task.autoHandling;
    if (!open?.task.escalatedAt || !handling || handling.handledAt) return false;
    if (new Date(handling.at) > now) return false;
    const { instance, task } = open;
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, SYSTEM);
    const [assignee] = await deps.store.findPeopleByIds([task.assigneePersonId], transaction);
    const holder = { personId: task.assigneePersonId, slackUserId: assignee?.slackUserId ?? null };
    const text = autoReasonText(handling);
    const data = { auto: handling.action, hours: handling.hours };
    let outcome: 'done' | 'skipped' = 'done';
    let reassignedTo: number | null = null;
    if (handling.action === 'auto_approve' || handling.action === 'auto_reject') {
      const decision = handling.action === 'auto_approve' ? 'approve' : 'reject';
      await deps.store.markTaskDeadline(
        task.id,
        { autoHandling: { ...handling, handledAt: change.now.toISOString(), outcome } },
        transaction,
      );
      await applyDecision(change, task, decision, text, holder, data);
    } else {
      const target = await reassignmentTarget(change, task, transaction);
      outcome = target ? 'done' : 'skipped';
      await deps.store.markTaskDeadline(
        task.id,
        { autoHandling: { ...handling, handledAt: change.now.toISOString(), outcome } },
        transaction,
      );
      if (target) {
        reassignedTo = target.id;
        // The escalation target gets the step's full SLA: the overdue time was not theirs.
        const stepKey = instance.route.steps[task.stepIndex]?.key ?? '';
        const dueAt = await dueAtFor(deps, change.template, stepKey, change.now, transaction);
        await applyTransfer(change, task, target, text, holder, { dueAt, data });
      }
    }
    change.audit(
      'workflow.task_auto_handled',
      { task: task.id, status: 'pending', assignee: task.assigneePersonId },
      { task: task.id, action: handling.action, outcome, hours: handling.hours, reassignedTo },
    );
    await change.write();
    return true;
  });
}

/** The first escalation target who may take over the task (not the requester, not already on the step). */
async function reassignmentTarget(
  change: Change,
  task: TaskRecord,
  transaction: Tx,
): Promise<PersonRecord | null> {
  const { deps } = change;
  const ids = escalationTargetsOf(task, await deps.store.loadOrgSnapshot(transaction));
  for (const person of await deps.store.findPeopleByIds(ids, transaction)) {
    if (!(await transferRefusal(change, task, person))) return person;
  }
  return null;
}

export interface NudgeResult {
  /** Names of the approvers reminded. */
  nudged: string[];
  /** When the requester may nudge again (ISO). */
  nextAt: string;
}

/**
 * The requester asks the current approvers to act: an immediate reminder to each, at most once
 * per interval per task; sooner than that it is refused with the time they may nudge again.
 */
export async function nudge(
  deps: WorkflowDeps,
  requesterSlackId: string,
  instanceId: number,
  now = deps.clock.now(),
): Promise<NudgeResult> {
  return deps.store.inTransaction(async (transaction) => {
    const instance = await deps.store.lockInstance(instanceId, transaction);
    if (!instance) throw new WorkflowError('not_found', { what: 'request' });
    // A forged click from someone else learns nothing.
    if (instance.requesterSlackId !== requesterSlackId) {
      const viewer = await deps.store.findPersonBySlackId(requesterSlackId, transaction);
      throw new WorkflowError(viewer ? 'not_requester' : 'not_found', viewer ? {} : { what: 'request' });
    }
    await requireRequester(deps.store, requesterSlackId, instance, transaction);
    if (instance.status !== 'in_review')
      throw new WorkflowError('invalid_state', { status: instance.status });
    const intervalMs = deps.settings.deadlines.nudgeIntervalMinutes * 60_000;
    const tasks = (await deps.store.findPendingTasksOf(instance.id, transaction)).filter(
      (task) => task.revision === instance.revision && task.stepIndex === instance.currentStep,
    );
    const last = Math.max(0, ...tasks.map((task) => task.nudgedAt?.getTime() ?? 0));
    if (last > 0 && now.getTime() < last + intervalMs)
      throw new WorkflowError('nudge_too_soon', { at: new Date(last + intervalMs).toISOString() });
    const template = await templateVersion(deps, instance.templateId, transaction);
    const change = new Change(deps, transaction, instance, template.definition, {
      personId: instance.requesterPersonId,
      slackUserId: requesterSlackId,
    });
    const people = new Map(
      (
        await deps.store.findPeopleByIds(
          tasks.map((task) => task.assigneePersonId),
          transaction,
        )
      ).map((person) => [person.id, person]),
    );
    for (const task of tasks) {
      await deps.store.markTaskDeadline(task.id, { nudgedAt: now }, transaction);
      change.notifications.add(
        'task_reminder',
        {
          personId: task.assigneePersonId,
          slackUserId: people.get(task.assigneePersonId)?.slackUserId ?? null,
        },
        { instanceId: instance.id, taskId: task.id, reason: 'nudge' },
        task.id,
      );
    }
    change.audit('workflow.nudged', null, { tasks: tasks.map((task) => task.id) });
    await change.write();
    return {
      nudged: tasks.map((task) => people.get(task.assigneePersonId)?.name ?? '?'),
      nextAt: new Date(now.getTime() + intervalMs).toISOString(),
    };
  });
}
