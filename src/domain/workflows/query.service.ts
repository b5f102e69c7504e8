import { GroupBatcher } from '../../db/group-batcher';
import { findPeopleByHandle, type PersonRecord } from '../../db/repositories/org.repository';
import {
  findInstanceById,
  findInstanceIdByReference,
  recordInstanceCard,
} from '../../db/repositories/workflow-instances.repository';
import type { InstanceRecord } from '../../db/repositories/workflow-records';
import {
  findTask,
  pageOfPendingTaskIds,
  pageOfTaskIdsPendingAt,
  recordTaskCard,
} from '../../db/repositories/workflow-tasks.repository';
import { findDigestsSince, findTaskCopies } from '../../db/repositories/workflows-outbox.repository';
import { pageOfRequestsOf, searchInstanceIds } from '../../db/repositories/workflows-queries.repository';
import { canView, findActor, isAdmin, requireActive } from './actors';
import type { InstanceStatus } from './model';
import { timeZoneOf } from './settings';
import {
  FINISHED_STATUSES,
  type InstanceView,
  type MyRequestsFilters,
  type Page,
  type PageRequest,
  type SearchFilters,
  type TaskView,
} from './types';
import { loadInstanceViews, loadTaskViews } from './view-loader';
import { WorkflowError } from './workflow-errors';
import { isIsoDate } from './working-days';

/**
 * Reads: a request or task for someone allowed to see it, the lists behind /approvals and the
 * App Home, and the archive search. Something a viewer may not see is `not_found`, exactly like
 * something that does not exist, so references cannot be probed.
 */

export const MAX_PAGE = 50;
const DEFAULT_PAGE = 20;

function pageWindow(request: PageRequest): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(request.offset ?? 0));
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(request.limit ?? DEFAULT_PAGE)));
  return { offset, limit };
}

/** A registered viewer must be active; an unregistered one can still see their own registration. */
async function viewer(slackUserId: string): Promise<PersonRecord | null> {
  const person = await findActor(slackUserId);
  if (person && person.status !== 'active') throw new WorkflowError('suspended');
  return person;
}

async function findVisibleInstance(
  viewerSlackId: string,
  idOrReference: number | string,
): Promise<InstanceRecord> {
  const person = await viewer(viewerSlackId);
  const key = typeof idOrReference === 'string' ? idOrReference.trim() : idOrReference;
  const id =
    typeof key === 'number'
      ? key
      : /^\d{1,9}$/.test(key)
        ? Number(key)
        : await findInstanceIdByReference(key.toUpperCase());
  const instance = id === null ? null : await findInstanceById(id);
  if (!instance || !canView(person, viewerSlackId, instance))
    throw new WorkflowError('not_found', { what: 'request' });
  return instance;
}

export async function getInstance(
  viewerSlackId: string,
  idOrReference: number | string,
): Promise<InstanceView> {
  const instance = await findVisibleInstance(viewerSlackId, idOrReference);
  return (await readInstanceView(instance.id))!;
}

export async function getTask(viewerSlackId: string, taskId: number): Promise<TaskView> {
  const task = await findTask(taskId);
  if (!task) throw new WorkflowError('not_found', { what: 'task' });
  await findVisibleInstance(viewerSlackId, task.instanceId);
  return (await readTaskView(taskId))!;
}

/**
 * Trusted reads for the outbox courier and the clicked card: no viewer, the current state to
 * render. Reads that arrive while one runs go together in the next (one statement for a burst of
 * deliveries; see GroupBatcher). Each batch starts after every read in it was asked for, so it
 * sees at least what its callers committed before asking.
 */
const byId =
  <View>(load: (ids: number[]) => Promise<View[]>, idOf: (view: View) => number) =>
  async (ids: number[]): Promise<(View | undefined)[]> => {
    const views = new Map((await load([...new Set(ids)])).map((view) => [idOf(view), view]));
    return ids.map((id) => views.get(id));
  };
const VIEW_BATCHES = { maxBatch: 50, maxConcurrent: 2 };
const instanceViewReads = new GroupBatcher(
  byId(loadInstanceViews, (view) => view.id),
  VIEW_BATCHES,
);
const taskViewReads = new GroupBatcher(
  byId(loadTaskViews, (view) => view.taskId),
  VIEW_BATCHES,
);

export async function readInstanceView(instanceId: number): Promise<InstanceView> {
  const view = await instanceViewReads.submit(instanceId);
  if (!view) throw new WorkflowError('not_found', { what: 'request' });
  return view;
}

