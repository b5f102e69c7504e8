import { refreshApprovalsList } from '../../approvals-list';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { listUrlSchema, parseJson, reasonPurposeSchema } from '../../payloads';
import { replyForError } from '../../replies';
import { responderFor } from '../../respond';
import type { ListenerApp } from '../router';

/**
 * The reason (or comment, or approval opinion) modal. Refusals that the person can act on — no
 * reason, too long, already decided — are shown under the field; the modal stays open and nothing
 * is lost. A comment or an opinion is keyed by the view id: a replay adds nothing.
 */
export function registerReasonForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.reasonForm, async ({ ack, body, view }) => {
    const purpose = parseJson(reasonPurposeSchema, view.private_metadata);
    const ctx = await contextOf(deps, body.user.id);
    if (!purpose) {
      await ack();
      return;
    }
    const text = view.state.values[BLOCK_IDS.reasonInput]?.[ACTION_IDS.reasonText]?.value ?? '';
    try {
      if (purpose.kind === 'approve')
        await deps.workflows.approveWithOpinion(body.user.id, purpose.taskId, text, {
          idempotencyKey: view.id,
        });
      else if (purpose.kind === 'reject') await deps.workflows.reject(body.user.id, purpose.taskId, text);
      else if (purpose.kind === 'return')
        await deps.workflows.returnForChanges(body.user.id, purpose.taskId, text);
      else if (purpose.kind === 'transfer') {
        const to =
          view.state.values[BLOCK_IDS.transferTarget]?.[ACTION_IDS.transferUser]?.selected_user ?? '';
        await deps.workflows.transfer(body.user.id, purpose.taskId, to, text);
      } else
        await deps.workflows.comment(body.user.id, purpose.instanceId, text, { idempotencyKey: view.id });
    } catch (error) {
      const reply = await replyForError(error, ctx, deps);
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_IDS.reasonInput]: reply.text.slice(0, 2000) },
      });
      return;
    }
    await ack();
    deps.outbox.kick();
    const { listUrl } = parseJson(listUrlSchema, view.private_metadata) ?? {};
    if (listUrl)
      await refreshApprovalsList(deps.workflows, ctx, body.user.id, responderFor(listUrl)).catch(
        (error: unknown) => deps.logger.warn({ err: error }, 'could not show the /approvals list again'),
      );
  });
}
