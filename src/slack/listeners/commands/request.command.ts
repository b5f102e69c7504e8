import type { SlackDeps } from '../../deps';
import { interactionOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { openRequestForm, refuseIfMaintenance, refuseUnlessMember } from '../../request-start';
import { templatePicker, unknownTemplateText } from '../../views/workflows/template-picker.view';
import type { ListenerApp } from '../router';

/** `/request [type]`: a picker of the request types, or the named type's form. */
export function registerRequestCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/request', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    await runAndReport(deps, ctx, respond, async () => {
      refuseUnlessMember(actor);
      await refuseIfMaintenance(deps);
      const templates = (await deps.workflows.listTemplates()).filter(
        (template) => template.purpose === 'request',
      );
      const key = command.text.trim().toLowerCase();
      if (!key) await openModal(client, command.trigger_id, templatePicker(ctx, templates));
      else if (!templates.some((template) => template.key === key))
        return unknownTemplateText(ctx.t, key, templates);
      else await openRequestForm(deps.workflows, client, command.trigger_id, ctx, key);
      return undefined;
    });
  });
}
