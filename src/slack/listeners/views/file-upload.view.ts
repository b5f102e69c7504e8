import type { SlackDeps } from '../../deps';
import { filePersonId } from '../../files/file-card';
import { inputBlocksOf, readFileForm } from '../../files/file-form-state';
import { uploadMetadataSchema } from '../../files/file-metadata';
import { fileRefusalText, isFileLibraryError } from '../../files/file-refusals';
import { messageFileScreen, ownUploadScreen } from '../../files/save-to-library';
import { fileLimitsOf } from '../../files/upload-modal';
import { checkUploadForm, storeUploads } from '../../files/upload-submission';
import { FILE_BLOCK_IDS, FILE_CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { refuseIfMaintenance } from '../../maintenance-guard';
import { parseJson } from '../../payloads';
import { replyForError } from '../../replies';
import { processingView } from '../../views/files/upload-form.view';
import type { ListenerApp } from '../router';

/**
 * The upload modal's submission (`/files`, Save to library). Field problems go under their fields
 * at once and the modal stays open with everything typed. Otherwise the modal turns into "being
 * processed" within the acknowledgement, and only then are the files read from Slack and stored:
 * downloads and virus scans can take longer than Slack's 3 s. The result reaches the DM.
 */
export function registerFileUploadForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(FILE_CALLBACK_IDS.upload, async ({ ack, body, view, client }) => {
    const slackUserId = body.user.id;
    const ctx = await contextOf(deps, slackUserId);
    const metadata = parseJson(uploadMetadataSchema, view.private_metadata) ?? {};
    const form = readFileForm(view.state.values);
    const present = inputBlocksOf(view.blocks as { type?: string; block_id?: string }[]);
    let actorId: number;
    try {
      // During maintenance the refusal goes under the title: the modal stays open as typed.
      await refuseIfMaintenance(deps);
      actorId = await filePersonId(deps, slackUserId);
    } catch (error) {
      const text = isFileLibraryError(error)
        ? await fileRefusalText(ctx.t, error.refusal, deps.files)
        : (await replyForError(error, ctx, deps)).text;
      await ack({ response_action: 'errors', errors: { [FILE_BLOCK_IDS.title]: text.slice(0, 2000) } });
      return;
    }
    const slackFileIds = metadata.message ? metadata.message.fileIds : form.slackFileIds;
    const checked = await checkUploadForm(deps, ctx.t, form, present, {
      fileCount: slackFileIds.length,
      maxFiles: metadata.message ? 10 : fileLimitsOf(deps).maxPerUpload,
      withVersion: true,
    });
    if ('errors' in checked) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    await ack({ response_action: 'update', view: processingView(ctx.t, slackFileIds.length) });
    const screen = metadata.message
      ? messageFileScreen(client, ctx, slackUserId, metadata.message)
      : ownUploadScreen(ctx, slackUserId);
    await storeUploads(deps, client, ctx, { ...checked, actorId, slackUserId, slackFileIds }, screen);
  });
}
