import type { SlackDeps } from '../../deps';
import {
  leaveQuickTextErrors,
  parseLeaveQuickText,
  quickTextProblemsMessage,
} from '../../forms/leave-quick-text';
import { interactionOf, runAndReport } from '../../interaction';
import { openModal } from '../../modals';
import { decodeSlackText } from '../../payloads';
import { requestFormView } from '../../request-forms';
import { refuseIfMaintenance, refuseUnlessMember } from '../../request-start';
import type { ListenerApp } from '../router';

/** `/leave`: the leave form, or with text (`/leave 2026-03-02 to 2026-03-03 annual …`) sent at once. */
export function registerLeaveCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/leave', async ({ ack, command, client, respond }) => {
    await ack();
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    await runAndReport(deps, ctx, respond, async () => {
      refuseUnlessMember(actor);
      await refuseIfMaintenance(deps);
      const template = await deps.workflows.getTemplate('leave');
      const parsed = parseLeaveQuickText(decodeSlackText(command.text), template);
      if (parsed.kind === 'open_modal') {
        await openModal(client, command.trigger_id, requestFormView(ctx, template));
        return undefined;
      }
      if (parsed.kind === 'problems')
        return quickTextProblemsMessage(parsed.problems, template, ctx.t, ctx.locale);
      const result = await deps.workflows.submitRequest(command.user_id, 'leave', parsed.values, {
        idempotencyKey: command.trigger_id,
      });
      if (!result.ok) return leaveQuickTextErrors(template, result.errors, ctx.t, ctx.locale);
      return ctx.t('wf.reply.submitted', { reference: result.reference });
    });
  });
}
