import type { Tx, WorkflowStore } from '../domain/workflows/store';
import { insertAuditRows } from './repositories/audit.repository';
import { writeChangeRows } from './repositories/change-rows.repository';
import {
  createDelegation,
  endDelegations,
  findDelegation,
  findOpenDelegations,
  findPendingTaskIdsDelegatedFrom,
  findPendingTaskIdsHeldBy,
  lockDelegationsOf,
} from './repositories/delegations.repository';
import {
  claimDigestDeliveries,
  findActiveAdmins,
  findApproversWithPendingTasks,
  findOverdueTasks,
  hasOverdueTasks,
} from './repositories/digests.repository';
import { findDepartmentByKey, findPeopleByHandle, findPersonBySlackId } from './repositories/org.repository';
import { asTx, inTransaction, sqlTransaction } from './repositories/transaction';
import {
  applyRegistration,
  findPeopleByIds,
  listAllDepartments,
  loadOrgSnapshot,
} from './repositories/workflow-directory.repository';
import { findLastEventOfKind } from './repositories/workflow-history.repository';
import {
  createInstance,
  createRevision,
  findIdempotentInstanceId,
  findInstanceById,
  findInstanceIdByReference,
  findInstanceIdOfTask,
  lockInstance,
  lockInstanceOfTask,
  lockSubmissionsOf,
  recordInstanceCard,
  saveIdempotencyKey,
} from './repositories/workflow-instances.repository';
import {
  createTasks,
  findActorAndStep,
  findPendingTasksOf,
  findStepTasks,
  findTask,
  findTasksOf,
  pageOfPendingTaskIds,
  pageOfTaskIdsPendingAt,
  recordTaskCard,
} from './repositories/workflow-tasks.repository';
import {
  findLatestTemplateVersion,
  findTemplateVersionsByIds,
  insertTemplateVersion,
  listLatestTemplateVersions,
  lockTemplateSync,
  nextCounterValue,
} from './repositories/workflow-templates.repository';
import { findViewRows } from './repositories/workflow-views.repository';
import { markRemindersSent, markTaskDeadline } from './repositories/workflows-deadlines.repository';
import {
  deleteHoliday,
  holidayDatesBetween,
  insertHoliday,
  listHolidayRecords,
} from './repositories/workflows-holidays.repository';
import {
  findDigestsSince,
  findTaskCopies,
  insertOutboxRows,
  taskHasCopies,
} from './repositories/workflows-outbox.repository';
import {
  findIdsSubmittedBetween,
  findInstanceIdsWithPendingAttachments,
  findOpenRegistration,
  findOwnActiveForms,
  pageOfRequestsOf,
  searchInstanceIds,
} from './repositories/workflows-queries.repository';
import { GroupBatcher } from './sql/group-batcher';

/**
 * The workflow engine's store on PostgreSQL: each operation is the repository function of the
 * same name, with the domain's transaction handle turned back into the Sequelize transaction.
 */
