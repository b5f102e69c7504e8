import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { interactionOf, runAndReport } from '../../interaction';
import { MaintenanceRefusal, maintenanceRefusalText, refuseIfMaintenance } from '../../maintenance-guard';
import { openModal } from '../../modals';
import { openRequestForm, refuseUnlessMember } from '../../request-start';
import { noticeModal } from '../../views/workflows/notice-modal.view';
import type { ListenerApp } from '../router';

/** The Home tab's Start buttons (`wf_start_request:<template>`): the template's empty form. */
export function registerStartRequestAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    new RegExp(`^${ACTION_IDS.startRequest}:`),
    async ({ ack, body, action, client }) => {
      await ack();
      const actor = await interactionOf(deps, body.user.id);
      // The Home tab has no response_url: a refusal is logged (runAndReport says so).
      await runAndReport(deps, actor.ctx, undefined, async () => {
        refuseUnlessMember(actor);
        // During maintenance the Home has no place for the refusal: a notice modal says it.
        const refusal = await refuseIfMaintenance(deps).catch((error: unknown) => {
          if (error instanceof MaintenanceRefusal) return error;
          throw error;
        });
        if (refusal) {
          const text = maintenanceRefusalText(refusal, actor.ctx);
          await openModal(client, body.trigger_id, noticeModal(actor.ctx.t, { text }));
          return undefined;
        }
        await openRequestForm(deps.workflows, client, body.trigger_id, actor.ctx, action.value ?? '');
        return undefined;
      });
    },
  );
}
