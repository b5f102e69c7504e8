import type { App } from '@slack/bolt';
import { type OaIo, runOaCommand } from '../../commands/oa.handlers';
import { parseOaText } from '../../commands/oa-text';
import type { SlackDeps } from '../../deps';
import { contextOf } from '../../interaction';
import { replyForError } from '../../replies';

/** `/oa …`: acknowledge at once, then answer through response_url (ephemeral). */
export function registerOaCommand(app: App, deps: SlackDeps): void {
  app.command('/oa', async ({ ack, command, respond, client }) => {
    await ack();
    const ctx = await contextOf(deps, command.user_id);
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
    const reply = await runOaCommand(parseOaText(command.text), command.user_id, ctx, deps, io).catch(
      (error: unknown) => replyForError(error, ctx, deps.logger),
    );
    if (reply) await respond({ response_type: 'ephemeral', ...reply });
  });
}
