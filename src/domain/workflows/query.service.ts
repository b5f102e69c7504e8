import { GroupBatcher } from '../../db/sql/group-batcher';
import { canView, findActor, isAdmin, isSupervisor, requireActive } from './actors';
import type { ViewReads, WorkflowDeps } from './deps';
import type { InstanceStatus } from './model';
import type { InstanceRecord, PersonRecord } from './records';
import { timeZoneOf } from './settings';
import { loadInstanceViews, loadTaskViews } from './view-loader';
import {
  FINISHED_STATUSES,
  type InstanceView,
  type MyRequestsFilters,
  type Page,
  type PageRequest,
  type SearchFilters,
  type TaskView,
} from './view-types';
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
async function viewer(deps: WorkflowDeps, slackUserId: string): Promise<PersonRecord | null> {
  const person = await findActor(deps.store, slackUserId);
  if (person && person.status !== 'active') throw new WorkflowError('suspended');
  return person;
}

async function findVisibleInstance(
  deps: WorkflowDeps,
  viewerSlackId: string,
  idOrReference: number | string,
): Promise<InstanceRecord> {
  const person = await viewer(deps, viewerSlackId);
  const key = typeof idOrReference === 'string' ? idOrReference.trim() : idOrReference;
  const id =
    typeof key === 'number'
      ? key
      : /^\d{1,9}$/.test(key)
        ? Number(key)
        : await deps.store.findInstanceIdByReference(key.toUpperCase());
  const instance = id === null ? null : await deps.store.findInstanceById(id);
  if (!instance || !canView(person, viewerSlackId, instance))
    throw new WorkflowError('not_found', { what: 'request' });
  return instance;
}

export async function getInstance(
  deps: WorkflowDeps,
  viewerSlackId: string,
  idOrReference: number | string,
): Promise<InstanceView> {
  const instance = await findVisibleInstance(deps, viewerSlackId, idOrReference);
  return (await readInstanceView(deps, instance.id))!;
}

