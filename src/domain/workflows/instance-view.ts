import { type DisplayDirectory, fieldViews, subjectOf } from './form-display';
import type { InstanceStatus, LocalizedText, RouteStep, StoredRoute } from './model';
import type { EventRecord, InstanceRecord, RevisionRecord, TaskRecord } from './records';
import type { TemplateDefinition } from './template-schema';
import type {
  CardLocation,
  CommentView,
  EventView,
  FieldView,
  InstanceView,
  PersonRef,
  RevisionView,
  StepStatus,
  StepView,
  TaskSummary,
  TaskView,
} from './view-types';

/**
 * Builds the views from loaded rows. Pure, so the timeline rules (what a step's status is) are
 * tested without a database; view-loader.ts fetches the rows in a few batched queries.
 */

export interface ViewPerson {
  id: number;
  slackUserId: string | null;
  name: string;
}

export interface ViewDepartment {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
}

export interface ViewData {
  instance: InstanceRecord;
  template: TemplateDefinition;
  templateVersion: number;
  tasks: readonly TaskRecord[];
  events: readonly EventRecord[];
  revisions: readonly RevisionRecord[];
  peopleById: ReadonlyMap<number, ViewPerson>;
  peopleBySlackId: ReadonlyMap<string, ViewPerson>;
  departmentsById: ReadonlyMap<number, ViewDepartment>;
  departmentsByKey: ReadonlyMap<string, ViewDepartment>;
}

const iso = (date: Date | null | undefined): string | null => (date ? new Date(date).toISOString() : null);

const card = (channel: string | null, ts: string | null): CardLocation | null =>
  channel && ts ? { channel, ts } : null;

export const departmentName = (department: ViewDepartment): LocalizedText => ({
  en: department.name,
  zh: department.nameZh ?? department.name,
});

function personRef(
  data: ViewData,
  personId: number | null,
  fallbackSlackId: string | null = null,
): PersonRef {
  const person = personId === null ? undefined : data.peopleById.get(personId);
  if (person) return { personId: person.id, slackUserId: person.slackUserId, name: person.name };
  if (fallbackSlackId === data.instance.requesterSlackId)
    return { personId, slackUserId: fallbackSlackId, name: data.instance.requesterName };
  return { personId, slackUserId: fallbackSlackId, name: fallbackSlackId ?? '?' };
}

function taskSummary(data: ViewData, task: TaskRecord): TaskSummary {
  return {
    taskId: task.id,
    assignee: personRef(data, task.assigneePersonId),
    onBehalfOf: task.onBehalfOfPersonId === null ? null : personRef(data, task.onBehalfOfPersonId),
    delegationId: task.delegationId,
    status: task.status,
    createdAt: iso(task.createdAt)!,
    decidedAt: iso(task.decidedAt),
    comment: task.comment,
    dueAt: iso(task.dueAt),
    escalatedAt: iso(task.escalatedAt),
    autoHandling: task.autoHandling,
    card: card(task.cardChannel, task.cardTs),
  };
}

/** A step's status from its tasks (see StepStatus). */
export function stepStatus(
  step: Pick<RouteStep, 'mode'>,
  tasks: readonly Pick<TaskRecord, 'status'>[],
): StepStatus {
  const statuses = tasks.map((task) => task.status);
  if (statuses.includes('rejected')) return 'rejected';
  if (statuses.includes('returned')) return 'returned';
  if (statuses.includes('pending')) return 'in_progress';
  if (statuses.includes('approved')) {
    // In a countersign step everyone still holding a task must have approved.
    const holders = statuses.filter((status) => status !== 'transferred' && status !== 'superseded');
    if (step.mode !== 'all' || holders.every((status) => status === 'approved')) return 'approved';
  }
  return tasks.length > 0 ? 'closed' : 'waiting';
}

function stepViews(
  data: ViewData,
  route: StoredRoute,
  revision: number,
  outcome: InstanceStatus | null,
): StepView[] {
  return route.steps.map((step, index) => {
    const tasks = data.tasks.filter((task) => task.revision === revision && task.stepIndex === index);
    let status = stepStatus(step, tasks);
    // A step the request never reached, once the revision is over, is closed rather than waiting.
    if (status === 'waiting' && outcome !== null && outcome !== 'in_review') status = 'closed';
    return {
      index,
      key: step.key,
      name: step.name,
      mode: step.mode,
      status,
      approvers: step.approverPersonIds.map((id) => personRef(data, id)),
      fallback: step.fallback,
      tasks: tasks.map((task) => taskSummary(data, task)),
    };
  });
}

