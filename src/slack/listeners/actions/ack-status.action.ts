import type { BlockButtonAction } from '@slack/bolt';

import { channelMembers } from '../../channel-members';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { ackRefusalText } from '../../views/announcements/ack-replies.view';
import { ackStatusMessage } from '../../views/announcements/ack-status.view';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/** "Who has acknowledged" on the author's and admins' notices: the status, privately. */
export function registerAckStatusAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    ANNOUNCEMENT_ACTIONS.ackStatus,
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const ctx = await contextOf(deps, body.user.id);
      const id = buttonId(action) ?? 0;
      await runAndReport(deps, ctx, respond, async () => {
        const status = await deps.announcements.acknowledgementStatus(
          body.user.id,
          id,
          channelMembers(client, context.botUserId),
        );
        if (status.outcome === 'refused') return ackRefusalText(ctx, status.reason, status.reference);
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...ackStatusMessage(ctx.t, status, id),
        });
        return undefined;
      });
    },
  );
}