export async function getTask(deps: WorkflowDeps, viewerSlackId: string, taskId: number): Promise<TaskView> {
  const task = await deps.store.findTask(taskId);
  if (!task) throw new WorkflowError('not_found', { what: 'task' });
  await findVisibleInstance(deps, viewerSlackId, task.instanceId);
  return (await readTaskView(deps, taskId))!;
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

/** The batched view reads of one engine (`WorkflowDeps.viewReads`). */
export function createViewReads(deps: WorkflowDeps): ViewReads {
  const instances = new GroupBatcher(
    byId(
      (ids) => loadInstanceViews(deps, ids),
      (view) => view.id,
    ),
    VIEW_BATCHES,
  );
  const tasks = new GroupBatcher(
    byId(
      (ids) => loadTaskViews(deps, ids),
      (view) => view.taskId,
    ),
    VIEW_BATCHES,
  );
  return { instance: (id) => instances.submit(id), task: (id) => tasks.submit(id) };
}

export async function readInstanceView(deps: WorkflowDeps, instanceId: number): Promise<InstanceView> {
  const view = await deps.viewReads.instance(instanceId);
  if (!view) throw new WorkflowError('not_found', { what: 'request' });
  return view;
}

/** The views of several requests by id (one read), each as `readInstanceView` gives it. */
export async function readInstanceViews(
  deps: WorkflowDeps,
  instanceIds: readonly number[],
): Promise<Map<number, InstanceView>> {
  const views = new Map(
    (await loadInstanceViews(deps, [...new Set(instanceIds)])).map((view) => [view.id, view]),
  );
  for (const id of instanceIds) if (!views.has(id)) throw new WorkflowError('not_found', { what: 'request' });
  return views;
}

export async function readTaskView(deps: WorkflowDeps, taskId: number): Promise<TaskView> {
  const view = await deps.viewReads.task(taskId);
  if (!view) throw new WorkflowError('not_found', { what: 'task' });
  return view;
}

/** My open tasks, oldest first. */
export async function listPendingTasks(
  deps: WorkflowDeps,
  slackId: string,
  request: PageRequest = {},
): Promise<Page<TaskView>> {
  const person = await requireActive(deps.store, slackId);
  const { offset, limit } = pageWindow(request);
  const { ids, total } = await deps.store.pageOfPendingTaskIds(person.id, offset, limit);
  return { items: await loadTaskViews(deps, ids), total, offset, limit };
}

/**
 * A daily digest posted at `at`, as it stands now: the tasks it listed (decided ones included, to
 * show without buttons) and how many still wait. Empty for someone no longer in the directory.
 */
export async function readDigestAsOf(
  deps: WorkflowDeps,
  slackId: string,
  at: Date,
  limit: number,
): Promise<Page<TaskView> & { stillPending: number }> {
  const person = await findActor(deps.store, slackId);
  if (!person) return { items: [], total: 0, offset: 0, limit, stillPending: 0 };
  const { ids, total, stillPending } = await deps.store.pageOfTaskIdsPendingAt(person.id, at, limit);
  return { items: await loadTaskViews(deps, ids), total, offset: 0, limit, stillPending };
}

/**
 * The messages besides its card that offered a task's buttons (reminders, nudges, the FYI to an
 * absent approver), and an approver's digests since a time: brought in line once the task closes.
 */
export const readTaskCopies = (deps: WorkflowDeps, instanceId: number, taskId: number) =>
  deps.store.findTaskCopies(instanceId, taskId);
export const readDigestsSince = (deps: WorkflowDeps, recipientSlackId: string, since: Date) =>
  deps.store.findDigestsSince(recipientSlackId, since);

/** My requests, newest first (a registrant sees their registration). */
export async function listMyRequests(
  deps: WorkflowDeps,
  slackId: string,
  filters: MyRequestsFilters = {},
): Promise<Page<InstanceView>> {
  await viewer(deps, slackId);
  const { offset, limit } = pageWindow(filters);
  const { ids, total } = await deps.store.pageOfRequestsOf(slackId, filters.status, offset, limit);
  return { items: await loadInstanceViews(deps, ids), total, offset, limit };
}

/** Finished (archived) requests within what the viewer may see; admins see all. */
export async function searchInstances(
  deps: WorkflowDeps,
  viewerSlackId: string,
  filters: SearchFilters,
): Promise<Page<InstanceView>> {
  const person = await requireActive(deps.store, viewerSlackId);
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
    const named = await deps.store.findPeopleByHandle(filters.personHandle);
    // Nobody (or no one person) by that handle: nothing can match, as for an unknown id.
    requesterSlackId = named.length === 1 && named[0]?.slackUserId ? named[0].slackUserId : 'U0NOBODY';
  }
  const { ids, total } = await deps.store.searchInstanceIds({
    statuses,
    visibleTo:
      isAdmin(person) || isSupervisor(person) ? null : { personId: person.id, slackUserId: viewerSlackId },
    ...(text ? { text: text.slice(0, 200) } : {}),
    ...(filters.reference ? { reference: filters.reference.trim().toUpperCase() } : {}),
    ...(requesterSlackId ? { requesterSlackId } : {}),
    ...(filters.templateKey ? { templateKey: filters.templateKey } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    timeZone: timeZoneOf(deps.settings, person),
    offset,
    limit,
  });
  return { items: await loadInstanceViews(deps, ids), total, offset, limit };
}

/** Remembers where the Slack layer posted a task's card or a request's tracking card. */
export async function recordCard(
  deps: WorkflowDeps,
  target: { taskId: number } | { instanceId: number },
  channel: string,
  ts: string,
): Promise<void> {
  if (!/^[A-Z0-9]{2,32}$/.test(channel) || !/^\d{1,20}\.\d{1,10}$/.test(ts))
    throw new WorkflowError('invalid_input', { field: 'card', value: `${channel} ${ts}`.slice(0, 60) });
  const found =
    'taskId' in target
      ? await deps.store.recordTaskCard(target.taskId, channel, ts)
      : await deps.store.recordInstanceCard(target.instanceId, channel, ts);
  if (!found) throw new WorkflowError('not_found', { what: 'taskId' in target ? 'task' : 'request' });
}
