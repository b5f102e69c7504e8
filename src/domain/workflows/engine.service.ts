import type {
  ActionResult,
  Holiday,
  InstanceView,
  MyRequestsFilters,
  Page,
  PageRequest,
  RawFormValues,
  RegistrationInput,
  SearchFilters,
  SubmitResult,
  TaskView,
  TemplateInfo,
  ValidationResult,
} from './types';

/**
 * The workflow engine's public entry points. Every state change runs in one transaction that
 * locks the request row, re-reads the actor, re-checks the state, and writes the audit rows and
 * the outbox rows (the notifications) with the change. Refusals throw `WorkflowError`.
 */

const notImplemented = (): never => {
  throw new Error('not implemented');
};

/** Stores each built-in template as a new version when its definition changed. Call at start. */
export async function syncBuiltinTemplates(): Promise<{ key: string; version: number; created: boolean }[]> {
  return notImplemented();
}

/** Templates people can start from the picker (the latest version of each). */
export async function listTemplates(): Promise<TemplateInfo[]> {
  return notImplemented();
}

/** The latest version of a template; `not_found` when unknown. */
export async function getTemplate(_key: string): Promise<TemplateInfo> {
  return notImplemented();
}

export async function validateForm(
  _templateKey: string,
  _requesterSlackId: string,
  _values: RawFormValues,
): Promise<ValidationResult> {
  return notImplemented();
}

export async function submitRequest(
  _requesterSlackId: string,
  _templateKey: string,
  _values: RawFormValues,
  _options: { idempotencyKey?: string } = {},
): Promise<SubmitResult> {
  return notImplemented();
}

export async function approve(
  _actorSlackId: string,
  _taskId: number,
  _comment?: string,
): Promise<ActionResult> {
  return notImplemented();
}

export async function reject(_actorSlackId: string, _taskId: number, _reason: string): Promise<ActionResult> {
  return notImplemented();
}

export async function returnForChanges(
  _actorSlackId: string,
  _taskId: number,
  _reason: string,
): Promise<ActionResult> {
  return notImplemented();
}

export async function resubmit(
  _requesterSlackId: string,
  _instanceId: number,
  _values: RawFormValues,
): Promise<SubmitResult> {
  return notImplemented();
}

export async function withdraw(_requesterSlackId: string, _instanceId: number): Promise<ActionResult> {
  return notImplemented();
}

export async function comment(
  _actorSlackId: string,
  _instanceId: number,
  _text: string,
): Promise<{ instanceId: number; reference: string; eventId: string }> {
  return notImplemented();
}

export async function transfer(
  _actorSlackId: string,
  _taskId: number,
  _toSlackId: string,
  _reason: string,
): Promise<ActionResult> {
  return notImplemented();
}

export async function cancel(
  _adminSlackId: string,
  _instanceId: number,
  _reason: string,
): Promise<ActionResult> {
  return notImplemented();
}

/** A request by id or reference (or document number), for those allowed to see it. */
export async function getInstance(
  _viewerSlackId: string,
  _instanceIdOrReference: number | string,
): Promise<InstanceView> {
  return notImplemented();
}

/** A task, for its assignee (or anyone who may see the request). */
export async function getTask(_viewerSlackId: string, _taskId: number): Promise<TaskView> {
  return notImplemented();
}

/** Trusted reads for the outbox courier (no viewer): the current state to render. */
export async function readInstanceView(_instanceId: number): Promise<InstanceView> {
  return notImplemented();
}
export async function readTaskView(_taskId: number): Promise<TaskView> {
  return notImplemented();
}

export async function listPendingTasks(_slackId: string, _page: PageRequest = {}): Promise<Page<TaskView>> {
  return notImplemented();
}

export async function listMyRequests(
  _slackId: string,
  _filters: MyRequestsFilters = {},
): Promise<Page<InstanceView>> {
  return notImplemented();
}

/** Finished requests within what the viewer may see (admins: all). */
export async function searchInstances(
  _viewerSlackId: string,
  _filters: SearchFilters,
): Promise<Page<InstanceView>> {
  return notImplemented();
}

/** Requests submitted in [from, to] (YYYY-MM-DD, the admin's time zone) as CSV (UTF-8 with BOM). */
export async function exportCsv(
  _adminSlackId: string,
  _range: { from: string; to: string },
): Promise<string> {
  return notImplemented();
}

/** An unregistered person asks to join a department; its head approves; then they are a user. */
export async function submitRegistration(
  _slackId: string,
  _input: RegistrationInput,
  _options: { idempotencyKey?: string } = {},
): Promise<SubmitResult> {
  return notImplemented();
}

export async function addHoliday(_adminSlackId: string, _holiday: Holiday): Promise<void> {
  return notImplemented();
}
export async function removeHoliday(_adminSlackId: string, _date: string): Promise<void> {
  return notImplemented();
}
export async function listHolidays(
  _viewerSlackId: string,
  _range: { from?: string; to?: string } = {},
): Promise<Holiday[]> {
  return notImplemented();
}

/** Remembers where the Slack layer posted a task's card or a request's tracking card. */
export async function recordCard(
  _target: { taskId: number } | { instanceId: number },
  _channel: string,
  _ts: string,
): Promise<void> {
  return notImplemented();
}
