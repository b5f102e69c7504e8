import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import { listPendingTasks } from '../../../domain/workflows/engine.service';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import type { UserContext } from '../../user-context';
import { APPROVALS_PAGE_SIZE, approvalsList } from '../../views/workflows/approvals-list.view';

/**
 * The /approvals list shown again from its first page, in place, after a decision taken in it:
 * the decided task's buttons go (an ephemeral message changes only through its response_url).
 */
export async function refreshApprovalsList(
  ctx: UserContext,
  userId: string,
  respond: RespondFn,
): Promise<void> {
  const page = await listPendingTasks(userId, { offset: 0, limit: APPROVALS_PAGE_SIZE });
  await respond({
    response_type: 'ephemeral',
    replace_original: true,
    ...approvalsList({ ...ctx, page }),
  });
}

/** `/approvals`: my pending tasks, oldest first, paginated, with the same buttons as the cards. */
export function registerApprovalsCommand(app: App, deps: SlackDeps): void {
  const show = async (userId: string, offset: number, respond: RespondFn | undefined) => {
    const ctx = await contextOf(deps, userId);
    await runAndReport(deps, ctx, respond, async () => {
      const page = await listPendingTasks(userId, { offset, limit: APPROVALS_PAGE_SIZE });
      if (!respond) return undefined;
      await respond({
        response_type: 'ephemeral',
        replace_original: offset > 0,
        ...approvalsList({ ...ctx, page }),
      });
      return undefined;
    });
  };

  app.command('/approvals', async ({ ack, command, respond }) => {
    await ack();
    await show(command.user_id, 0, respond);
  });

  app.action<BlockButtonAction>(ACTION_IDS.approvalsPage, async ({ ack, body, action, respond }) => {
    await ack();
    await show(body.user.id, buttonId(action) ?? 0, respond);
  });
}
