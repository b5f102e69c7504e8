import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { openRegistration } from '../../registration';
import type { ListenerApp } from '../router';

/** The Register button shown to people who are not in the directory (replies and Home tab). */
export function registerRegisterAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.register, async ({ ack, body, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => {
      await openRegistration(deps.workflows, deps.org, body.user.id, ctx, {
        openModal: async (view) => {
          // The button is also on the notice that replaces a refused form (request-form.view.ts).
          await openModal(client, body.trigger_id, view, { onTop: body.view !== undefined });
        },
        slackName: async () => {
          const info = await client.users.info({ user: body.user.id }).catch(() => undefined);
          return info?.user?.real_name || info?.user?.name || undefined;
        },
      });
      return undefined;
    });
  });
}
