import type { AuditEvent } from '../audit/audit.service';
import type { Tx } from '../tx';
import type {
  AutoHandling,
  EventKind,
  FormValues,
  InstanceStatus,
  OrgDepartment,
  OrgPerson,
  OutboxKind,
  TaskStatus,
} from './model';
import type { OutboxPayloads } from './outbox-types';
import type {
  DelegationRecord,
  DepartmentRecord,
  EventRecord,
  HolidayRecord,
  InstanceRecord,
  PersonRecord,
  RevisionRecord,
  TaskRecord,
  TemplateRecord,
} from './records';
import type { TemplateDefinition } from './template-schema';

/**
 * What the engine needs from its storage, in the engine's own terms. `db/workflow-store.ts`
 * implements it on PostgreSQL; the unit tests implement it in memory. Every write takes the
 * transaction (`Tx`) that `inTransaction` handed out; a read without one runs on its own.
 */

/**
 * A transaction of the store (`domain/tx.ts`, shared by the domains): opaque to the engine, which
 * only hands it back. The database store's is a Sequelize transaction
 * (db/repositories/transaction.ts converts).
 */
export type { Tx };

/** A notification row, written with the change it announces (see outbox.ts). */
export interface OutboxInsert<K extends OutboxKind = OutboxKind> {
  kind: K;
  recipientPersonId: number | null;
  recipientSlackId: string;
  /** Null for a digest (about no single request). */
  instanceId: number | null;
  taskId: number | null;
  payload: OutboxPayloads[K];
  /**
   * Written leased to the writer, its first attempt counted (as a claim would): the caller makes
   * this delivery itself right after the commit, and no courier takes the row meanwhile.
   */
  leased?: boolean;
}

/** Tasks a change closes with a status (only those still pending: a closed task never changes). */
export interface TaskClose {
  ids: readonly number[];
  changes: { status: Exclude<TaskStatus, 'pending'>; decidedAt: Date; comment?: string | null };
}

export type NewEvent = Omit<EventRecord, 'id'>;
export type AuditRow = AuditEvent & { requestId?: string | undefined };

/**
 * What a change of a request writes when it is done: the request's changed attributes, the tasks
 * it closes, its revision's outcome, its history lines, audit rows and outbox rows.
 */
export interface ChangeRows {
  instance?: { id: number; changes: Partial<Omit<InstanceRecord, 'id' | 'createdAt'>> };
  taskCloses?: readonly TaskClose[];
  revisionOutcome?: { instanceId: number; revision: number; outcome: InstanceStatus | null };
  events: readonly NewEvent[];
  audits: readonly AuditRow[];
  outbox: readonly OutboxInsert[];
}

export type NewInstance = Omit<
  InstanceRecord,
  'id' | 'createdAt' | 'updatedAt' | 'decidedAt' | 'documentNumber' | 'cardChannel' | 'cardTs'
>;
export type NewRevision = Omit<RevisionRecord, 'outcome'>;
export type NewTask = Pick<
  TaskRecord,
  'instanceId' | 'revision' | 'stepIndex' | 'assigneePersonId' | 'onBehalfOfPersonId' | 'dueAt'
> &
  Partial<Pick<TaskRecord, 'delegationId'>>;

export interface ViewDepartmentRecord {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
}

export interface ViewPersonRecord {
  id: number;
  slackUserId: string | null;
  name: string;
}

/** A request with everything of its own a view shows. */
export interface ViewRows {
  instance: InstanceRecord;
  /** Oldest first, every revision. */
  tasks: TaskRecord[];
  /** Oldest first. */
  events: EventRecord[];
  /** By revision number. */
  revisions: RevisionRecord[];
  /** The request's department and every department a form value (of any revision) names by key. */
  departments: ViewDepartmentRecord[];
  /** Everyone the view names (requester, route, tasks, history, `user` fields). */
  people: ViewPersonRecord[];
}

export type DigestDeliveryKind = 'daily_digest' | 'weekly_summary';

export interface DigestRecipient {
  personId: number;
  slackUserId: string;
  timezone: string | null;
}

export interface OverdueTaskRow {
  taskId: number;
  instanceId: number;
  reference: string;
  templateId: number;
  approverName: string;
  dueAt: Date;
  department: { key: string; name: string; nameZh: string | null } | null;
}

export interface TaskCopy {
  kind: 'task_reminder' | 'task_delegated';
  recipientSlackId: string;
  channel: string;
  ts: string;
  payload: Record<string, unknown>;
}

