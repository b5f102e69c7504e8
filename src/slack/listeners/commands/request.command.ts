import type { App, BlockButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  getInstance,
  getTemplate,
  listTemplates,
  memberActor,
  submitRequest,
} from '../../../domain/workflows/engine.service';
import { WorkflowError } from '../../../domain/workflows/workflow-errors';
import { openEditComposer } from '../../announcements/announce.listeners';
import type { SlackDeps } from '../../deps';
import { describeFieldErrors } from '../../forms/field-errors';
import {
  leaveQuickTextUsage,
  parseLeaveQuickText,
  quickTextProblemsMessage,
} from '../../forms/leave-quick-text';
import { ACTION_IDS } from '../../ids';
import { contextOf, type Interaction, interactionOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId, decodeSlackText } from '../../payloads';
import { requestFormView } from '../../request-forms';
import type { UserContext } from '../../user-context';
import { templatePicker } from '../../views/workflows/template-picker.view';

/**
 * Starting requests: `/leave` (a modal, or straight from text), `/document`, `/request [type]`
 * (a picker, or the named type), the Start buttons on the Home tab, and Resubmit on a card.
 */
/**
 * Refuses, before any form opens, people who could not send it (not registered, suspended, only a
 * guest): they are told why at once, with Register where that is the next step, instead of filling
 * in a form that is refused on Submit. From the interaction's one directory read; submitting
 * re-checks in its own transaction.
 */
function refuseUnlessMember(actor: Interaction): void {
  const standing = actor.standing();
  memberActor(standing.kind === 'unregistered' ? null : standing.person);
}

export function registerRequestCommands(app: App, deps: SlackDeps): void {
  const openForm = async (client: WebClient, triggerId: string, ctx: UserContext, templateKey: string) => {
    const template = await getTemplate(templateKey);
    await openModal(client, triggerId, requestFormView(ctx, template));
  };

  app.command('/leave', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    await runAndReport(deps, ctx, respond, async () => {
      refuseUnlessMember(actor);
      const template = await getTemplate('leave');
      const parsed = parseLeaveQuickText(decodeSlackText(command.text), template);
      if (parsed.kind === 'open_modal') {
        await openModal(client, command.trigger_id, requestFormView(ctx, template));
        return undefined;
      }
      if (parsed.kind === 'problems')
        return quickTextProblemsMessage(parsed.problems, template, ctx.t, ctx.locale);
      const result = await submitRequest(command.user_id, 'leave', parsed.values, {
        idempotencyKey: command.trigger_id,
      });
      if (!result.ok) {
        const lines = describeFieldErrors(template, result.errors, ctx.t, ctx.locale).map(
          (line) => `• ${line}`,
        );
        return `${lines.join('\n')}\n\n${leaveQuickTextUsage(template, ctx.t, ctx.locale)}`;
      }
      return ctx.t('wf.reply.submitted', { reference: result.reference });
    });
  });

  app.command('/document', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    await runAndReport(deps, ctx, respond, async () => {
      refuseUnlessMember(actor);
      await openForm(client, command.trigger_id, ctx, 'document');
      return undefined;
    });
  });

  app.command('/request', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    await runAndReport(deps, ctx, respond, async () => {
      refuseUnlessMember(actor);
      const templates = (await listTemplates()).filter((template) => template.purpose === 'request');
      const key = command.text.trim().toLowerCase();
      if (!key) {
        await openModal(client, command.trigger_id, templatePicker(ctx, templates));
        return undefined;
      }
      if (!templates.some((template) => template.key === key)) {
        return ctx.t('wf.error.unknownTemplate', {
          key: key.slice(0, 40).replace(/[<>&`]/g, ''),
          keys: templates.map((template) => `\`${template.key}\``).join(', '),
        });
      }
      await openForm(client, command.trigger_id, ctx, key);
      return undefined;
    });
  });

  app.action<BlockButtonAction>(
    new RegExp(`^${ACTION_IDS.startRequest}:`),
    async ({ ack, body, action, client }) => {
      await ack();
      const actor = await interactionOf(deps, body.user.id);
      const { ctx } = actor;
      await runAndReport(deps, ctx, undefined, async () => {
        refuseUnlessMember(actor);
        await openForm(client, body.trigger_id, ctx, action.value ?? '');
        return undefined;
      });
    },
  );

  app.action<BlockButtonAction>(ACTION_IDS.resubmit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const instanceId = buttonId(action);
    if (instanceId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      const instance = await getInstance(body.user.id, instanceId);
      if (instance.requester.slackUserId !== body.user.id) throw new WorkflowError('not_requester');
      // An announcement's review is revised in the announcement composer, not the generic form.
      if (instance.template.key === 'announcement') {
        await openEditComposer(client, body.trigger_id, ctx, body.user.id, String(instance.values.reference));
        return undefined;
      }
      const template = await getTemplate(instance.template.key);
      await openModal(
        client,
        body.trigger_id,
        requestFormView(ctx, template, { instanceId, values: instance.values }),
      );
      return undefined;
    });
  });
}
