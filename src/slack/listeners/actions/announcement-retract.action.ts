import type { BlockButtonAction } from '@slack/bolt';

import { answering } from '../../announcements/refusals';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/** Withdraw on the author's notice or the list: the copies are replaced (the domain checks who may). */
export function registerAnnouncementRetractAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.retract, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const id = buttonId(action);
    if (id === undefined) return;
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, async () => {
        const retracted = await deps.announcements.retractAnnouncement(body.user.id, id);
        return ctx.t('ann.reply.retracted', { reference: retracted.reference });
      }),
    );
  });
}
