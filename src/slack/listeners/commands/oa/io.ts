import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { openModal } from '../../../modals';
import type { RegistrationIo } from '../../../registration';

/** What some `/oa` subcommands need from the Slack interaction itself. */
export interface OaIo extends RegistrationIo {
  /** Sends a file to the person's DM (files upload v2). */
  sendFile(file: { filename: string; content: string; title: string; comment: string }): Promise<void>;
}

export function ioFor(command: SlashCommand, client: WebClient): OaIo {
  return {
    openModal: async (view) => {
      await openModal(client, command.trigger_id, view);
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
}
