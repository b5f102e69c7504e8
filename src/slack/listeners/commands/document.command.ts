import type { SlackDeps } from '../../deps';
import { interactionOf, runAndReport } from '../../interaction';
import { openRequestForm, refuseIfMaintenance, refuseUnlessMember } from '../../request-start';
import type { ListenerApp } from '../router';

/** `/document`: the document request form. */
export function registerDocumentCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/document', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    await runAndReport(deps, actor.ctx, respond, async () => {
      refuseUnlessMember(actor);
      await refuseIfMaintenance(deps);
      await openRequestForm(deps.workflows, client, command.trigger_id, actor.ctx, 'document');
      return undefined;
    });
  });
}
