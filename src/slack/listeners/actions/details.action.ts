import type { BlockButtonAction } from '@slack/bolt';

import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId } from '../../payloads';
import { detailsModal } from '../../views/workflows/details-modal.view';
import type { ListenerApp } from '../router';

/** Details on a card: the request in a modal, for anyone the engine lets see it. */
export function registerDetailsAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.details, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const instanceId = buttonId(action);
    if (instanceId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      const instance = await deps.workflows.getInstance(body.user.id, instanceId);
      await openModal(client, body.trigger_id, detailsModal(ctx, instance));
      return undefined;
    });
  });
}
