import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/** The Acknowledge button inside a review's preview: it records nothing, and says so. */
export function registerAnnouncementAckPreviewAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.ackPreview, async ({ ack, body, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => ctx.t('ann.refusal.preview'));
  });
}
