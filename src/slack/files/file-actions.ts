import type { BlockAction, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../deps';
import { replyForError } from '../replies';
import type { UserContext } from '../user-context';
import { postToDm } from './dm-delivery';
import { fileRefusalText, isFileLibraryError } from './file-refusals';

/** A file button's value: `FILE-2026-0042`, or `FILE-2026-0042@1.1` for one version. */
export function parseFileButtonValue(
  value: string | undefined,
): { reference: string; label?: string } | null {
  const text = (value ?? '').trim();
  if (!text || text.length > 80) return null;
  const at = text.lastIndexOf('@');
  if (at < 0) return { reference: text };
  const reference = text.slice(0, at);
  const label = text.slice(at + 1);
  return reference && label ? { reference, label } : null;
}

/**
 * Runs a file button's one library call and tells the person the outcome privately: through the
 * click's response_url on a message, in their DM from a modal (which has none). A refusal says
 * why, in their language; anything unexpected gets a reference for the admins.
 */
export async function runFileAction(
  deps: SlackDeps,
  ctx: UserContext,
  io: { client: WebClient; respond?: RespondFn; body: BlockAction },
  work: () => Promise<{ text: string; blocks?: KnownBlock[] } | undefined>,
): Promise<void> {
  let reply: { text: string; blocks?: KnownBlock[] } | undefined;
  try {
    reply = await work();
  } catch (error) {
    reply = isFileLibraryError(error)
      ? { text: await fileRefusalText(ctx.t, error.refusal, deps.files) }
      : await replyForError(error, ctx, deps);
  }
  if (!reply) return;
  const fromMessage =
    io.body.container?.type === 'message' && 'response_url' in io.body && io.body.response_url;
  if (fromMessage && io.respond)
    await io.respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  else await postToDm(io.client, io.body.user.id, reply);
}
