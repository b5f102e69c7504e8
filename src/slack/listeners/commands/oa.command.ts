import { type OaIo, runOaCommand } from '../../commands/oa.handlers';
import { parseOaText } from '../../commands/oa-text';
import type { SlackDeps } from '../../deps';
import { interactionOf } from '../../interaction';
import { decodeSlackText } from '../../payloads';
import { replyForError } from '../../replies';
import { responderFor } from '../../respond';
import type { ListenerApp } from '../router';

/** `/oa …`: acknowledge at once, then answer through response_url (ephemeral). */
export function registerOaCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/oa', async ({ ack, command, client }) => {
    await ack();
    // One directory read for the whole interaction: language, time zone and standing.
    const actor = await interactionOf(deps, command.user_id);
    const { ctx } = actor;
    const io: OaIo = {
      openModal: async (view) => {
        await client.views.open({ trigger_id: command.trigger_id, view });
      },
      slackName: async () => {
        const info = await client.users.info({ user: command.user_id }).catch(() => undefined);
        return info?.user?.real_name || info?.user?.name || undefined;
      },
      sendFile: async ({ filename, content, title, comment }) => {
        const dm = await client.conversations.open({ users: command.user_id });
        await client.filesUploadV2({
          channel_id: dm.channel?.id ?? command.user_id,
          filename,
          title,
          initial_comment: comment,
          content,
        });
      },
    };
    const reply = await runOaCommand(
      parseOaText(decodeSlackText(command.text)),
      command.user_id,
      actor,
      deps,
      io,
    ).catch((error: unknown) => replyForError(error, ctx, deps.logger));
    // Through response_url like Bolt's respond(), without fetch()'s overhead (see respond.ts).
    if (reply) await responderFor(command.response_url)({ response_type: 'ephemeral', ...reply });
  });
}
