import { AsyncLocalStorage } from 'node:async_hooks';
import { OrgError } from '../domain/org/org-errors';
import type { RefusalRecorder } from '../domain/supervision/store';
import { WorkflowError } from '../domain/workflows/workflow-errors';
import type { Logger } from '../logger';

/**
 * Counts refused interactions for the safe-operation indicators (issue 16): requests Slack did not
 * sign (request-guard.ts) and actions the server's authorisation refused — a button for a task
 * that is not the clicker's, a request that is not theirs, an admin command by a non-admin. The
 * Slack user id of the interaction is kept by the one global middleware (app.ts) for the
 * refusal's reply to find; nothing else about the person is recorded.
 */

const actor = new AsyncLocalStorage<string>();

export function withActor<T>(slackUserId: string | undefined, fn: () => T): T {
  return slackUserId ? actor.run(slackUserId, fn) : fn();
}

/** The Slack user id a Slack payload names (command, action, view submission, event). */
export function slackUserOf(body: unknown): string | undefined {
  const b = body as { user_id?: unknown; user?: { id?: unknown }; event?: { user?: unknown } };
  const id = b.user_id ?? b.user?.id ?? b.event?.user;
  return typeof id === 'string' ? id : undefined;
}

/** The refusals that are the server's authorisation saying no (not a mistake in what was typed). */
const AUTHORISATION_CODES = new Set([
  'admin_only',
  'not_your_task',
  'not_requester',
  'not_participant',
  'guest_forbidden',
]);

export function authorisationRefusal(error: unknown): string | null {
  if ((error instanceof WorkflowError || error instanceof OrgError) && AUTHORISATION_CODES.has(error.code))
    return error.code;
  return null;
}

/** Counts `error` if it is an authorisation refusal; counting never fails the reply. */
export function countRefusal(
  error: unknown,
  deps: { refusals?: RefusalRecorder | undefined; logger: Logger },
): void {
  const reason = authorisationRefusal(error);
  if (!reason || !deps.refusals) return;
  void deps.refusals
    .record(reason, actor.getStore() ?? null)
    .catch((failure: unknown) => deps.logger.warn({ err: failure }, 'refused interaction not counted'));
}
