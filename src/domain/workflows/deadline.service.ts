import type { Transaction } from 'sequelize';
import { findPersonBySlackId } from '../../db/repositories/org.repository';
import { inTransaction } from '../../db/repositories/transaction';
import {
  findInstanceIdOfTask,
  findPendingTasksOf,
  findPeopleByIds,
  findTask,
  type InstanceRecord,
  loadOrgSnapshot,
  lockInstance,
  type TaskRecord,
} from '../../db/repositories/workflows.repository';
import { markTaskDeadline } from '../../db/repositories/workflows-deadlines.repository';
import { requireRequester } from './actors';
import { canApprove, type OrgSnapshot } from './route';
import { workflowSettings } from './settings';
import { templateVersion } from './template.service';
import { Change } from './transitions';
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
async function lockPendingTask(taskId: number, transaction: Transaction): Promise<OpenTask | null> {
  const instanceId = await findInstanceIdOfTask(taskId, transaction);
  if (instanceId === null) return null;
  const instance = await lockInstance(instanceId, transaction);
  const task = await findTask(taskId, transaction);
  if (!instance || !task || task.status !== 'pending') return null;
  if (
    instance.status !== 'in_review' ||
    task.revision !== instance.revision ||
    task.stepIndex !== instance.currentStep
  )
    return null;
  return { instance, task };
}

/** Scheduled reminder `n` (1-based) of a task; false when it is stale or was sent already. */
export async function sendScheduledReminder(taskId: number, n: number): Promise<boolean> {
  return inTransaction(async (transaction) => {
    const open = await lockPendingTask(taskId, transaction);
    if (!open || open.task.remindersSent >= n || n > workflowSettings().deadlines.maxReminders) return false;
    const { instance, task } = open;
    const template = await templateVersion(instance.templateId, transaction);
    const change = new Change(transaction, instance, template.definition, SYSTEM);
    const [assignee] = await findPeopleByIds([task.assigneePersonId], transaction);
    await markTaskDeadline(task.id, { remindersSent: n }, transaction);
    change.notifications.add(
      'task_reminder',
      { personId: task.assigneePersonId, slackUserId: assignee?.slackUserId ?? null },
      { instanceId: instance.id, taskId: task.id, reason: 'scheduled', n },
      task.id,
    );
    await change.write();
    return true;
  });
}

/**
 * Who hears about an overdue task: the head of the approver's department, or the first head
 * further up who is not the approver; the admins (other than the approver) when there is none.
 */
export function escalationTargets(approverPersonId: number, org: OrgSnapshot): number[] {
  const people = new Map(org.people.map((person) => [person.id, person]));
  const departments = new Map(org.departments.map((department) => [department.id, department]));
  const approver = people.get(approverPersonId);
  let department = approver?.departmentId == null ? undefined : departments.get(approver.departmentId);
  const seen = new Set<number>();
  while (department && !seen.has(department.id)) {
    seen.add(department.id);
    const head = department.headPersonId === null ? undefined : people.get(department.headPersonId);
    if (head && head.id !== approverPersonId && canApprove(head)) return [head.id];
    department = department.parentId === null ? undefined : departments.get(department.parentId);
  }
  return org.people
    .filter(
      (person) => person.id !== approverPersonId && person.roles.includes('admin') && canApprove(person),
    )
    .map((person) => person.id)
    .sort((a, b) => a - b);
}

/** Escalates an overdue task once; false when it is stale, not yet due, or escalated already. */
export async function escalateTask(taskId: number, now = new Date()): Promise<boolean> {
  return inTransaction(async (transaction) => {
    const open = await lockPendingTask(taskId, transaction);
    if (!open || open.task.escalatedAt || !open.task.dueAt || open.task.dueAt > now) return false;
    const { instance, task } = open;
    const template = await templateVersion(instance.templateId, transaction);
    const change = new Change(transaction, instance, template.definition, SYSTEM);
    const targetIds = escalationTargets(task.assigneePersonId, await loadOrgSnapshot(transaction));
    const targets = await findPeopleByIds(targetIds, transaction);
    await markTaskDeadline(task.id, { escalatedAt: change.now }, transaction);
    const data = {
      taskId: task.id,
      dueAt: task.dueAt?.toISOString() ?? null,
      assigneePersonId: task.assigneePersonId,
      targetPersonIds: targets.map((person) => person.id),
      targetNames: targets.map((person) => person.name),
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
  requesterSlackId: string,
  instanceId: number,
  now = new Date(),
): Promise<NudgeResult> {
  return inTransaction(async (transaction) => {
    const instance = await lockInstance(instanceId, transaction);
    if (!instance) throw new WorkflowError('not_found', { what: 'request' });
    // A forged click from someone else learns nothing.
    if (instance.requesterSlackId !== requesterSlackId) {
      const viewer = await findPersonBySlackId(requesterSlackId, { transaction });
      throw new WorkflowError(viewer ? 'not_requester' : 'not_found', viewer ? {} : { what: 'request' });
    }
    await requireRequester(requesterSlackId, instance, transaction);
    if (instance.status !== 'in_review')
      throw new WorkflowError('invalid_state', { status: instance.status });
    const intervalMs = workflowSettings().deadlines.nudgeIntervalMinutes * 60_000;
    const tasks = (await findPendingTasksOf(instance.id, transaction)).filter(
      (task) => task.revision === instance.revision && task.stepIndex === instance.currentStep,
    );
    const last = Math.max(0, ...tasks.map((task) => task.nudgedAt?.getTime() ?? 0));
    if (last > 0 && now.getTime() < last + intervalMs)
      throw new WorkflowError('nudge_too_soon', { at: new Date(last + intervalMs).toISOString() });
    const template = await templateVersion(instance.templateId, transaction);
    const change = new Change(transaction, instance, template.definition, {
      personId: instance.requesterPersonId,
      slackUserId: requesterSlackId,
    });
    const people = new Map(
      (
        await findPeopleByIds(
          tasks.map((task) => task.assigneePersonId),
          transaction,
        )
      ).map((person) => [person.id, person]),
    );
    for (const task of tasks) {
      await markTaskDeadline(task.id, { nudgedAt: now }, transaction);
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
