import type { WorkflowDeps } from './deps';
import {
  buildInstanceView,
  buildTaskView,
  type ViewData,
  type ViewDepartment,
  type ViewPerson,
} from './instance-view';
import type { ViewRows } from './store';
import { templateVersionsByIds } from './template.service';
import type { InstanceView, TaskView } from './view-types';

/**
 * Loads the views of many requests with a fixed number of queries (not one per request), so
 * lists and exports stay cheap: one statement reads the requests with their tasks, history,
 * revisions, and the departments and people they name (templates are cached for the process).
 * Returns them in the order of the ids asked for, skipping unknown ids.
 */
export async function loadInstanceViews(deps: WorkflowDeps, ids: readonly number[]): Promise<InstanceView[]> {
  const data = await viewData(deps, await deps.store.findViewRows({ instanceIds: ids }));
  const byId = new Map(data.map((d) => [d.instance.id, d]));
  return ids.flatMap((id) => {
    const d = byId.get(id);
    return d ? [buildInstanceView(d)] : [];
  });
}

export async function loadTaskViews(deps: WorkflowDeps, taskIds: readonly number[]): Promise<TaskView[]> {
  // The requests holding the tasks, read with all their tasks: the asked ones are among them.
  const data = await viewData(deps, await deps.store.findViewRows({ taskIds }));
  const byTask = new Map(data.flatMap((d) => d.tasks.map((task) => [task.id, { task, data: d }] as const)));
  const views = new Map<ViewData, InstanceView>();
  return taskIds.flatMap((id) => {
    const entry = byTask.get(id);
    if (!entry) return [];
    let view = views.get(entry.data);
    if (!view) {
      view = buildInstanceView(entry.data);
      views.set(entry.data, view);
    }
    return [buildTaskView(view, entry.task, entry.data)];
  });
}

async function viewData(deps: WorkflowDeps, rows: readonly ViewRows[]): Promise<ViewData[]> {
  if (rows.length === 0) return [];
  const templates = await templateVersionsByIds(
    deps,
    rows.map((row) => row.instance.templateId),
  );
  const peopleById = new Map<number, ViewPerson>(
    rows.flatMap((row) => row.people.map((person) => [person.id, person] as const)),
  );
  const peopleBySlackId = new Map<string, ViewPerson>(
    [...peopleById.values()].flatMap((person) =>
      person.slackUserId ? [[person.slackUserId, person] as const] : [],
    ),
  );
  const departmentsById = new Map<number, ViewDepartment>(
    rows.flatMap((row) => row.departments.map((department) => [department.id, department] as const)),
  );
  const departmentsByKey = new Map(
    [...departmentsById.values()].map((department) => [department.key, department]),
  );

  return rows.flatMap(({ instance, tasks, events, revisions }) => {
    const template = templates.get(instance.templateId);
    if (!template) return [];
    return [
      {
        instance,
        template: template.definition,
        templateVersion: template.version,
        tasks,
        events,
        revisions,
        peopleById,
        peopleBySlackId,
        departmentsById,
        departmentsByKey,
      },
    ];
  });
}
