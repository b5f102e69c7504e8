import type { MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { postToDm } from '../../files/dm-delivery';
import { filePersonId } from '../../files/file-card';
import { fileRefusalText, isFileLibraryError } from '../../files/file-refusals';
import { uploadModalFor } from '../../files/upload-modal';
import { FILE_CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { replyForError } from '../../replies';
import type { ListenerApp } from '../router';

interface MessageFile {
  id?: unknown;
  name?: unknown;
  title?: unknown;
}

/** At most this many of a message's files are carried into one upload (Slack's file_input limit). */
const MAX_FILES = 10;

/**
 * Save to library (message shortcut) on a message with files: the upload modal with the files
 * listed (a Block Kit file_input cannot be pre-filled). Their ids travel in private_metadata with
 * the message's place; on submission each one is checked against Slack again (the message carries
 * it, the person is in the conversation) before it is read. A message without files gets a
 * clear private answer instead of a modal.
 */
export function registerSaveToLibraryShortcut(app: ListenerApp, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    FILE_CALLBACK_IDS.saveToLibrary,
    async ({ ack, shortcut, client, respond }) => {
      await ack();
      const slackUserId = shortcut.user.id;
      const ctx = await contextOf(deps, slackUserId);
      const tell = async (text: string) => {
        if (shortcut.response_url) await respond({ response_type: 'ephemeral', text });
        else await postToDm(client, slackUserId, { text });
      };
      try {
        // Bolt types a message shortcut's message loosely: read its files strictly.
        const listed = (shortcut.message as { files?: unknown }).files;
        const files = (Array.isArray(listed) ? (listed as MessageFile[]) : []).flatMap((file) =>
          typeof file?.id === 'string' && /^F[A-Z0-9]+$/.test(file.id)
            ? [{ id: file.id, name: String(file.name ?? file.title ?? file.id) }]
            : [],
        );
        if (!files.length) return await tell(ctx.t('files.shortcut.noFiles'));
        await filePersonId(deps, slackUserId);
        const chosen = files.slice(0, MAX_FILES);
        const view = await uploadModalFor(deps, ctx, slackUserId, {
          metadata: {
            message: {
              channel: shortcut.channel.id,
              ts: shortcut.message.ts,
              fileIds: chosen.map((file): string => file.id),
            },
          },
          preselected: chosen.map((file) => file.name),
        });
        await openModal(client, shortcut.trigger_id, view);
      } catch (error) {
        await tell(
          isFileLibraryError(error)
            ? await fileRefusalText(ctx.t, error.refusal, deps.files)
            : (await replyForError(error, ctx, deps)).text,
        );
      }
    },
  );
}
