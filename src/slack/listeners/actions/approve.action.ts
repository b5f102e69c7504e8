import type { BlockButtonAction } from '@slack/bolt';
import { inApprovalsList, refreshApprovalsList } from '../../approvals-list';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { ackAfterCommit, contextOf, runAndReport, tellSlow } from '../../interaction';
import { approverCard } from '../../outbox-notifier';
import { buttonId } from '../../payloads';
import type { UserContext } from '../../user-context';
import type { ListenerApp } from '../router';

/**
 * Approve on a card, a reminder, a digest or the /approvals list. Acknowledged once the decision
 * has committed (ackAfterCommit): a crash before the commit leaves the click unanswered, and Slack
 * shows the approver that it failed. The button's value is only a claim: the engine checks.
 */
export function registerApproveAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.approve, async ({ ack, body, action, respond }) => {
    const taskId = buttonId(action);
    if (taskId === undefined) return ack();
    let known: UserContext | undefined;
    const acked = ackAfterCommit(ack, () => tellSlow(respond, known));
    const ctx = await contextOf(deps, body.user.id);
    known = ctx;
    await runAndReport(deps, ctx, respond, async () => {
      const decided = await deps.workflows
        .approve(body.user.id, taskId, undefined, body.message?.ts)
        .finally(acked.now);
      // Committed: the card itself changes to say so, right away when it is the clicked message.
      if (decided.cardUpdateRowId !== undefined)
        await deps.outbox
          .deliverVia(
            {
              id: decided.cardUpdateRowId,
              taskId,
              ts: body.message?.ts,
              render: (task) => approverCard(ctx, task),
            },
            body.response_url,
          )
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, taskId }, 'clicked card left to the outbox'),
          );
      if (inApprovalsList(body))
        await refreshApprovalsList(deps.workflows, ctx, body.user.id, respond).catch((error: unknown) =>
          deps.logger.warn({ err: error, taskId }, 'could not show the /approvals list again'),
        );
      return undefined;
    });
    await acked.now();
  });
}