/** The views of several requests by id (one read), each as `readInstanceView` gives it. */
export async function readInstanceViews(instanceIds: readonly number[]): Promise<Map<number, InstanceView>> {
  const views = new Map((await loadInstanceViews([...new Set(instanceIds)])).map((view) => [view.id, view]));
  for (const id of instanceIds) if (!views.has(id)) throw new WorkflowError('not_found', { what: 'request' });
  return views;
}

export async function readTaskView(taskId: number): Promise<TaskView> {
  const view = await taskViewReads.submit(taskId);
  if (!view) throw new WorkflowError('not_found', { what: 'task' });
  return view;
}

/** My open tasks, oldest first. */
export async function listPendingTasks(slackId: string, request: PageRequest = {}): Promise<Page<TaskView>> {
  const person = await requireActive(slackId);
  const { offset, limit } = pageWindow(request);
  const { ids, total } = await pageOfPendingTaskIds(person.id, offset, limit);
  return { items: await loadTaskViews(ids), total, offset, limit };
}

/**
 * A daily digest posted at `at`, as it stands now: the tasks it listed (decided ones included, to
 * show without buttons) and how many still wait. Empty for someone no longer in the directory.
 */
export async function readDigestAsOf(
  slackId: string,
  at: Date,
  limit: number,
): Promise<Page<TaskView> & { stillPending: number }> {
  const person = await findActor(slackId);
  if (!person) return { items: [], total: 0, offset: 0, limit, stillPending: 0 };
  const { ids, total, stillPending } = await pageOfTaskIdsPendingAt(person.id, at, limit);
  return { items: await loadTaskViews(ids), total, offset: 0, limit, stillPending };
}

/**
 * The messages besides its card that offered a task's buttons (reminders, nudges, the FYI to an
 * absent approver), and an approver's digests since a time: brought in line once the task closes.
 */
export const readTaskCopies = findTaskCopies;
export const readDigestsSince = findDigestsSince;

/** My requests, newest first (a registrant sees their registration). */
export async function listMyRequests(
  slackId: string,
  filters: MyRequestsFilters = {},
): Promise<Page<InstanceView>> {
  await viewer(slackId);
  const { offset, limit } = pageWindow(filters);
  const { ids, total } = await pageOfRequestsOf(slackId, filters.status, offset, limit);
  return { items: await loadInstanceViews(ids), total, offset, limit };
}

/** Finished (archived) requests within what the viewer may see; admins see all. */
export async function searchInstances(
  viewerSlackId: string,
  filters: SearchFilters,
): Promise<Page<InstanceView>> {
  const person = await requireActive(viewerSlackId);
  const { offset, limit } = pageWindow(filters);
  for (const field of ['from', 'to'] as const) {
    const value = filters[field];
    if (value !== undefined && !isIsoDate(value)) throw new WorkflowError('invalid_input', { field, value });
  }
  let statuses: readonly InstanceStatus[] = FINISHED_STATUSES;
  if (filters.status) {
    if (!FINISHED_STATUSES.includes(filters.status))
      throw new WorkflowError('invalid_input', { field: 'status', value: filters.status });
    statuses = [filters.status];
  }
  const text = filters.text?.trim();
  let requesterSlackId = filters.person;
  if (!requesterSlackId && filters.personHandle) {
    const named = await findPeopleByHandle(filters.personHandle);
    // Nobody (or no one person) by that handle: nothing can match, as for an unknown id.
    requesterSlackId = named.length === 1 && named[0]?.slackUserId ? named[0].slackUserId : 'U0NOBODY';
  }
  const { ids, total } = await searchInstanceIds({
    statuses,
    visibleTo: isAdmin(person) ? null : { personId: person.id, slackUserId: viewerSlackId },
    ...(text ? { text: text.slice(0, 200) } : {}),
    ...(filters.reference ? { reference: filters.reference.trim().toUpperCase() } : {}),
    ...(requesterSlackId ? { requesterSlackId } : {}),
    ...(filters.templateKey ? { templateKey: filters.templateKey } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    timeZone: timeZoneOf(person),
    offset,
    limit,
  });
  return { items: await loadInstanceViews(ids), total, offset, limit };
}

/** Remembers where the Slack layer posted a task's card or a request's tracking card. */
export async function recordCard(
  target: { taskId: number } | { instanceId: number },
  channel: string,
  ts: string,
): Promise<void> {
  if (!/^[A-Z0-9]{2,32}$/.test(channel) || !/^\d{1,20}\.\d{1,10}$/.test(ts))
    throw new WorkflowError('invalid_input', { field: 'card', value: `${channel} ${ts}`.slice(0, 60) });
  const found =
    'taskId' in target
      ? await recordTaskCard(target.taskId, channel, ts)
      : await recordInstanceCard(target.instanceId, channel, ts);
  if (!found) throw new WorkflowError('not_found', { what: 'taskId' in target ? 'task' : 'request' });
}