function directoryOf(data: ViewData): DisplayDirectory {
  return {
    personName: (slackUserId) => data.peopleBySlackId.get(slackUserId)?.name,
    department: (key) => {
      const department = data.departmentsByKey.get(key);
      return department ? departmentName(department) : undefined;
    },
  };
}

function eventView(data: ViewData, event: EventRecord): EventView {
  return {
    id: String(event.id),
    kind: event.kind,
    at: iso(event.at)!,
    actor:
      event.actorPersonId === null && event.actorSlackId === null
        ? null
        : personRef(data, event.actorPersonId, event.actorSlackId),
    revision: event.revision,
    stepIndex: event.stepIndex,
    taskId: event.taskId,
    text: event.text,
    data: event.data,
  };
}

export function buildInstanceView(data: ViewData): InstanceView {
  const { instance, template } = data;
  const directory = directoryOf(data);
  const fields: FieldView[] = fieldViews(template, instance.form, directory);
  const revisions: RevisionView[] = data.revisions.map((revision) => {
    const current = revision.revision === instance.revision;
    const outcome = current ? (instance.status === 'in_review' ? null : instance.status) : revision.outcome;
    return {
      revision: revision.revision,
      submittedAt: iso(revision.submittedAt)!,
      fields: current ? fields : fieldViews(template, revision.form, directory),
      steps: stepViews(data, revision.route, revision.revision, outcome),
      outcome,
    };
  });
  const steps =
    revisions.find((revision) => revision.revision === instance.revision)?.steps ??
    stepViews(data, instance.route, instance.revision, instance.status);
  const department =
    instance.departmentId === null ? undefined : data.departmentsById.get(instance.departmentId);
  const history = data.events.map((event) => eventView(data, event));
  const comments: CommentView[] = history
    .filter((event) => event.kind === 'commented')
    .map((event) => ({ id: event.id, author: event.actor!, text: event.text ?? '', at: event.at }));
  return {
    id: instance.id,
    reference: instance.reference,
    template: {
      key: instance.templateKey,
      version: data.templateVersion,
      title: template.title,
      prefix: template.prefix,
    },
    subject: subjectOf(template, fields),
    status: instance.status,
    revision: instance.revision,
    requester: {
      ...personRef(data, instance.requesterPersonId, instance.requesterSlackId),
      department: department ? { key: department.key, name: departmentName(department) } : null,
    },
    fields,
    values: instance.form,
    steps,
    currentStepIndex: instance.currentStep,
    stepCount: instance.route.steps.length,
    cc: instance.route.cc.map((cc) => personRef(data, cc.personId)),
    createdAt: iso(instance.createdAt)!,
    updatedAt: iso(instance.updatedAt)!,
    decidedAt: iso(instance.decidedAt),
    documentNumber: instance.documentNumber,
    comments,
    departmentNames: Object.fromEntries(
      [...data.departmentsByKey.values()].map((d) => [d.key, departmentName(d)] as const),
    ),
    revisions,
    history,
    card: card(instance.cardChannel, instance.cardTs),
  };
}

export function buildTaskView(
  view: InstanceView,
  task: TaskRecord,
  data: Pick<ViewData, 'peopleById' | 'instance'>,
): TaskView {
  const revision = view.revisions.find((r) => r.revision === task.revision);
  const step = revision?.steps[task.stepIndex];
  const summary = step?.tasks.find((t) => t.taskId === task.id);
  const routeStep = data.instance.route.steps[task.stepIndex];
  return {
    taskId: task.id,
    instance: view,
    revision: task.revision,
    stepIndex: task.stepIndex,
    stepCount: revision?.steps.length ?? view.stepCount,
    stepName: step?.name ?? routeStep?.name ?? { en: '?', zh: '?' },
    mode: step?.mode ?? routeStep?.mode ?? 'one',
    assignee: summary?.assignee ?? { personId: task.assigneePersonId, slackUserId: null, name: '?' },
    onBehalfOf: summary?.onBehalfOf ?? null,
    delegationId: task.delegationId,
    status: task.status,
    createdAt: iso(task.createdAt)!,
    decidedAt: iso(task.decidedAt),
    comment: task.comment,
    dueAt: iso(task.dueAt),
    autoHandling: task.autoHandling,
    card: card(task.cardChannel, task.cardTs),
  };
}
