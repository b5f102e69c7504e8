import type { BlockButtonAction } from '@slack/bolt';
import { WorkflowError } from '../../../domain/workflows/workflow-errors';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import {
  delegationRefusalText,
  HAND_OVER_ACTION_ID,
  handOverReply,
} from '../../views/workflows/delegation.view';
import type { ListenerApp } from '../router';

/**
 * "Hand over N pending tasks to @delegate" under the reply to `/oa away`: the engine moves each of
 * the clicker's pending tasks to the delegate of their own open delegation (the button's value is
 * only a claim), once however often it is clicked; the answer lists what moved and what stayed.
 */
export function registerHandOverAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(HAND_OVER_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const delegationId = buttonId(action);
    if (delegationId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      try {
        return handOverReply(ctx.t, await deps.workflows.handOverPendingTasks(body.user.id, delegationId));
      } catch (error) {
        if (error instanceof WorkflowError && error.code === 'delegation_refused')
          return delegationRefusalText(ctx.t, error);
        throw error;
      }
    });
  });
}
