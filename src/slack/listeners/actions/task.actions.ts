import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import { approve, getInstance, withdraw } from '../../../domain/workflows/engine.service';
import { updateClickedCard } from '../../clicked-card';
import type { SlackDeps } from '../../deps';
import { translator } from '../../i18n';
import { ACTION_IDS } from '../../ids';
import { ackAfterCommit, contextOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId } from '../../payloads';
import type { UserContext } from '../../user-context';
import { localized } from '../../views/format';
import { reasonModal } from '../../views/workflows/reason-modal.view';
import { trackingCard } from '../../views/workflows/tracking-card.view';
import { refreshApprovalsList } from '../commands/approvals.command';

/**
 * Buttons on approval and tracking cards. Approve and Withdraw act at once; Approve with
 * comment, Reject, Return, Transfer and Comment open a modal for the opinion, reason or comment;
 * Details opens the request for anyone allowed to see it.
 * The button's value is only a claim: the engine checks that the clicker may act.
 */
/** Said when a click's change has not committed by the time it had to be acknowledged. */
const tellSlow = (respond: RespondFn, ctx: UserContext | undefined) =>
  respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: (ctx?.t ?? translator('en'))('wf.decision.slow'),
  });

/**
 * The response_url of the /approvals list a button was clicked in (the only ephemeral message
 * with task buttons): the list is shown again once the decision commits.
 */
const inApprovalsList = (body: BlockButtonAction): boolean =>
  (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
const fromApprovalsList = (body: BlockButtonAction): string | undefined =>
  inApprovalsList(body) ? body.response_url : undefined;

export function registerTaskActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.approve, async ({ ack, body, action, respond }) => {
    const taskId = buttonId(action);
    if (taskId === undefined) return ack();
    // Acknowledged once the decision has committed (see ackAfterCommit): a crash before the
    // commit leaves the click unanswered, and Slack shows the approver that it failed.
    let known: UserContext | undefined;
    const acked = ackAfterCommit(ack, () => tellSlow(respond, known));
    const ctx = await contextOf(deps, body.user.id);
    known = ctx;
    await runAndReport(deps, ctx, respond, async () => {
      const decided = await approve(body.user.id, taskId, undefined, body.message?.ts).finally(acked.now);
      // Committed: the card itself changes to say so, right away when it is the clicked message.
      if (decided.cardUpdateRowId !== undefined)
        await updateClickedCard(
          ctx,
          taskId,
          { rowId: decided.cardUpdateRowId, ts: body.message?.ts, responseUrl: body.response_url },
          deps,
        ).catch((error: unknown) =>
          deps.logger.warn({ err: error, taskId }, 'clicked card left to the outbox'),
        );
      if (inApprovalsList(body))
        await refreshApprovalsList(ctx, body.user.id, respond).catch((error: unknown) =>
          deps.logger.warn({ err: error, taskId }, 'could not show the /approvals list again'),
        );
      return undefined;
    });
    await acked.now();
  });

  app.action<BlockButtonAction>(ACTION_IDS.withdraw, async ({ ack, body, action, respond }) => {
    const instanceId = buttonId(action);
    if (instanceId === undefined) return ack();
    let known: UserContext | undefined;
    const acked = ackAfterCommit(ack, () => tellSlow(respond, known));
    const ctx = await contextOf(deps, body.user.id);
    known = ctx;
    await runAndReport(deps, ctx, respond, async () => {
      await withdraw(body.user.id, instanceId).finally(acked.now);
      return undefined;
    });
    await acked.now();
  });

  const modalButtons = [
    [ACTION_IDS.approveWithComment, 'approve'],
    [ACTION_IDS.reject, 'reject'],
    [ACTION_IDS.return, 'return'],
    [ACTION_IDS.comment, 'comment'],
    [ACTION_IDS.transfer, 'transfer'],
  ] as const;
  for (const [actionId, kind] of modalButtons) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const id = buttonId(action);
      if (id === undefined) return;
      const ctx = await contextOf(deps, body.user.id);
      const purpose = kind === 'comment' ? { kind, instanceId: id } : { kind, taskId: id };
      // trigger_id lives 3 s: open the modal first, everything else is checked on submit.
      await runAndReport(deps, ctx, respond, async () => {
        await openModal(client, body.trigger_id, reasonModal(ctx.t, purpose, fromApprovalsList(body)));
        return undefined;
      });
    });
  }

  app.action<BlockButtonAction>(ACTION_IDS.details, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const instanceId = buttonId(action);
    if (instanceId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      const instance = await getInstance(body.user.id, instanceId);
      const card = trackingCard({ ...ctx, instance, forRequester: false });
      await openModal(client, body.trigger_id, {
        type: 'modal',
        title: { type: 'plain_text', text: ctx.t('wf.modal.details.title').slice(0, 24) },
        close: { type: 'plain_text', text: ctx.t('wf.modal.close').slice(0, 24) },
        blocks: card.blocks.filter((block) => block.type !== 'actions'),
        private_metadata: JSON.stringify({
          instanceId,
          title: localized(instance.template.title, ctx.locale),
        }).slice(0, 3000),
      });
      return undefined;
    });
  });
}
