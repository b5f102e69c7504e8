import type { BlockButtonAction } from '@slack/bolt';

import { WorkflowError } from '../../../domain/workflows/workflow-errors';
import { openEditComposer } from '../../announcements/edit-composer';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId } from '../../payloads';
import { requestFormView } from '../../request-forms';
import type { ListenerApp } from '../router';

/** Resubmit on a rejected or returned request's tracking card: its form, filled in as it was. */
export function registerResubmitAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.resubmit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const instanceId = buttonId(action);
    if (instanceId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      const instance = await deps.workflows.getInstance(body.user.id, instanceId);
      if (instance.requester.slackUserId !== body.user.id) throw new WorkflowError('not_requester');
      // An announcement's review is revised in the announcement composer, not the generic form.
      if (instance.template.key === 'announcement') {
        await openEditComposer(
          deps,
          client,
          body.trigger_id,
          ctx,
          body.user.id,
          String(instance.values.reference),
        );
        return undefined;
      }
      const template = await deps.workflows.getTemplate(instance.template.key);
      await openModal(
        client,
        body.trigger_id,
        requestFormView(ctx, template, { instanceId, values: instance.values }),
      );
      return undefined;
    });
  });
}