export interface IdPage {
  ids: number[];
  total: number;
}

export interface SearchQuery {
  statuses: readonly InstanceStatus[];
  /** Null: everything (admins). Otherwise what this person requested or takes part in. */
  visibleTo: { personId: number | null; slackUserId: string } | null;
  text?: string;
  reference?: string;
  requesterSlackId?: string;
  templateKey?: string;
  from?: string;
  to?: string;
  timeZone: string;
  offset: number;
  limit: number;
}

export interface WorkflowStore {
  /** Runs `fn` in one transaction (rolled back if it throws). */
  inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;

  // --- directory
  findPersonBySlackId(slackUserId: string, tx?: Tx): Promise<PersonRecord | null>;
  findPeopleByIds(ids: readonly number[], tx?: Tx): Promise<PersonRecord[]>;
  findPeopleByHandle(handle: string): Promise<PersonRecord[]>;
  findDepartmentByKey(key: string, tx?: Tx): Promise<DepartmentRecord | null>;
  listAllDepartments(tx?: Tx): Promise<{ id: number; key: string; name: string; nameZh: string | null }[]>;
  loadOrgSnapshot(tx: Tx): Promise<{ people: OrgPerson[]; departments: OrgDepartment[] }>;
  /** An approved registration: the registrant becomes (or is again) an active user. */
  applyRegistration(
    values: { slackUserId: string; name: string; departmentId: number; position: string; contact: string },
    tx: Tx,
  ): Promise<{ person: PersonRecord; created: boolean; before: Partial<PersonRecord> | null }>;

  // --- templates and counters
  lockTemplateSync(tx: Tx): Promise<void>;
  findLatestTemplateVersion(key: string, tx?: Tx): Promise<TemplateRecord | null>;
  findTemplateVersionsByIds(ids: readonly number[], tx?: Tx): Promise<TemplateRecord[]>;
  listLatestTemplateVersions(): Promise<TemplateRecord[]>;
  insertTemplateVersion(
    values: { key: string; version: number; definition: TemplateDefinition; checksum: string },
    tx: Tx,
  ): Promise<TemplateRecord>;
  nextCounterValue(scope: string, year: number, tx: Tx): Promise<number>;
  /** Audit rows of something that is not a change of a request (a template version). */
  insertAuditRows(rows: AuditRow[], tx: Tx): Promise<void>;

  // --- requests
  lockSubmissionsOf(slackUserId: string, tx: Tx): Promise<void>;
  lockInstance(id: number, tx: Tx): Promise<InstanceRecord | null>;
  /** Locks the request holding a task; null when the task does not exist. */
  lockInstanceOfTask(taskId: number, tx: Tx): Promise<InstanceRecord | null>;
  findInstanceById(id: number, tx?: Tx): Promise<InstanceRecord | null>;
  findInstanceIdByReference(reference: string): Promise<number | null>;
  findInstanceIdOfTask(taskId: number, tx?: Tx): Promise<number | null>;
  createInstance(values: NewInstance, tx: Tx): Promise<InstanceRecord>;
  createRevision(values: NewRevision, tx: Tx): Promise<void>;
  findIdempotentInstanceId(actorSlackId: string, key: string, tx: Tx): Promise<number | null>;
  saveIdempotencyKey(actorSlackId: string, key: string, instanceId: number, tx: Tx): Promise<void>;
  findOpenRegistration(slackUserId: string, tx: Tx): Promise<{ id: number; reference: string } | null>;
  findOwnActiveForms(
    requesterSlackId: string,
    templateKey: string,
    excludeInstanceId: number | null,
    tx?: Tx,
  ): Promise<{ reference: string; form: FormValues }[]>;
  recordInstanceCard(instanceId: number, channel: string, ts: string): Promise<boolean>;
  /** Requests unchanged since `before` with an attachment not yet stored or refused. */
  findInstanceIdsWithPendingAttachments(before: Date, limit: number): Promise<number[]>;
  /** Writes a change (see ChangeRows) in one go; the history rows' ids and the leased outbox ids. */
  writeChangeRows(rows: ChangeRows, tx: Tx): Promise<{ eventIds: string[]; leasedOutboxIds: string[] }>;
  findLastEventOfKind(instanceId: number, kinds: readonly EventKind[], tx: Tx): Promise<EventRecord | null>;

