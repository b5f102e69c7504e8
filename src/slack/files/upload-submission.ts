import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { checkDetails, checkVersion, type FieldProblems } from '../../domain/files/file-fields';
import type { SlackDeps } from '../deps';
import { FILE_BLOCK_IDS } from '../ids';
import type { UserContext } from '../user-context';
import { escapeMrkdwn } from '../views/blocks';
import { postToDm } from './dm-delivery';
import { fileCardFor } from './file-card';
import type { FileFormValues } from './file-form-state';
import { scopeOf } from './file-form-state';
import { fieldErrors, fileRefusalText, isFileLibraryError } from './file-refusals';
import { readSlackFile, SlackFileUnreadable } from './slack-file-source';

/** The checked submission: what every file of it is stored with. */
export interface CheckedUpload {
  personIds: number[];
  form: FileFormValues;
}

/**
 * Checks the upload form before the modal closes: every field problem under its field (the
 * library checks the same rules again when it stores), the named people looked up in the
 * directory, at least one file. Returns the errors to show, or what to store.
 */
export async function checkUploadForm(
  deps: Pick<SlackDeps, 'org'>,
  t: UserContext['t'],
  form: FileFormValues,
  present: ReadonlySet<string>,
  options: { fileCount: number; maxFiles: number; withVersion: boolean },
): Promise<{ errors: Record<string, string> } | CheckedUpload> {
  const problems: FieldProblems = {};
  const errors: Record<string, string> = {};
  const personIds: number[] = [];
  const missing: string[] = [];
  for (const slackId of form.peopleSlackIds) {
    const person = await deps.org.findPerson(slackId);
    if (person) personIds.push(person.id);
    else missing.push(`<@${slackId}>`);
  }
  checkDetails(
    {
      title: form.title,
      abstract: form.abstract,
      keywords: form.keywords,
      confidentiality: form.confidentiality,
      scope: scopeOf(form, personIds),
    },
    problems,
  );
  if (options.withVersion) checkVersion({ label: form.label, changeNote: form.changeNote }, null, problems);
  Object.assign(errors, fieldErrors(t, problems, present));
  if (missing.length && present.has(FILE_BLOCK_IDS.people))
    errors[FILE_BLOCK_IDS.people] = t('files.error.notInDirectory', { who: missing.join(', ') });
  if (present.has(FILE_BLOCK_IDS.files)) {
    if (options.fileCount === 0) errors[FILE_BLOCK_IDS.files] = t('files.error.noFile');
    else if (options.fileCount > options.maxFiles)
      errors[FILE_BLOCK_IDS.files] = t('files.error.tooManyFiles', { max: options.maxFiles });
  }
  return Object.keys(errors).length ? { errors } : { personIds, form };
}

/** A file `screen` refused; its message is already in the person's words. */
class ScreenedOut extends Error {}

/** With several files, each is its own library file: "<title> – <file name>". */
export const titleFor = (title: string, name: string, count: number): string =>
  count > 1 ? `${title.trim()} – ${name}` : title.trim();

/** Why a Slack file could not be stored, as a DM line; unexpected failures are logged too. */
async function failureText(
  deps: Pick<SlackDeps, 'files' | 'logger'>,
  ctx: UserContext,
  error: unknown,
): Promise<string> {
  if (isFileLibraryError(error)) return fileRefusalText(ctx.t, error.refusal, deps.files);
  if (error instanceof SlackFileUnreadable) return ctx.t('files.refused.unreadable', { error: error.reason });
  deps.logger.error({ err: error }, 'file upload failed');
  return ctx.t('files.refused.unreadable', { error: error instanceof Error ? error.message : String(error) });
}

/**
 * The slow part of an upload, after the modal was answered: each Slack file read with the bot
 * token and streamed into the library (size, type from the bytes, SHA-256, clamd), then its card —
 * or the reason it was refused — in the uploader's DM. One file failing does not stop the others.
 */
export async function storeUploads(
  deps: Pick<SlackDeps, 'files' | 'logger'>,
  client: WebClient,
  ctx: UserContext,
  upload: CheckedUpload & { actorId: number; slackUserId: string; slackFileIds: string[] },
  /** Refuses a file before it is read (the shortcut: not on the message); a reason, or null. */
  screen: (file: {
    id: string;
    user: string | undefined;
    conversations: string[];
  }) => Promise<string | null> = async () => null,
): Promise<void> {
  const { form } = upload;
  const count = upload.slackFileIds.length;
  for (const fileId of upload.slackFileIds) {
    let message: { text: string; blocks?: KnownBlock[] };
    let name = fileId;
    try {
      const slackFile = await readSlackFile(client, fileId);
      name = slackFile.name;
      const refused = await screen(slackFile);
      if (refused) throw new ScreenedOut(refused);
      const stored = await deps.files.upload(upload.actorId, {
        title: titleFor(form.title, slackFile.name, count),
        abstract: form.abstract,
        keywords: form.keywords,
        confidentiality: form.confidentiality,
        scope: scopeOf(form, upload.personIds),
        categoryId: form.categoryId,
        departmentId: form.departmentId,
        label: form.label,
        changeNote: form.changeNote,
        source: slackFile.source,
      });
      const card = await fileCardFor(deps, ctx, stored.file, stored.version, { canManage: true });
      const done = ctx.t('files.upload.done', { reference: stored.file.reference });
      message = {
        text: `${done} ${card.text}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: done } }, ...card.blocks],
      };
    } catch (error) {
      const reason = error instanceof ScreenedOut ? error.message : await failureText(deps, ctx, error);
      message = { text: ctx.t('files.upload.refused', { name: escapeMrkdwn(name), reason }) };
    }
    await postToDm(client, upload.slackUserId, message);
  }
}
