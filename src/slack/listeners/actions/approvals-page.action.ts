import type { BlockButtonAction } from '@slack/bolt';
import { showApprovalsPage } from '../../approvals-list';
import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import type { ListenerApp } from '../router';

/** Previous / Next under the /approvals list: that page, in place of the one clicked. */
export function registerApprovalsPageAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.approvalsPage, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => {
      await showApprovalsPage(deps.workflows, ctx, body.user.id, buttonId(action) ?? 0, respond);
      return undefined;
    });
  });
}
