import type { SubmitResult, TemplateInfo } from '../../../domain/workflows/view-types';
import { WorkflowError } from '../../../domain/workflows/workflow-errors';
import type { SlackDeps } from '../../deps';
import { fieldErrorsForSlack } from '../../forms/field-errors';
import { fieldBlockId } from '../../forms/form-ids';
import { CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { refuseIfMaintenance } from '../../maintenance-guard';
import { parseJson } from '../../payloads';
import { replyForError } from '../../replies';
import { collectAttachments } from '../../request-attachments';
import { requestFormMetadataSchema } from '../../request-forms';
import { submitRequestForm } from '../../request-submit';
import { noticeModal } from '../../views/workflows/notice-modal.view';
import type { ListenerApp } from '../router';

/**
 * Submitting a request form. Field problems come back under their fields (the modal stays open
 * with everything typed); a refusal is shown on the first field; success closes the modal and
 * the tracking card arrives in the DM through the outbox. Attached files are then copied into
 * the file library (request-attachments.ts), after the ack.
 */
export function registerRequestForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.requestForm, async ({ ack, body, view, client, context }) => {
    const ctx = await contextOf(deps, body.user.id);
    const metadata = parseJson(requestFormMetadataSchema, view.private_metadata);
    let template: TemplateInfo;
    try {
      if (!metadata) throw new WorkflowError('not_found', { what: 'template' });
      template = await deps.workflows.getTemplate(metadata.templateKey);
    } catch (error) {
      // No form to put the refusal under: the modal itself says it (never left unanswered).
      const reply = await replyForError(error, ctx, deps);
      await ack({ response_action: 'update', view: noticeModal(ctx.t, reply) });
      return;
    }
    const firstBlock = template.fields[0] ? fieldBlockId(template.fields[0].id) : undefined;
    let result: SubmitResult;
    try {
      // During maintenance the refusal goes under the first field: the modal stays open as typed.
      await refuseIfMaintenance(deps);
      result = await submitRequestForm(deps.workflows, body.user.id, metadata, template, view.state.values);
    } catch (error) {
      const reply = await replyForError(error, ctx, deps);
      // A refusal with a next step (Register) is shown as it is, button included.
      await ack(
        firstBlock && !reply.blocks
          ? { response_action: 'errors', errors: { [firstBlock]: reply.text.slice(0, 2000) } }
          : { response_action: 'update', view: noticeModal(ctx.t, reply) },
      );
      return;
    }
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: fieldErrorsForSlack(template, result.errors, ctx.t, ctx.locale),
      });
      return;
    }
    await ack();
    // After the ack, the attached files are copied into the library and recorded on the request
    // before the cards are sent, so they show them as stored (or refused) from the start.
    const token = context.botToken ?? client.token;
    if (token && template.fields.some((field) => field.type === 'files')) {
      await collectAttachments(
        { ...deps, contextFor: (slackUserId) => contextOf(deps, slackUserId) },
        { client, token },
        result.instanceId,
      );
    }
    deps.outbox.kick();
  });
}
