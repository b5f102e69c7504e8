import type {
  DepartmentRecord,
  EventRecord,
  InstanceRecord,
  PersonRecord,
  RevisionRecord,
  TaskRecord,
  TemplateRecord,
} from '../../src/domain/workflows/records';
import type { AuditRow, OutboxInsert, Tx, WorkflowStore } from '../../src/domain/workflows/store';

/**
 * The workflow engine's store in memory, for unit tests of its rules without PostgreSQL. It keeps
 * the rows the engine writes and answers the reads a submission and a decision make; a
 * transaction that throws leaves the rows as they were. Operations no rule under test needs
 * refuse loudly rather than pretend.
 */
export interface MemoryRows {
  people: PersonRecord[];
  departments: DepartmentRecord[];
  templates: TemplateRecord[];
  instances: InstanceRecord[];
  revisions: RevisionRecord[];
  tasks: TaskRecord[];
  events: EventRecord[];
  audits: AuditRow[];
  outbox: (OutboxInsert & { id: string })[];
  counters: Record<string, number>;
  idempotencyKeys: Record<string, number>;
}

export type MemoryWorkflowStore = WorkflowStore & { rows: MemoryRows };

export function createMemoryWorkflowStore(
  directory: { people: PersonRecord[]; departments: DepartmentRecord[] },
  clock: { now(): Date },
): MemoryWorkflowStore {
  let rows: MemoryRows = {
    ...structuredClone(directory),
    templates: [],
    instances: [],
    revisions: [],
    tasks: [],
    events: [],
    audits: [],
    outbox: [],
    counters: {},
    idempotencyKeys: {},
  };
  const TX = {} as Tx;
  let nextId = 1;
  const id = () => nextId++;
  const copy = <T>(value: T): T => structuredClone(value);
  const unsupported = (name: string) => () => {
    throw new Error(`${name}: not kept by the in-memory store`);
  };
  const instance = (instanceId: number) => rows.instances.find((i) => i.id === instanceId) ?? null;
  const task = (taskId: number) => rows.tasks.find((t) => t.id === taskId) ?? null;
  const personBySlackId = (slackUserId: string) =>
    rows.people.find((p) => p.slackUserId === slackUserId) ?? null;
  const peopleByIds = (ids: readonly number[]) => rows.people.filter((p) => ids.includes(p.id)).map(copy);

  const store: MemoryWorkflowStore = {
    get rows() {
      return rows;
    },
    async inTransaction(fn) {
      const before = structuredClone(rows);
      try {
        return await fn(TX);
      } catch (error) {
        rows = before;
        throw error;
      }
    },

    findPersonBySlackId: async (slackUserId) => copy(personBySlackId(slackUserId)),
    findPeopleByIds: async (ids) => peopleByIds(ids),
    findPeopleByHandle: unsupported('findPeopleByHandle'),
    findDepartmentByKey: async (key) => copy(rows.departments.find((d) => d.key === key) ?? null),
    listAllDepartments: async () =>
      rows.departments.map(({ id, key, name, nameZh }) => ({ id, key, name, nameZh })),
    loadOrgSnapshot: async () => ({
      people: rows.people.map(({ id, slackUserId, name, departmentId, roles, status }) => ({
        id,
        slackUserId,
        name,
        departmentId,
        roles,
        status,
      })),
      departments: rows.departments.map(({ id, key, parentId, headPersonId }) => ({
        id,
        key,
        parentId,
        headPersonId,
      })),
    }),
    applyRegistration: unsupported('applyRegistration'),

    lockTemplateSync: async () => undefined,
    findLatestTemplateVersion: async (key) =>
      copy(rows.templates.filter((t) => t.key === key).sort((a, b) => b.version - a.version)[0] ?? null),
    findTemplateVersionsByIds: async (ids) => rows.templates.filter((t) => ids.includes(t.id)).map(copy),
    listLatestTemplateVersions: unsupported('listLatestTemplateVersions'),
    insertTemplateVersion: async (values, _tx) => {
      const record = { ...values, id: id(), createdAt: clock.now() };
      rows.templates.push(record);
      return copy(record);
    },
    nextCounterValue: async (scope, year) => {
      const key = `${scope}/${year}`;
      rows.counters[key] = (rows.counters[key] ?? 0) + 1;
      return rows.counters[key];
    },
    insertAuditRows: async (audits) => {
      rows.audits.push(...audits);
    },

    lockSubmissionsOf: async () => undefined,
    lockInstance: async (instanceId) => copy(instance(instanceId)),
    lockInstanceOfTask: async (taskId) => {
      const found = task(taskId);
      return found ? copy(instance(found.instanceId)) : null;
    },
    findInstanceById: async (instanceId) => copy(instance(instanceId)),
    findInstanceIdByReference: async (reference) =>
      rows.instances.find((i) => i.reference === reference)?.id ?? null,
    findInstanceIdOfTask: async (taskId) => task(taskId)?.instanceId ?? null,
    createInstance: async (values) => {
      const now = clock.now();
      const record: InstanceRecord = {
        ...values,
        id: id(),
        documentNumber: null,
        cardChannel: null,
        cardTs: null,
        createdAt: now,
        updatedAt: now,
        decidedAt: null,
      };
      rows.instances.push(record);
      return copy(record);
    },
    createRevision: async (values) => {
      rows.revisions.push({ ...values, outcome: null });
    },
    findIdempotentInstanceId: async (actor, key) => rows.idempotencyKeys[`${actor}/${key}`] ?? null,
    saveIdempotencyKey: async (actor, key, instanceId) => {
      rows.idempotencyKeys[`${actor}/${key}`] = instanceId;
    },
    findOpenRegistration: async () => null,
    findInstanceIdsWithPendingAttachments: async () => [],
    findOwnActiveForms: async () => [],
    recordInstanceCard: unsupported('recordInstanceCard'),
    writeChangeRows: async (change) => {
      if (change.instance) {
        const target = instance(change.instance.id);
        if (target) Object.assign(target, change.instance.changes);
      }
      for (const close of change.taskCloses ?? [])
        for (const t of rows.tasks)
          if (close.ids.includes(t.id) && t.status === 'pending') Object.assign(t, close.changes);
      if (change.revisionOutcome) {
        const { instanceId, revision, outcome } = change.revisionOutcome;
        const target = rows.revisions.find((r) => r.instanceId === instanceId && r.revision === revision);
        if (target) target.outcome = outcome;
      }
      const eventIds = change.events.map((event) => {
        const eventId = String(id());
        rows.events.push({ ...event, id: eventId });
        return eventId;
      });
      rows.audits.push(...change.audits);
      const leasedOutboxIds: string[] = [];
      for (const row of change.outbox) {
        const outboxId = String(id());
        rows.outbox.push({ ...row, id: outboxId });
        if (row.leased) leasedOutboxIds.push(outboxId);
      }
      return { eventIds, leasedOutboxIds };
    },
    findLastEventOfKind: async (instanceId, kinds) =>
      copy(rows.events.filter((e) => e.instanceId === instanceId && kinds.includes(e.kind)).at(-1) ?? null),

    createTasks: async (newTasks) => {
      const now = clock.now();
      const created = newTasks.map(
        (values): TaskRecord => ({
          delegationId: null,
          ...values,
          id: id(),
          status: 'pending',
          decidedAt: null,
          comment: null,
          remindersSent: 0,
          escalatedAt: null,
          nudgedAt: null,
          autoHandling: null,
          cardChannel: null,
          cardTs: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      rows.tasks.push(...created);
      return created.map(copy);
    },
    findTask: async (taskId) => copy(task(taskId)),
    findStepTasks: async (instanceId, revision, stepIndex) =>
      rows.tasks
        .filter((t) => t.instanceId === instanceId && t.revision === revision && t.stepIndex === stepIndex)
        .map(copy),
    findPendingTasksOf: async (instanceId) =>
      rows.tasks.filter((t) => t.instanceId === instanceId && t.status === 'pending').map(copy),
    findTasksOf: async (instanceIds) =>
      rows.tasks.filter((t) => instanceIds.includes(t.instanceId)).map(copy),
    findActorAndStep: async (actorSlackId, taskId, personIds) => {
      const found = task(taskId);
      const stepTasks = found
        ? rows.tasks.filter(
            (t) =>
              t.instanceId === found.instanceId &&
              t.revision === found.revision &&
              t.stepIndex === found.stepIndex,
          )
        : [];
      return {
        actor: copy(personBySlackId(actorSlackId)),
        stepTasks: stepTasks.map(copy),
        people: peopleByIds(personIds),
      };
    },
    recordTaskCard: unsupported('recordTaskCard'),
    pageOfPendingTaskIds: unsupported('pageOfPendingTaskIds'),
    pageOfTaskIdsPendingAt: unsupported('pageOfTaskIdsPendingAt'),
    markTaskDeadline: unsupported('markTaskDeadline'),
    markReminderSent: unsupported('markReminderSent'),

    lockDelegationsOf: unsupported('lockDelegationsOf'),
    createDelegation: unsupported('createDelegation'),
    findDelegation: unsupported('findDelegation'),
    // Nobody is away in these tests.
    findOpenDelegations: async () => [],
    endDelegations: unsupported('endDelegations'),
    findPendingTaskIdsHeldBy: unsupported('findPendingTaskIdsHeldBy'),
    findPendingTaskIdsDelegatedFrom: unsupported('findPendingTaskIdsDelegatedFrom'),

    findViewRows: unsupported('findViewRows'),
    pageOfRequestsOf: unsupported('pageOfRequestsOf'),
    searchInstanceIds: unsupported('searchInstanceIds'),
    findIdsSubmittedBetween: unsupported('findIdsSubmittedBetween'),

    insertOutboxRows: unsupported('insertOutboxRows'),
    // No reminder or digest ever offered a task's buttons here.
    taskHasCopies: async () => false,
    findTaskCopies: unsupported('findTaskCopies'),
    findDigestsSince: unsupported('findDigestsSince'),
    findApproversWithPendingTasks: unsupported('findApproversWithPendingTasks'),
    findActiveAdmins: unsupported('findActiveAdmins'),
    claimDigestDeliveries: unsupported('claimDigestDeliveries'),
    findOverdueTasks: unsupported('findOverdueTasks'),
    hasOverdueTasks: unsupported('hasOverdueTasks'),

    // No public holidays.
    holidayDatesBetween: async () => new Set(),
    listHolidayRecords: unsupported('listHolidayRecords'),
    insertHoliday: unsupported('insertHoliday'),
    deleteHoliday: unsupported('deleteHoliday'),
  };
  return store;
}
