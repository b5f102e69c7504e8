import type { BlockButtonAction, RespondFn } from '@slack/bolt';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { UserContext } from './user-context';
import { APPROVALS_PAGE_SIZE, approvalsList } from './views/workflows/approvals-list.view';

/**
 * One page of `/approvals` (my pending tasks, oldest first) through a response_url: a later page
 * replaces the message it was asked from.
 */
export async function showApprovalsPage(
  workflows: Pick<WorkflowEngine, 'listPendingTasks'>,
  ctx: UserContext,
  userId: string,
  offset: number,
  respond: RespondFn,
): Promise<void> {
  const page = await workflows.listPendingTasks(userId, { offset, limit: APPROVALS_PAGE_SIZE });
  await respond({
    response_type: 'ephemeral',
    replace_original: offset > 0,
    ...approvalsList({ ...ctx, page }),
  });
}

/**
 * The /approvals list shown again from its first page, in place, after a decision taken in it:
 * the decided task's buttons go (an ephemeral message changes only through its response_url).
 */
export async function refreshApprovalsList(
  workflows: Pick<WorkflowEngine, 'listPendingTasks'>,
  ctx: UserContext,
  userId: string,
  respond: RespondFn,
): Promise<void> {
  const page = await workflows.listPendingTasks(userId, { offset: 0, limit: APPROVALS_PAGE_SIZE });
  await respond({ response_type: 'ephemeral', replace_original: true, ...approvalsList({ ...ctx, page }) });
}

/** Whether a button was clicked in the /approvals list (the only ephemeral message with task buttons). */
export const inApprovalsList = (body: BlockButtonAction): boolean =>
  (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;

/** The list's response_url, kept in a modal opened from it so its submission can refresh the list. */
export const approvalsListUrl = (body: BlockButtonAction): string | undefined =>
  inApprovalsList(body) ? body.response_url : undefined;
