import type { WebClient } from '@slack/web-api';
import type { MemberChannels } from '../wiring/files';

/**
 * The channels a person is in, from Slack (users.conversations, every page): a file shared with
 * a channel is readable by its members. Private channels count only where the app is a member
 * too, which is all Slack lets a bot token see.
 */
export function slackMemberChannels(client: WebClient): MemberChannels {
  return async (person) => {
    const channels = new Set<string>();
    if (!person.slackUserId) return channels;
    let cursor: string | undefined;
    do {
      const page = await client.users.conversations({
        user: person.slackUserId,
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const channel of page.channels ?? []) if (channel.id) channels.add(channel.id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return channels;
  };
}