export function createWorkflowStore(): WorkflowStore {
  const sql = sqlTransaction;
  const maybe = (tx: Tx | undefined) => (tx === undefined ? undefined : sql(tx));
  const lockable = (tx: Tx | undefined) => (tx === undefined ? {} : { transaction: sql(tx) });
  // Reminders due together are written together: a thousand falling due at the same second become
  // a few dozen statements (one round trip and one commit each) instead of a thousand.
  const reminderWrites = new GroupBatcher(markRemindersSent, { maxBatch: 200, maxConcurrent: 4 });
  return {
    inTransaction: (fn) => inTransaction((transaction) => fn(asTx(transaction))),

    findPersonBySlackId: (slackUserId, tx) => findPersonBySlackId(slackUserId, lockable(tx)),
    findPeopleByIds: (ids, tx) => findPeopleByIds(ids, maybe(tx)),
    findPeopleByHandle,
    findDepartmentByKey: (key, tx) => findDepartmentByKey(key, lockable(tx)),
    listAllDepartments: (tx) => listAllDepartments(maybe(tx)),
    loadOrgSnapshot: (tx) => loadOrgSnapshot(sql(tx)),
    applyRegistration: (values, tx) => applyRegistration(values, sql(tx)),

    lockTemplateSync: (tx) => lockTemplateSync(sql(tx)),
    findLatestTemplateVersion: (key, tx) => findLatestTemplateVersion(key, maybe(tx)),
    findTemplateVersionsByIds: (ids, tx) => findTemplateVersionsByIds(ids, maybe(tx)),
    listLatestTemplateVersions,
    insertTemplateVersion: (values, tx) => insertTemplateVersion(values, sql(tx)),
    nextCounterValue: (scope, year, tx) => nextCounterValue(scope, year, sql(tx)),
    insertAuditRows: (rows, tx) => insertAuditRows(rows, sql(tx)),

    lockSubmissionsOf: (slackUserId, tx) => lockSubmissionsOf(slackUserId, sql(tx)),
    lockInstance: (id, tx) => lockInstance(id, sql(tx)),
    lockInstanceOfTask: (taskId, tx) => lockInstanceOfTask(taskId, sql(tx)),
    findInstanceById: (id, tx) => findInstanceById(id, maybe(tx)),
    findInstanceIdByReference,
    findInstanceIdOfTask: (taskId, tx) => findInstanceIdOfTask(taskId, maybe(tx)),
    createInstance: (values, tx) => createInstance(values, sql(tx)),
    createRevision: (values, tx) => createRevision(values, sql(tx)),
    findIdempotentInstanceId: (actor, key, tx) => findIdempotentInstanceId(actor, key, sql(tx)),
    saveIdempotencyKey: (actor, key, instanceId, tx) => saveIdempotencyKey(actor, key, instanceId, sql(tx)),
    findOpenRegistration: (slackUserId, tx) => findOpenRegistration(slackUserId, sql(tx)),
    findInstanceIdsWithPendingAttachments,
    findOwnActiveForms: (requester, templateKey, exclude, tx) =>
      findOwnActiveForms(requester, templateKey, exclude, maybe(tx)),
    recordInstanceCard,
    writeChangeRows: (rows, tx) => writeChangeRows(rows, sql(tx)),
    findLastEventOfKind: (instanceId, kinds, tx) => findLastEventOfKind(instanceId, kinds, sql(tx)),

    createTasks: (rows, tx) => createTasks(rows, sql(tx)),
    findTask: (id, tx) => findTask(id, maybe(tx)),
    findStepTasks: (instanceId, revision, stepIndex, tx) =>
      findStepTasks(instanceId, revision, stepIndex, sql(tx)),
    findPendingTasksOf: (instanceId, tx) => findPendingTasksOf(instanceId, sql(tx)),
    findTasksOf: (instanceIds, tx) => findTasksOf(instanceIds, maybe(tx)),
    findActorAndStep: (actor, taskId, personIds, tx) => findActorAndStep(actor, taskId, personIds, sql(tx)),
    recordTaskCard,
    pageOfPendingTaskIds,
    pageOfTaskIdsPendingAt,
    markTaskDeadline: (taskId, changes, tx) => markTaskDeadline(taskId, changes, sql(tx)),
    markReminderSent: (reminder) => reminderWrites.submit(reminder),

    lockDelegationsOf: (personId, tx) => lockDelegationsOf(personId, sql(tx)),
    createDelegation: (values, tx) => createDelegation(values, sql(tx)),
    findDelegation: (id, tx) => findDelegation(id, maybe(tx)),
    findOpenDelegations: (where, fromDate, tx) => findOpenDelegations(where, fromDate, maybe(tx)),
    endDelegations: (ids, at, by, tx) => endDelegations(ids, at, by, sql(tx)),
    findPendingTaskIdsHeldBy: (personId, tx) => findPendingTaskIdsHeldBy(personId, maybe(tx)),
    findPendingTaskIdsDelegatedFrom,

    findViewRows,
    pageOfRequestsOf,
    searchInstanceIds,
    findIdsSubmittedBetween,

    insertOutboxRows: (rows, tx) => insertOutboxRows(rows, sql(tx)),
    taskHasCopies: (task, since, tx) => taskHasCopies(task, since, maybe(tx)),
    findTaskCopies,
    findDigestsSince,
    findApproversWithPendingTasks,
    findActiveAdmins,
    claimDigestDeliveries: (kind, rows, tx) => claimDigestDeliveries(kind, rows, sql(tx)),
    findOverdueTasks,
    hasOverdueTasks,

    holidayDatesBetween: (from, to, tx) => holidayDatesBetween(from, to, maybe(tx)),
    listHolidayRecords,
    insertHoliday: (holiday, tx) => insertHoliday(holiday, sql(tx)),
    deleteHoliday: (date, tx) => deleteHoliday(date, sql(tx)),
  };
}
