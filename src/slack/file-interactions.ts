import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { FileLibraryError } from '../domain/files/file-errors';
import type { PersonRecord } from '../domain/org/model';
import type { SlackDeps } from './deps';
import { findPersonBySlackIdSafe } from './person-lookup';
import type { UserContext } from './user-context';
import { fileRefusalText } from './views/files/refusal-text';

/**
 * What the Share and Open listeners share: who is clicking (as the library knows them), and how a
 * refusal reaches them — through the click's response_url when there is one, else in their DM
 * with the app (a click on the Home tab has no response_url).
 */
export async function libraryPerson(deps: SlackDeps, slackUserId: string): Promise<PersonRecord> {
  const person = await findPersonBySlackIdSafe(deps.org, slackUserId, deps.logger);
  if (!person) throw new FileLibraryError({ code: 'not_registered' });
  return person;
}

/** A refusal in the person's language, naming who can grant access when the file is restricted. */
export async function refusalText(deps: SlackDeps, ctx: UserContext, error: unknown): Promise<string | null> {
  const grantors =
    error instanceof FileLibraryError && error.refusal.code === 'not_in_scope'
      ? (await deps.files.slackIdsOf(error.refusal.grantorIds)).map((id) => `<@${id}>`)
      : [];
  return fileRefusalText(ctx.t, error, grantors);
}

export async function tellPerson(
  client: WebClient,
  respond: RespondFn | undefined,
  slackUserId: string,
  text: string,
): Promise<void> {
  if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
  else await client.chat.postMessage({ channel: slackUserId, text });
}

/** Runs a file click; a library refusal is told to the clicker, anything else is logged and told. */
export async function runFileClick(
  deps: SlackDeps,
  ctx: UserContext,
  client: WebClient,
  respond: RespondFn | undefined,
  slackUserId: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const text = await refusalText(deps, ctx, error);
    if (!text) {
      deps.logger.warn({ err: error }, 'file click failed');
      await tellPerson(
        client,
        respond,
        slackUserId,
        ctx.t('fileReview.refusal.other', { code: 'error' }),
      ).catch(() => undefined);
      return;
    }
    await tellPerson(client, respond, slackUserId, text);
  }
}
