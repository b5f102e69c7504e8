import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { openModal } from '../../../modals';
import type { RegistrationIo } from '../../../registration';

/** What some `/oa` subcommands need from the Slack interaction itself. */
export interface OaIo extends RegistrationIo {
  /** Sends a file to the person's DM (files upload v2). */
  sendFile(file: { filename: string; content: string; title: string; comment: string }): Promise<void>;
  /** Sends an image to the person's DM, with its alternative text and a message under it. */
  sendImage(image: {
    filename: string;
    png: Buffer;
    title: string;
    altText: string;
    comment: string;
  }): Promise<void>;
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
    sendImage: async ({ filename, png, title, altText, comment }) => {
      const dm = await client.conversations.open({ users: command.user_id });
      await client.filesUploadV2({
        channel_id: dm.channel?.id ?? command.user_id,
        filename,
        title,
        alt_text: altText,
        initial_comment: comment,
        file: png,
      });
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