  // --- tasks
  createTasks(rows: NewTask[], tx: Tx): Promise<TaskRecord[]>;
  findTask(id: number, tx?: Tx): Promise<TaskRecord | null>;
  findStepTasks(instanceId: number, revision: number, stepIndex: number, tx: Tx): Promise<TaskRecord[]>;
  findPendingTasksOf(instanceId: number, tx: Tx): Promise<TaskRecord[]>;
  findTasksOf(instanceIds: readonly number[], tx?: Tx): Promise<TaskRecord[]>;
  /** The actor, the tasks of the task's step and these people, read in one statement. */
  findActorAndStep(
    actorSlackId: string,
    taskId: number,
    personIds: readonly number[],
    tx: Tx,
  ): Promise<{ actor: PersonRecord | null; stepTasks: TaskRecord[]; people: PersonRecord[] }>;
  recordTaskCard(taskId: number, channel: string, ts: string): Promise<boolean>;
  pageOfPendingTaskIds(personId: number, offset: number, limit: number): Promise<IdPage>;
  pageOfTaskIdsPendingAt(
    personId: number,
    at: Date,
    limit: number,
  ): Promise<{ ids: number[]; total: number; stillPending: number }>;
  markTaskDeadline(
    taskId: number,
    changes: {
      remindersSent?: number;
      escalatedAt?: Date;
      nudgedAt?: Date;
      autoHandling?: AutoHandling | null;
    },
    tx: Tx,
  ): Promise<void>;
  /**
   * Scheduled reminder `n` of a task: marks it and writes its outbox row while the task is still
   * pending and had fewer reminders; false otherwise. Reminders due together may be written together.
   */
  markReminderSent(reminder: { taskId: number; n: number }): Promise<boolean>;

  // --- delegations
  lockDelegationsOf(personId: number, tx: Tx): Promise<void>;
  createDelegation(
    values: Pick<DelegationRecord, 'personId' | 'delegatePersonId' | 'startDate' | 'endDate' | 'note'>,
    tx: Tx,
  ): Promise<DelegationRecord>;
  findDelegation(id: number, tx?: Tx): Promise<DelegationRecord | null>;
  findOpenDelegations(
    where: { personIds?: readonly number[]; delegatePersonIds?: readonly number[] },
    fromDate: string,
    tx?: Tx,
  ): Promise<DelegationRecord[]>;
  endDelegations(ids: readonly number[], at: Date, bySlackId: string, tx: Tx): Promise<number>;
  findPendingTaskIdsHeldBy(personId: number, tx?: Tx): Promise<number[]>;
  findPendingTaskIdsDelegatedFrom(personId: number): Promise<number[]>;

  // --- reads over many requests
  findViewRows(of: { instanceIds: readonly number[] } | { taskIds: readonly number[] }): Promise<ViewRows[]>;
  pageOfRequestsOf(
    requesterSlackId: string,
    status: InstanceStatus | undefined,
    offset: number,
    limit: number,
  ): Promise<IdPage>;
  searchInstanceIds(query: SearchQuery): Promise<IdPage>;
  findIdsSubmittedBetween(from: string, to: string, timeZone: string): Promise<number[]>;

  // --- outbox and digests
  insertOutboxRows(rows: readonly OutboxInsert[], tx: Tx): Promise<string[]>;
  taskHasCopies(
    task: { instanceId: number; taskId: number; approverSlackId: string | null },
    digestSince: Date,
    tx?: Tx,
  ): Promise<boolean>;
  findTaskCopies(instanceId: number, taskId: number): Promise<TaskCopy[]>;
  findDigestsSince(
    recipientSlackId: string,
    since: Date,
  ): Promise<Array<{ channel: string; ts: string; deliveredAt: Date }>>;
  findApproversWithPendingTasks(): Promise<DigestRecipient[]>;
  findActiveAdmins(): Promise<DigestRecipient[]>;
  claimDigestDeliveries(
    kind: DigestDeliveryKind,
    rows: readonly { personId: number; localDate: string }[],
    tx: Tx,
  ): Promise<Set<number>>;
  findOverdueTasks(now: Date, limit?: number): Promise<OverdueTaskRow[]>;
  hasOverdueTasks(now: Date): Promise<boolean>;

  // --- holidays
  holidayDatesBetween(from: string, to: string, tx?: Tx): Promise<Set<string>>;
  listHolidayRecords(range: { from?: string; to?: string }): Promise<HolidayRecord[]>;
  insertHoliday(holiday: HolidayRecord, tx: Tx): Promise<boolean>;
  deleteHoliday(date: string, tx: Tx): Promise<HolidayRecord | null>;
}
