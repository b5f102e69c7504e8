import type { BlockButtonAction } from '@slack/bolt';

import { ackSettings } from '../../announcements/ack-settings';
import { channelMembers } from '../../channel-members';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { chaseText } from '../../views/announcements/ack-replies.view';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/** "Chase" on the author's and admins' notices: a DM to everyone who has not acknowledged yet. */
export function registerChaseAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    ANNOUNCEMENT_ACTIONS.chase,
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const ctx = await contextOf(deps, body.user.id);
      await runAndReport(deps, ctx, respond, async () => {
        const members = channelMembers(client, context.botUserId);
        const interval = ackSettings(deps).chaseIntervalMinutes;
        const result = await deps.announcements.chase(body.user.id, buttonId(action) ?? 0, members, interval);
        if (result.outcome === 'chased') deps.fanout?.kick();
        return chaseText(ctx, result);
      });
    },
  );
}
