import type { SlackDeps } from '../../deps';
import { postToDm } from '../../files/dm-delivery';
import { fileCardFor, filePersonId } from '../../files/file-card';
import { inputBlocksOf, readFileForm, scopeOf } from '../../files/file-form-state';
import { referenceMetadataSchema } from '../../files/file-metadata';
import { fieldErrors, fileRefusalText, isFileLibraryError } from '../../files/file-refusals';
import { checkUploadForm } from '../../files/upload-submission';
import { FILE_BLOCK_IDS, FILE_CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { parseJson } from '../../payloads';
import type { ListenerApp } from '../router';

/**
 * Edit details' submission: the descriptive fields, then the scope when it changed (each its own
 * audited change). Problems under their fields; the updated card comes to the owner's DM.
 */
export function registerFileEditForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(FILE_CALLBACK_IDS.edit, async ({ ack, body, view, client }) => {
    const slackUserId = body.user.id;
    const ctx = await contextOf(deps, slackUserId);
    const metadata = parseJson(referenceMetadataSchema, view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const present = inputBlocksOf(view.blocks as { type?: string; block_id?: string }[]);
    const form = readFileForm(view.state.values);
    const checked = await checkUploadForm(deps, ctx.t, form, present, {
      fileCount: 0,
      maxFiles: 0,
      withVersion: false,
    });
    if ('errors' in checked) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    try {
      const actorId = await filePersonId(deps, slackUserId);
      const scope = scopeOf(form, checked.personIds);
      let file = await deps.files.updateDetails(actorId, metadata.reference, {
        title: form.title,
        abstract: form.abstract,
        keywords: form.keywords,
        confidentiality: form.confidentiality,
        scope,
        categoryId: form.categoryId,
        departmentId: form.departmentId,
      });
      if (JSON.stringify(file.scope) !== JSON.stringify(scope))
        file = await deps.files.changeScope(actorId, metadata.reference, scope);
      await ack();
      const opened = await deps.files.open(actorId, file.reference);
      const card = await fileCardFor(deps, ctx, opened.file, opened.current, {
        canManage: opened.access.level === 'owner',
      });
      const done = ctx.t('files.edit.done', { reference: file.reference });
      await postToDm(client, slackUserId, {
        text: done,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: done } }, ...card.blocks],
      });
    } catch (error) {
      if (!isFileLibraryError(error)) throw error;
      const { refusal } = error;
      const errors =
        refusal.code === 'invalid'
          ? fieldErrors(ctx.t, refusal.fields, present)
          : { [FILE_BLOCK_IDS.title]: (await fileRefusalText(ctx.t, refusal, deps.files)).slice(0, 2000) };
      await ack({ response_action: 'errors', errors });
    }
  });
}
