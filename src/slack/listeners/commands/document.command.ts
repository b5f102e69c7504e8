import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { interactionOf, runAndReport } from '../../interaction';
import { openRequestForm, refuseUnlessMember } from '../../request-start';

/** `/document`: the document request form. */
export function registerDocumentCommand(app: App, deps: SlackDeps): void {
  app.command('/document', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    await runAndReport(deps, actor.ctx, respond, async () => {
      refuseUnlessMember(actor);
      await openRequestForm(client, command.trigger_id, actor.ctx, 'document');
      return undefined;
    });
  });
}
