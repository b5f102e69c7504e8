import type { SlackDeps } from '../../deps';
import { CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { replyForError } from '../../replies';
import { requestFormView } from '../../request-forms';
import { PICKER_ACTION, PICKER_BLOCK } from '../../views/workflows/template-picker.view';
import type { ListenerApp } from '../router';

/** The `/request` picker's Next: the modal is replaced by the chosen type's form. */
export function registerTemplatePicker(app: ListenerApp, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.templatePicker, async ({ ack, body, view }) => {
    const key = view.state.values[PICKER_BLOCK]?.[PICKER_ACTION]?.selected_option?.value ?? '';
    const ctx = await contextOf(deps, body.user.id);
    try {
      await ack({
        response_action: 'update',
        view: requestFormView(ctx, await deps.workflows.getTemplate(key)),
      });
    } catch (error) {
      const reply = await replyForError(error, ctx, deps);
      await ack({ response_action: 'errors', errors: { [PICKER_BLOCK]: reply.text.slice(0, 2000) } });
    }
  });
}
