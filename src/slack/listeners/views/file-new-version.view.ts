import { checkVersion, type FieldProblems } from '../../../domain/files/file-fields';
import type { SlackDeps } from '../../deps';
import { postToDm } from '../../files/dm-delivery';
import { fileCardFor, filePersonId } from '../../files/file-card';
import { inputBlocksOf, readFileForm } from '../../files/file-form-state';
import { referenceMetadataSchema } from '../../files/file-metadata';
import { fieldErrors, fileRefusalText, isFileLibraryError } from '../../files/file-refusals';
import { ownUploadScreen } from '../../files/save-to-library';
import { readSlackFile } from '../../files/slack-file-source';
import { FILE_BLOCK_IDS, FILE_CALLBACK_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { MaintenanceRefusal, maintenanceRefusalText, refuseIfMaintenance } from '../../maintenance-guard';
import { parseJson } from '../../payloads';
import { escapeMrkdwn } from '../../views/blocks';
import { processingView } from '../../views/files/upload-form.view';
import type { ListenerApp } from '../router';

/**
 * New version's submission. The label (greater than the current one) and the note are checked
 * before the modal closes, under their fields; then the file is read from Slack and stored under
 * the same reference after the acknowledgement, and the result comes to the DM. The library
 * checks the label again under a lock (another version may have landed meanwhile).
 */
export function registerFileNewVersionForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(FILE_CALLBACK_IDS.newVersion, async ({ ack, body, view, client }) => {
    const slackUserId = body.user.id;
    const ctx = await contextOf(deps, slackUserId);
    const metadata = parseJson(referenceMetadataSchema, view.private_metadata);
    if (!metadata) {
      await ack();
      return;
    }
    const present = inputBlocksOf(view.blocks as { type?: string; block_id?: string }[]);
    const form = readFileForm(view.state.values);
    const refuse = (text: string) =>
      ack({ response_action: 'errors', errors: { [FILE_BLOCK_IDS.label]: text.slice(0, 2000) } });
    let actorId: number;
    let current: string | null;
    try {
      await refuseIfMaintenance(deps);
      actorId = await filePersonId(deps, slackUserId);
      const opened = await deps.files.open(actorId, metadata.reference);
      if (opened.access.level !== 'owner')
        return await refuse(ctx.t('files.refusal.notOwner', { reference: opened.file.reference }));
      current = opened.current?.label ?? null;
    } catch (error) {
      if (error instanceof MaintenanceRefusal) return await refuse(maintenanceRefusalText(error, ctx));
      if (!isFileLibraryError(error)) throw error;
      return await refuse(await fileRefusalText(ctx.t, error.refusal, deps.files));
    }
    const problems: FieldProblems = {};
    checkVersion({ label: form.label, changeNote: form.changeNote }, current, problems);
    const errors = fieldErrors(ctx.t, problems, present);
    if (form.slackFileIds.length !== 1) errors[FILE_BLOCK_IDS.files] = ctx.t('files.error.noFile');
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: processingView(ctx.t, 1) });
    let name = form.slackFileIds[0]!;
    try {
      const slackFile = await readSlackFile(client, form.slackFileIds[0]!);
      name = slackFile.name;
      const refused = await ownUploadScreen(ctx, slackUserId)(slackFile);
      if (refused) {
        await postToDm(client, slackUserId, {
          text: ctx.t('files.upload.refused', { name: escapeMrkdwn(name), reason: refused }),
        });
        return;
      }
      const stored = await deps.files.newVersion(actorId, metadata.reference, {
        label: form.label,
        changeNote: form.changeNote,
        source: slackFile.source,
      });
      // The library queued the review or the earlier downloaders' DMs in its transaction.
      deps.outbox.kick();
      if (stored.review) {
        await postToDm(client, slackUserId, {
          text: ctx.t('files.newVersion.inReview', {
            reference: stored.file.reference,
            label: escapeMrkdwn(stored.version.label),
            review: stored.review.reference,
          }),
        });
        return;
      }
      const card = await fileCardFor(deps, ctx, stored.file, stored.version, { canManage: true });
      const done = ctx.t('files.upload.done', { reference: stored.file.reference });
      await postToDm(client, slackUserId, {
        text: `${done} ${card.text}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: done } }, ...card.blocks],
      });
    } catch (error) {
      const reason = isFileLibraryError(error)
        ? await fileRefusalText(ctx.t, error.refusal, deps.files)
        : ctx.t('files.refused.unreadable', {
            error: error instanceof Error ? error.message : String(error),
          });
      if (!isFileLibraryError(error)) deps.logger.error({ err: error }, 'new file version failed');
      await postToDm(client, slackUserId, {
        text: ctx.t('files.upload.refused', { name: escapeMrkdwn(name), reason }),
      });
    }
  });
}
