import {
  findEventsOf,
  findInstancesByIds,
  findPeopleByIds,
  findPeopleBySlackIds,
  findRevisionsOf,
  findTasksByIds,
  findTasksOf,
  listAllDepartments,
} from '../../db/repositories/workflows.repository';
import { buildInstanceView, buildTaskView, type ViewData, type ViewPerson } from './instance-view';
import { routePersonIds } from './route';
import { templateVersionsByIds } from './template.service';
import type { InstanceView, TaskView } from './types';

/**
 * Loads the views of many requests with a fixed number of queries (not one per request), so
 * lists and exports stay cheap. Returns them in the order of `ids`, skipping unknown ids.
 */
export async function loadInstanceViews(ids: readonly number[]): Promise<InstanceView[]> {
  return (await loadViewData(ids)).map(buildInstanceView);
}

export async function loadTaskViews(taskIds: readonly number[]): Promise<TaskView[]> {
  const tasks = await findTasksByIds(taskIds);
  const data = await loadViewData([...new Set(tasks.map((task) => task.instanceId))]);
  const byInstance = new Map(data.map((d) => [d.instance.id, { data: d, view: buildInstanceView(d) }]));
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return taskIds.flatMap((id) => {
    const task = byId.get(id);
    const entry = task ? byInstance.get(task.instanceId) : undefined;
    return task && entry ? [buildTaskView(entry.view, task, entry.data)] : [];
  });
}

async function loadViewData(ids: readonly number[]): Promise<ViewData[]> {
  const instances = await findInstancesByIds(ids);
  if (instances.length === 0) return [];
  const instanceIds = instances.map((instance) => instance.id);
  const [templates, tasks, events, revisions, departments] = await Promise.all([
    templateVersionsByIds(instances.map((instance) => instance.templateId)),
    findTasksOf(instanceIds),
    findEventsOf(instanceIds),
    findRevisionsOf(instanceIds),
    listAllDepartments(),
  ]);

  const personIds = new Set<number>();
  const slackIds = new Set<string>();
  for (const instance of instances) {
    if (instance.requesterPersonId !== null) personIds.add(instance.requesterPersonId);
    for (const id of routePersonIds(instance.route)) personIds.add(id);
  }
  for (const revision of revisions) for (const id of routePersonIds(revision.route)) personIds.add(id);
  for (const task of tasks) {
    personIds.add(task.assigneePersonId);
    if (task.onBehalfOfPersonId !== null) personIds.add(task.onBehalfOfPersonId);
  }
  for (const event of events) if (event.actorPersonId !== null) personIds.add(event.actorPersonId);
  // `user` fields hold Slack ids: their names are shown on the card.
  for (const form of [...instances.map((i) => i.form), ...revisions.map((r) => r.form)]) {
    for (const value of Object.values(form))
      if (typeof value === 'string' && /^[UW][A-Z0-9]{2,}$/.test(value)) slackIds.add(value);
  }
  const [byId, bySlack] = await Promise.all([
    findPeopleByIds([...personIds]),
    findPeopleBySlackIds([...slackIds]),
  ]);
  const people: ViewPerson[] = [...byId, ...bySlack];
  const peopleById = new Map(people.map((person) => [person.id, person]));
  const peopleBySlackId = new Map(
    people.flatMap((person) => (person.slackUserId ? [[person.slackUserId, person] as const] : [])),
  );
  const departmentsById = new Map(departments.map((department) => [department.id, department]));
  const departmentsByKey = new Map(departments.map((department) => [department.key, department]));

  const byInstance = new Map(instances.map((instance) => [instance.id, instance]));
  const tasksOf = groupBy(tasks, (task) => task.instanceId);
  const eventsOf = groupBy(events, (event) => event.instanceId);
  const revisionsOf = groupBy(revisions, (revision) => revision.instanceId);
  return ids.flatMap((id) => {
    const instance = byInstance.get(id);
    const template = instance ? templates.get(instance.templateId) : undefined;
    if (!instance || !template) return [];
    return [
      {
        instance,
        template: template.definition,
        templateVersion: template.version,
        tasks: tasksOf.get(id) ?? [],
        events: eventsOf.get(id) ?? [],
        revisions: revisionsOf.get(id) ?? [],
        peopleById,
        peopleBySlackId,
        departmentsById,
        departmentsByKey,
      },
    ];
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
