import type { WebClient } from '@slack/web-api';

/**
 * "Was this already posted?" A post that must happen exactly once carries a mark in its message
 * metadata (an event type and the id of the row that asked for it). When the row is sent again
 * because its outcome was never recorded (the worker died after Slack accepted the post), the
 * conversation's recent history is searched for the mark before posting a second time.
 */
export interface PostMark {
  eventType: string;
  /** The payload field carrying the id, e.g. `outbox_id`. */
  key: string;
  id: string;
  /** Further rows answered by the same post (several notices merged into one message). */
  covers?: readonly string[];
}

/** The `metadata` argument of chat.postMessage that carries the mark. */
export const markMetadata = (mark: PostMark) => ({
  event_type: mark.eventType,
  event_payload: mark.covers?.length
    ? { [mark.key]: mark.id, covers: [...mark.covers] }
    : { [mark.key]: mark.id },
});

const HISTORY_WINDOW = 100;

/**
 * The earlier post with this mark among the conversation's latest messages, if any. `conversation`
 * is a channel id or, for a DM, the person's user id.
 */
export async function findEarlierPost(
  client: WebClient,
  conversation: string,
  mark: PostMark,
): Promise<{ channel: string; ts: string } | undefined> {
  return (await findEarlierPosts(client, conversation, mark, [mark.id])).get(mark.id);
}

/**
 * The same for several ids of one kind of mark, with one read of the history (history is
 * rate-limited: a merged post retried must not read it once per row it covers).
 */
export async function findEarlierPosts(
  client: WebClient,
  conversation: string,
  mark: Pick<PostMark, 'eventType' | 'key'>,
  ids: readonly string[],
): Promise<Map<string, { channel: string; ts: string }>> {
  const found = new Map<string, { channel: string; ts: string }>();
  if (ids.length === 0) return found;
  let channel = conversation;
  if (/^[UW]/.test(conversation)) {
    const dm = await client.conversations.open({ users: conversation });
    if (!dm.channel?.id) return found;
    channel = dm.channel.id;
  }
  const history = await client.conversations.history({
    channel,
    limit: HISTORY_WINDOW,
    include_all_metadata: true,
  });
  const wanted = new Set(ids);
  for (const message of history.messages ?? []) {
    if (message.metadata?.event_type !== mark.eventType || !message.ts) continue;
    const payload = (message.metadata.event_payload ?? {}) as Record<string, unknown>;
    const covered = [payload[mark.key], ...(Array.isArray(payload.covers) ? payload.covers : [])];
    for (const id of covered)
      if (typeof id === 'string' && wanted.has(id) && !found.has(id))
        found.set(id, { channel, ts: message.ts });
  }
  return found;
}
