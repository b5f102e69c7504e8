/** conversations.* methods: opening DMs, reading channels and their members, joining. */
import { SlackApiError } from '../api-error';
import type { SandboxChannel } from '../types';
import {
  type ApiContext,
  type ApiMethod,
  optionalBool,
  optionalString,
  paginate,
  requiredString,
} from './args';
import { visibleConversation } from './conversation-access';
import { channelObject } from './shapes';

/** Slack allows a group DM of at most eight people besides the caller. */
const MAX_GROUP_DM_USERS = 8;

function shape(ctx: ApiContext, channel: SandboxChannel, includeNumMembers = false) {
  return channelObject(channel, ctx.workspace.identity.botUserId, { includeNumMembers });
}

const open: ApiMethod = (args, ctx) => {
  const returnIm = optionalBool(args, 'return_im');
  const channelRef = optionalString(args, 'channel');
  if (channelRef) {
    const channel = visibleConversation(ctx, channelRef);
    return {
      ok: true,
      no_op: true,
      already_open: true,
      channel: returnIm ? shape(ctx, channel) : { id: channel.id },
    };
  }
  const userIds = requiredString(args, 'users')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (userIds.length > MAX_GROUP_DM_USERS) throw new SlackApiError('too_many_users');
  for (const id of userIds) {
    const user = ctx.workspace.user(id);
    if (!user) throw new SlackApiError('user_not_found');
    if (user.deleted) throw new SlackApiError('user_disabled');
  }
  const [only] = userIds;
  if (userIds.length === 1 && only) {
    const alreadyOpen = ctx.workspace.channel(ctx.workspace.dmIdOf(only)) !== undefined;
    const channel = ctx.workspace.openDm(only);
    return {
      ok: true,
      ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
      channel: returnIm ? shape(ctx, channel) : { id: channel.id },
    };
  }
  const channel = ctx.workspace.openGroupDm(userIds);
  return { ok: true, channel: returnIm ? shape(ctx, channel) : { id: channel.id } };
};

const info: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  return { ok: true, channel: shape(ctx, channel, optionalBool(args, 'include_num_members')) };
};

const members: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const { page, response_metadata } = paginate(channel.members, args, 100);
  return { ok: true, members: page, response_metadata };
};

const join: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  if (channel.isIm || channel.isMpim || channel.isPrivate) {
    throw new SlackApiError('method_not_supported_for_channel_type');
  }
  if (channel.isArchived) throw new SlackApiError('is_archived');
  const { botUserId } = ctx.workspace.identity;
  if (channel.members.includes(botUserId)) {
    return {
      ok: true,
      channel: shape(ctx, channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  return { ok: true, channel: shape(ctx, ctx.workspace.joinChannel(channel.id, botUserId)) };
};

const TYPE_FILTERS: Record<string, (c: SandboxChannel, botUserId: string) => boolean> = {
  public_channel: (c) => !c.isIm && !c.isMpim && !c.isPrivate,
  private_channel: (c, bot) => !c.isIm && !c.isMpim && c.isPrivate && c.members.includes(bot),
  mpim: (c, bot) => c.isMpim && c.members.includes(bot),
  im: (c) => c.isIm,
};

/** The conversations of the `types` argument the app can see, `member` narrowing them to one person's. */
function listed(args: Parameters<ApiMethod>[0], ctx: Parameters<ApiMethod>[1], member?: string) {
  const types = (optionalString(args, 'types') || 'public_channel').split(',').map((t) => t.trim());
  const filters = types.map((t) => {
    const filter = TYPE_FILTERS[t];
    if (!filter) throw new SlackApiError('invalid_types');
    return filter;
  });
  const { botUserId } = ctx.workspace.identity;
  const excludeArchived = optionalBool(args, 'exclude_archived');
  const channels = ctx.workspace
    .listChannels()
    .filter((c) => (!member || c.members.includes(member)) && filters.some((f) => f(c, botUserId)))
    .filter((c) => !(excludeArchived && c.isArchived));
  const { page, response_metadata } = paginate(channels, args, 100);
  return { ok: true, channels: page.map((c) => shape(ctx, c)), response_metadata };
}

const list: ApiMethod = (args, ctx) => listed(args, ctx);

/**
 * users.conversations: the conversations `user` (default: the app's bot user) is a member of,
 * as far as the calling bot can see them — public channels, and private ones it shares.
 */
const userConversations: ApiMethod = (args, ctx) => {
  const { botUserId } = ctx.workspace.identity;
  const userId = optionalString(args, 'user') || botUserId;
  if (userId !== botUserId && !ctx.workspace.user(userId)) throw new SlackApiError('user_not_found');
  return listed(args, ctx, userId);
};

/** Newest first, as Slack returns them; message metadata only when asked for. */
const history: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const withMetadata = optionalBool(args, 'include_all_metadata');
  const messages = [...ctx.workspace.messages(channel.id)]
    .reverse()
    .map(({ metadata, ...message }) => (withMetadata && metadata ? { ...message, metadata } : message));
  const { page, response_metadata } = paginate(messages, args, 100);
  return { ok: true, messages: page, has_more: response_metadata.next_cursor !== '', response_metadata };
};

export const conversationMethods: Record<string, ApiMethod> = {
  'conversations.history': history,
  'conversations.open': open,
  'conversations.info': info,
  'conversations.members': members,
  'conversations.join': join,
  'conversations.list': list,
  'users.conversations': userConversations,
};
