import type { WebClient } from '@slack/web-api';

/** A channel's members (every page), without the app's own bot user: who a channel copy reaches. */
export function channelMembers(client: WebClient, botUserId: string | undefined) {
  return async (channel: string): Promise<string[]> => {
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({
        channel,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members.filter((member) => member !== botUserId);
  };
}
