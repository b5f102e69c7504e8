import type { BlockButtonAction } from '@slack/bolt';

import { ackSettings } from '../../announcements/ack-settings';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { ackText } from '../../views/announcements/ack-replies.view';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/**
 * The Acknowledge button on posted copies. The answer goes privately to the reader, in their
 * language; the domain decides who may acknowledge (a forged payload is refused like any click).
 */
export function registerAnnouncementAckAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.ack, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => {
      const result = await deps.announcements.acknowledge(body.user.id, buttonId(action) ?? 0, {
        refreshSeconds: ackSettings(deps).refreshSeconds,
        clickedChannel: body.container?.channel_id ?? body.channel?.id,
      });
      if (result.outcome === 'recorded') deps.fanout?.kick();
      return ackText(ctx, result);
    });
  });
}
