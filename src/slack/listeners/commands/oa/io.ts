import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { tellAdmins } from '../../../admin-alerts';
import type { SlackDeps } from '../../../deps';
import type { Translate } from '../../../i18n';
import { openModal } from '../../../modals';
import type { RegistrationIo } from '../../../registration';

/** What some `/oa` subcommands need from the Slack interaction itself. */
export interface OaIo extends RegistrationIo {
  /** Sends a file to the person's DM (files upload v2). */
  sendFile(file: { filename: string; content: string; title: string; comment: string }): Promise<void>;
  /** Sends an image to the person's DM, with its alternative text and a message under it. */
  /** Tells every active admin, each in their language (a DM from the app). */
  tellAdmins(text: (t: Translate) => string): Promise<void>;
  sendImage(image: {
    filename: string;
    png: Buffer;
    title: string;
    altText: string;
    comment: string;
  }): Promise<void>;
}

export function ioFor(
  command: SlashCommand,
  client: WebClient,
  deps: Pick<SlackDeps, 'users' | 'org'>,
): OaIo {
  return {
    tellAdmins: (text) => tellAdmins(client, deps, text),
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
