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
  let channel = conversation;
  if (/^[UW]/.test(conversation)) {
    const dm = await client.conversations.open({ users: conversation });
    if (!dm.channel?.id) return undefined;
    channel = dm.channel.id;
  }
  const history = await client.conversations.history({
    channel,
    limit: HISTORY_WINDOW,
    include_all_metadata: true,
  });
  const found = history.messages?.find((m) => {
    if (m.metadata?.event_type !== mark.eventType) return false;
    const payload = (m.metadata.event_payload ?? {}) as Record<string, unknown>;
    return (
      payload[mark.key] === mark.id || (Array.isArray(payload.covers) && payload.covers.includes(mark.id))
    );
  });
  return found?.ts ? { channel, ts: found.ts } : undefined;
}
