/**
 * Business-rule refusals of the workflow engine. The Slack layer turns each code into a message
 * from its catalogs; `details` carries what the message needs (names, references, ISO times).
 */
export type WorkflowErrorCode =
  /** The actor is not in the directory (tell them how to register). */
  | 'not_registered'
  | 'suspended'
  /** Guests may look at what is shared with them but never start or decide requests. */
  | 'guest_forbidden'
  | 'admin_only'
  /** Unknown template, request, task or holiday — or one the actor may not see. details: { what } */
  | 'not_found'
  /** The template cannot be started this way (registration goes through submitRegistration). */
  | 'template_not_startable'
  /** The actor does not hold this task (a forged or stale button). */
  | 'not_your_task'
  /** details: { by (name), at (ISO), decision (approved|rejected|returned|transferred|withdrawn|cancelled) } */
  | 'already_decided'
  /** The request is not in a state that allows this. details: { status } */
  | 'invalid_state'
  | 'not_requester'
  | 'not_participant'
  /** A rejection, return, transfer or cancellation without a reason, or an empty comment. */
  | 'reason_required'
  /** "Approve with comment" with no visible opinion (plain Approve takes none). */
  | 'opinion_required'
  /** details: { max } */
  | 'text_too_long'
  | 'self_transfer'
  /** The transfer target is unknown, suspended, a guest, the requester or already an approver of the step. details: { who, why } */
  | 'transfer_target_invalid'
  /** Nobody at all could approve a step (not even an admin other than the requester). details: { step } */
  | 'no_approver'
  | 'already_registered'
  /** details: { reference } */
  | 'already_pending'
  /** A malformed argument that no form field explains (a date, a status filter, an idempotency key). details: { field, value } */
  | 'invalid_input'
  /** details: { date } */
  | 'holiday_exists'
  /** The requester nudged the request too recently. details: { at (ISO, when they may again) } */
  | 'nudge_too_soon'
  /** `/oa away` or a hand-over refused (delegation.service.ts). details: { why, …what the reason needs } */
  | 'delegation_refused';

export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'WorkflowError';
  }
}
