import type { BlockButtonAction } from '@slack/bolt';
import { approvalsListUrl } from '../../approvals-list';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId } from '../../payloads';
import { reasonModal } from '../../views/workflows/reason-modal.view';
import type { ListenerApp } from '../router';

/** Approve with comment, Reject, Return, Comment and Transfer: each opens the modal for its text. */
const MODAL_BUTTONS = [
  [ACTION_IDS.approveWithComment, 'approve'],
  [ACTION_IDS.reject, 'reject'],
  [ACTION_IDS.return, 'return'],
  [ACTION_IDS.comment, 'comment'],
  [ACTION_IDS.transfer, 'transfer'],
] as const;

export function registerDecisionModalActions(app: ListenerApp, deps: SlackDeps): void {
  for (const [actionId, kind] of MODAL_BUTTONS) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const id = buttonId(action);
      if (id === undefined) return;
      const ctx = await contextOf(deps, body.user.id);
      const purpose = kind === 'comment' ? { kind, instanceId: id } : { kind, taskId: id };
      // trigger_id lives 3 s: open the modal first, everything else is checked on submit.
      await runAndReport(deps, ctx, respond, async () => {
        await openModal(client, body.trigger_id, reasonModal(ctx.t, purpose, approvalsListUrl(body)));
        return undefined;
      });
    });
  }
}
