/**
 * The workflow engine: `createWorkflowEngine` builds it once (main.ts, tests) from a store, a clock,
 * its settings and the effects of finished reviews; the Slack layer, the jobs and the
 * announcements domain call its methods. Every state change runs in one transaction that locks
 * the request row, re-reads the actor, re-checks the state, and writes the audit rows and the
 * outbox rows (the notifications) with the change. Refusals throw `WorkflowError`
 * (workflow-errors.ts); form problems come back as `{ ok: false, errors }` with field error codes.
 */

import { interruptedAttachments, mayViewInstance, recordAttachments } from './attachments.service';
import { autoHandleTask, escalateTask, nudge, sendScheduledReminder } from './deadline.service';
import { approve, approveWithOpinion, reject, returnForChanges, transfer } from './decision.service';
import { awayStatus, endAway, handOverPendingTasks, setAway } from './delegation.service';
import {
  type Clock,
  type ReviewFinishedEffect,
  systemClock,
  type ViewReads,
  type WorkflowDeps,
} from './deps';
import { readOverdueSummary, runDigests } from './digest.service';
import { exportCsv } from './export.service';
import { addHoliday, listHolidays, removeHoliday } from './holiday.service';
import { cancel, comment, withdraw } from './lifecycle.service';
import {
  createViewReads,
  getInstance,
  getTask,
  listMyRequests,
  listPendingTasks,
  readDigestAsOf,
  readDigestsSince,
  readInstanceView,
  readInstanceViews,
  readTaskCopies,
  readTaskView,
  recordCard,
  searchInstances,
} from './query.service';
import type { TemplateRecord } from './records';
import { DEFAULT_WORKFLOW_SETTINGS, timeZoneOf, type WorkflowSettings } from './settings';
import type { WorkflowStore } from './store';
import {
  checkMayRegister,
  createRequest,
  resubmit,
  submitRegistration,
  submitRequest,
  validateForm,
} from './submission.service';
import { getTemplate, latestTemplate, listTemplates, syncTemplates } from './template.service';
import { nextNumber } from './transitions';
import { validationContext } from './validation-context';

export { memberActor } from './actors';
export type { Change } from './change';
export type { NudgeResult } from './deadline.service';
export type { Clock, FinishedReview, ReviewFinishedEffect } from './deps';
export type { NewRequest } from './submission.service';

export interface WorkflowEngineOptions {
  store: WorkflowStore;
  /** The system clock unless given (tests pass a fixed one). */
  clock?: Clock;
  /** The defaults (settings.ts) unless given; build them with `workflowSettingsWith`. */
  settings?: WorkflowSettings;
  /** What a template purpose other than `request`/`registration` does when its review ends. */
  reviewEffects?: Readonly<Record<string, ReviewFinishedEffect>>;
}

export type WorkflowEngine = ReturnType<typeof createWorkflowEngine>;

export function createWorkflowEngine(options: WorkflowEngineOptions) {
  const base = {
    store: options.store,
    clock: options.clock ?? systemClock,
    settings: options.settings ?? DEFAULT_WORKFLOW_SETTINGS,
    reviewEffects: { ...options.reviewEffects },
    templateVersions: new Map<number, TemplateRecord>(),
  };
  let viewReads: ViewReads | undefined;
  const deps: WorkflowDeps = {
    ...base,
    // Built on first use: the batched reads load views with these same deps.
    get viewReads() {
      viewReads ??= createViewReads(deps);
      return viewReads;
    },
  };
  const bind =
    <A extends unknown[], R>(fn: (d: WorkflowDeps, ...args: A) => R) =>
    (...args: A): R =>
      fn(deps, ...args);
  return {
    settings: deps.settings as Readonly<WorkflowSettings>,
    /** Stores each built-in template as a new version when its definition changed. Call at start. */
    syncBuiltinTemplates: bind(syncTemplates),
    // requests
    validateForm: bind(validateForm),
    submitRequest: bind(submitRequest),
    checkMayRegister: bind(checkMayRegister),
    submitRegistration: bind(submitRegistration),
    resubmit: bind(resubmit),
    // attachments copied into the file library after a submission
    recordAttachments: bind(recordAttachments),
    mayViewInstance: bind(mayViewInstance),
    interruptedAttachments: bind(interruptedAttachments),
    // decisions
    approve: bind(approve),
    approveWithOpinion: bind(approveWithOpinion),
    reject: bind(reject),
    returnForChanges: bind(returnForChanges),
    transfer: bind(transfer),
    // the requester, admins, participants
    withdraw: bind(withdraw),
    cancel: bind(cancel),
    comment: bind(comment),
    nudge: bind(nudge),
    // delegation while away
    setAway: bind(setAway),
    endAway: bind(endAway),
    awayStatus: bind(awayStatus),
    handOverPendingTasks: bind(handOverPendingTasks),
    // deadlines and digests (jobs)
    sendScheduledReminder: bind(sendScheduledReminder),
    escalateTask: bind(escalateTask),
    autoHandleTask: bind(autoHandleTask),
    runDigests: bind(runDigests),
    readOverdueSummary: bind(readOverdueSummary),
    // reads
    getInstance: bind(getInstance),
    getTask: bind(getTask),
    listMyRequests: bind(listMyRequests),
    listPendingTasks: bind(listPendingTasks),
    readDigestAsOf: bind(readDigestAsOf),
    readDigestsSince: bind(readDigestsSince),
    readInstanceView: bind(readInstanceView),
    readInstanceViews: bind(readInstanceViews),
    readTaskCopies: bind(readTaskCopies),
    readTaskView: bind(readTaskView),
    recordCard: bind(recordCard),
    searchInstances: bind(searchInstances),
    exportCsv: bind(exportCsv),
    // templates and holidays
    getTemplate: bind(getTemplate),
    latestTemplate: bind(latestTemplate),
    listTemplates: bind(listTemplates),
    addHoliday: bind(addHoliday),
    listHolidays: bind(listHolidays),
    removeHoliday: bind(removeHoliday),
    // for the announcements domain, which starts and resubmits its reviews in its own transactions
    createRequest: bind(createRequest),
    nextNumber: bind(nextNumber),
    validationContext: bind(validationContext),
    timeZoneOf: (person: { timezone: string | null } | null) => timeZoneOf(deps.settings, person),
  };
}
