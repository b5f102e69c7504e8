import type { BlockButtonAction } from '@slack/bolt';
import type { WorkflowEngine } from '../../../domain/workflows/engine.service';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { responderFor } from '../../respond';
import type { UserContext } from '../../user-context';
import { APPROVALS_PAGE_SIZE, approvalsList } from '../../views/workflows/approvals-list.view';
import type { ListenerApp } from '../router';

/**
 * The /approvals list shown again from its first page, in place, after a decision taken in it:
 * the decided task's buttons go (an ephemeral message changes only through its response_url).
 */
export async function refreshApprovalsList(
  workflows: Pick<WorkflowEngine, 'listPendingTasks'>,
  ctx: UserContext,
  userId: string,
  responseUrl: string,
): Promise<void> {
  const page = await workflows.listPendingTasks(userId, { offset: 0, limit: APPROVALS_PAGE_SIZE });
  await responderFor(responseUrl)({
    response_type: 'ephemeral',
    replace_original: true,
    ...approvalsList({ ...ctx, page }),
  });
}

/** `/approvals`: my pending tasks, oldest first, paginated, with the same buttons as the cards. */
export function registerApprovalsCommand(app: ListenerApp, deps: SlackDeps): void {
  const show = async (userId: string, offset: number, responseUrl: string | undefined) => {
    const ctx = await contextOf(deps, userId);
    await runAndReport(deps, ctx, responseUrl, async () => {
      const page = await deps.workflows.listPendingTasks(userId, { offset, limit: APPROVALS_PAGE_SIZE });
      if (!responseUrl) return undefined;
      await responderFor(responseUrl)({
        response_type: 'ephemeral',
        replace_original: offset > 0,
        ...approvalsList({ ...ctx, page }),
      });
      return undefined;
    });
  };

  app.command('/approvals', async ({ ack, command }) => {
    await ack();
    await show(command.user_id, 0, command.response_url);
  });

  app.action<BlockButtonAction>(ACTION_IDS.approvalsPage, async ({ ack, body, action }) => {
    await ack();
    await show(body.user.id, buttonId(action) ?? 0, body.response_url);
  });
}
