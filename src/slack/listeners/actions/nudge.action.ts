import type { BlockButtonAction } from '@slack/bolt';

import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { escapeMrkdwn } from '../../views/blocks';
import { formatDateTime } from '../../views/format';
import type { ListenerApp } from '../router';

/**
 * Nudge (催办) on the requester's tracking card: the engine reminds the current approvers, or
 * refuses with the time the requester may nudge again (told privately, in their language).
 */
export function registerNudgeAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.nudge, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const instanceId = buttonId(action);
    if (instanceId === undefined) return;
    await runAndReport(deps, ctx, respond, async () => {
      const result = await deps.workflows.nudge(body.user.id, instanceId);
      return ctx.t('dl.nudge.sent', {
        who: result.nudged.map(escapeMrkdwn).join(', ') || '—',
        time: formatDateTime(result.nextAt, ctx.locale, ctx.timezone),
      });
    });
  });
}
