import type { BlockButtonAction } from '@slack/bolt';
import { openEditComposer } from '../../announcements/edit-composer';
import { answering } from '../../announcements/refusals';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { buttonId } from '../../payloads';
import { ANNOUNCEMENT_ACTIONS } from '../../views/announcements/announcement-message.view';
import type { ListenerApp } from '../router';

/** Edit on the author's notice or the list: the composer, pre-filled (the domain checks who may). */
export function registerAnnouncementEditAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ANNOUNCEMENT_ACTIONS.edit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const id = buttonId(action);
    if (id === undefined) return;
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, async () => {
        await openEditComposer(deps, client, body.trigger_id, ctx, body.user.id, id);
        return undefined;
      }),
    );
  });
}
