/** Which conversations the app's bot can see and write to, with Slack's error codes. */
import { SlackApiError } from '../api-error';
import type { SandboxChannel } from '../types';
import type { ApiContext } from './args';

/** A conversation the bot can see: public channels, and private ones it is a member of. */
export function visibleConversation(ctx: ApiContext, ref: string): SandboxChannel {
  const channel = ctx.workspace.resolveConversation(ref);
  const botUserId = ctx.workspace.identity.botUserId;
  // Slack does not reveal that a private conversation exists to an app outside it.
  if (!channel || (channel.isPrivate && !channel.members.includes(botUserId))) {
    throw new SlackApiError('channel_not_found');
  }
  return channel;
}

/** A conversation the bot may post in: visible, not archived, and the bot is a member. */
export function writableConversation(ctx: ApiContext, ref: string): SandboxChannel {
  const channel = visibleConversation(ctx, ref);
  if (channel.isArchived) throw new SlackApiError('is_archived');
  if (!channel.members.includes(ctx.workspace.identity.botUserId)) throw new SlackApiError('not_in_channel');
  return channel;
}
