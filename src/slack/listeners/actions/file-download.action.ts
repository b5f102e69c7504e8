import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { uploadToDm } from '../../files/dm-delivery';
import { parseFileButtonValue, runFileAction } from '../../files/file-actions';
import { filePersonId } from '../../files/file-card';
import { FILE_ACTION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { escapeMrkdwn } from '../../views/blocks';
import type { ListenerApp } from '../router';

/**
 * Download (a card, a search result, a version in the list). The button only names the file: the
 * library decides again whether this person may read it, records the download (audit and
 * file_downloads), and the bytes are streamed from the content store into their DM with the app.
 * A value edited in the payload names a file or version they cannot see, and is refused as such.
 */
export function registerFileDownloadAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTION_IDS.download, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runFileAction(deps, ctx, { client, respond, body }, async () => {
      const target = parseFileButtonValue(action.value);
      if (!target) return { text: ctx.t('files.refusal.notFound', { reference: '?' }) };
      const personId = await filePersonId(deps, body.user.id);
      const got = await deps.files.download(personId, target.reference, target.label);
      await uploadToDm(client, body.user.id, {
        content: got.content,
        length: got.version.sizeBytes,
        filename: got.version.originalName,
        title: got.file.title,
        comment: ctx.t('files.download.comment', {
          reference: got.file.reference,
          title: escapeMrkdwn(got.file.title),
          label: escapeMrkdwn(got.version.label),
        }),
      });
      return {
        text: ctx.t('files.download.sent', {
          reference: got.file.reference,
          label: escapeMrkdwn(got.version.label),
        }),
      };
    });
  });
}
