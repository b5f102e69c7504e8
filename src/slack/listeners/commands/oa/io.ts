import type { SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { FilesUploadV2Arguments, WebClient } from '@slack/web-api';

import type { ChannelFacts } from '../../../../domain/announcements/types';
import { tellAdmins } from '../../../admin-alerts';
import { channelFacts } from '../../../announcements/composer-input';
import type { SlackDeps } from '../../../deps';
import type { Translate } from '../../../i18n';
import { openModal } from '../../../modals';
import type { RegistrationIo } from '../../../registration';
import type { ImageSender } from '../../../report-delivery';

type DmUpload = { filename: string; title: string; initial_comment: string; alt_text?: string } & (
  | { content: string }
  | { file: Buffer }
);

/** What some `/oa` subcommands need from the Slack interaction itself. */
export interface OaIo extends RegistrationIo {
  /** Sends a file to the person's DM (files upload v2). */
  sendFile(file: { filename: string; content: string; title: string; comment: string }): Promise<void>;
  /** Sends a binary file (a workbook) to the person's DM. */
  sendBinary(file: { filename: string; data: Buffer; title: string; comment: string }): Promise<void>;
  /** Tells every active admin, each in their language (a DM from the app). */
  tellAdmins(text: (t: Translate) => string): Promise<void>;
  /** Sends an image to the person's DM, with its alternative text and a message under it. */
  sendImage: ImageSender['sendImage'];
  /** What Slack says each channel is (for an announcement's channels). */
  channelFacts(ids: readonly string[]): Promise<ChannelFacts[]>;
  /** Posts a message (text and blocks) to the person's DM with the app. */
  postToDm(message: { text: string; blocks?: KnownBlock[] }): Promise<void>;
}

export function ioFor(
  command: SlashCommand,
  client: WebClient,
  deps: Pick<SlackDeps, 'users' | 'org'>,
): OaIo {
  /** A file into the person's DM with the app (files upload v2). */
  const upload = async (file: DmUpload): Promise<void> => {
    const dm = await client.conversations.open({ users: command.user_id });
    await client.filesUploadV2({
      ...file,
      channel_id: dm.channel?.id ?? command.user_id,
    } as FilesUploadV2Arguments);
  };
  return {
    tellAdmins: (text) => tellAdmins(client, deps, text),
    openModal: async (view) => {
      await openModal(client, command.trigger_id, view);
    },
    slackName: async () => {
      const info = await client.users.info({ user: command.user_id }).catch(() => undefined);
      return info?.user?.real_name || info?.user?.name || undefined;
    },
    sendImage: ({ filename, png, title, altText, comment }) =>
      upload({ filename, title, alt_text: altText, initial_comment: comment, file: png }),
    channelFacts: (ids) => channelFacts(client, ids),
    postToDm: async (message) => {
      const dm = await client.conversations.open({ users: command.user_id });
      await client.chat.postMessage({ channel: dm.channel?.id ?? command.user_id, ...message });
    },
    sendBinary: ({ filename, data, title, comment }) =>
      upload({ filename, title, initial_comment: comment, file: data }),
    sendFile: ({ filename, content, title, comment }) =>
      upload({ filename, title, initial_comment: comment, content }),
  };
}
