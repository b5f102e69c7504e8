import type { WebClient } from '@slack/web-api';
import type { UserContext } from '../user-context';

export interface MessageRef {
  channel: string;
  ts: string;
}

/** The files on a message, as the bot reads it now; null when the bot cannot read it. */
export async function filesOnMessage(client: WebClient, ref: MessageRef): Promise<string[] | null> {
  const history = await client.conversations
    .history({ channel: ref.channel, latest: ref.ts, oldest: ref.ts, inclusive: true })
    .catch(() => null);
  const message = history?.messages?.find((entry) => entry.ts === ref.ts);
  if (!message) return null;
  return (message.files ?? []).flatMap((file) => (file.id ? [file.id] : []));
}

/** Whether the person is a member of the conversation (so could see the message). */
async function isMember(client: WebClient, channel: string, slackUserId: string): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await client.conversations
      .members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) })
      .catch(() => null);
    if (!result) return false;
    if (result.members?.includes(slackUserId)) return true;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return false;
  }
  return false;
}

/**
 * Save to library: the file ids travel in the modal's private_metadata, which the app wrote but
 * a forged submission can rewrite. Before a file is read it is checked again against Slack
 * itself: the message still carries that file, and the person who submits is a member of the
 * conversation it is in. Read once per submission.
 */
export function messageFileScreen(
  client: WebClient,
  ctx: UserContext,
  slackUserId: string,
  ref: MessageRef,
): (file: { id: string }) => Promise<string | null> {
  let verdict: Promise<Set<string> | null> | undefined;
  const allowed = () => {
    verdict ??= (async () => {
      const [files, member] = await Promise.all([
        filesOnMessage(client, ref),
        isMember(client, ref.channel, slackUserId),
      ]);
      return files && member ? new Set(files) : null;
    })();
    return verdict;
  };
  return async (file) => ((await allowed())?.has(file.id) ? null : ctx.t('files.refused.notFromMessage'));
}

/** A file picked in the modal's own file_input is the person's own upload. */
export const ownUploadScreen =
  (ctx: UserContext, slackUserId: string) =>
  async (file: { user: string | undefined }): Promise<string | null> =>
    file.user === undefined || file.user === slackUserId ? null : ctx.t('files.refused.notFromMessage');
