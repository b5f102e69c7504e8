/**
 * The workflow engine's public entry points (the Slack layer and jobs import from here).
 * Every state change runs in one transaction that locks the request row, re-reads the actor,
 * re-checks the state, and writes the audit rows and the outbox rows (the notifications) with the
 * change. Refusals throw `WorkflowError` (workflow-errors.ts); form problems come back as
 * `{ ok: false, errors }` with field error codes. Types: types.ts.
 */

import { syncTemplates } from './template.service';
import type { TemplateInput } from './template-schema';
import { BUILTIN_TEMPLATES } from './templates';

export { memberActor } from './actors';
export type { Change } from './change';
export { nudge } from './deadline.service';
export { approve, approveWithOpinion, reject, returnForChanges, transfer } from './decision.service';
export { awayStatus, endAway, handOverPendingTasks, setAway } from './delegation.service';
export { readOverdueSummary, runDigests } from './digest.service';
export { exportCsv } from './export.service';
export { addHoliday, listHolidays, removeHoliday } from './holiday.service';
export { cancel, comment, withdraw } from './lifecycle.service';
export {
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
export { configureWorkflows, workflowSettings } from './settings';
export {
  checkMayRegister,
  createRequest,
  type NewRequest,
  resubmit,
  submitRegistration,
  submitRequest,
  validateForm,
} from './submission.service';
export { getTemplate, latestTemplate, listTemplates } from './template.service';
export { nextNumber, onReviewFinished, type ReviewFinishedEffect } from './transitions';

/** Stores each built-in template as a new version when its definition changed. Call at start. */
export function syncBuiltinTemplates(
  templates: readonly TemplateInput[] = BUILTIN_TEMPLATES,
): Promise<{ key: string; version: number; created: boolean }[]> {
  return syncTemplates(templates);
}
