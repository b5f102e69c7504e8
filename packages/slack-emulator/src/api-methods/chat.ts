/** chat.* methods: messages the app posts, edits and deletes, and ephemeral messages. */
import { SlackApiError } from '../api-error';
import { messageBlockProblems } from '../block-kit-limits';
import { withGeneratedIds } from '../block-kit-state';
import type { JsonObject } from '../json';
import type { Block, SlackMessage } from '../types';
import { type ApiArgs, type ApiContext, type ApiMethod, optionalString, requiredString } from './args';
import { visibleConversation, writableConversation } from './conversation-access';

/** Slack truncates message text past this many characters rather than failing. */
const MAX_TEXT = 40_000;

interface MessageContent {
  text: string | undefined;
  blocks: Block[] | undefined;
  attachments: unknown[] | undefined;
}

function readContent(args: ApiArgs): MessageContent {
  const text = optionalString(args, 'text');
  let blocks: Block[] | undefined;
  if (args.blocks !== undefined && args.blocks !== '') {
    if (typeof args.blocks === 'string') throw new SlackApiError('invalid_blocks_format');
    const problems = messageBlockProblems(args.blocks);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
    blocks = withGeneratedIds(args.blocks);
  }
  let attachments: unknown[] | undefined;
  if (args.attachments !== undefined && args.attachments !== '') {
    if (!Array.isArray(args.attachments)) throw new SlackApiError('invalid_attachments');
    attachments = args.attachments;
  }
  return { text: text === undefined ? undefined : text.slice(0, MAX_TEXT), blocks, attachments };
}

function requireSomeContent(content: MessageContent): void {
  const empty = !content.text && !content.blocks?.length && !content.attachments?.length;
  if (empty) throw new SlackApiError('no_text');
}

function botFields(ctx: ApiContext): Pick<SlackMessage, 'user' | 'bot_id' | 'app_id'> {
  const { identity } = ctx.workspace;
  return { user: identity.botUserId, bot_id: identity.botId, app_id: identity.appId };
}

function withoutUndefined(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** The message as Slack echoes it in chat.* responses. */
function echo(message: SlackMessage, ctx: ApiContext): JsonObject {
  const { identity } = ctx.workspace;
  return {
    ...message,
    bot_profile: {
      id: identity.botId,
      app_id: identity.appId,
      name: identity.botName,
      deleted: false,
      team_id: identity.teamId,
    },
  };
}

function ownMessage(ctx: ApiContext, channelId: string, ts: string, refusal: string): SlackMessage {
  const message = ctx.workspace.message(channelId, ts);
  if (!message) throw new SlackApiError('message_not_found');
  if (message.bot_id !== ctx.workspace.identity.botId) throw new SlackApiError(refusal);
  return message;
}

const postMessage: ApiMethod = (args, ctx) => {
  const channel = writableConversation(ctx, requiredString(args, 'channel'));
  const content = readContent(args);
  requireSomeContent(content);
  const message = ctx.workspace.postMessage(channel.id, {
    ...botFields(ctx),
    text: content.text ?? '',
    ...withoutUndefined({
      blocks: content.blocks,
      attachments: content.attachments,
      thread_ts: optionalString(args, 'thread_ts'),
      metadata: args.metadata,
    }),
  });
  return { ok: true, channel: channel.id, ts: message.ts, message: echo(message, ctx) };
};

const update: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const ts = requiredString(args, 'ts');
  ownMessage(ctx, channel.id, ts, 'cant_update_message');
  const content = readContent(args);
  requireSomeContent(content);
  const message = ctx.workspace.updateMessage(channel.id, ts, {
    text: content.text,
    blocks: content.blocks,
    attachments: content.attachments,
    metadata: args.metadata,
  });
  return { ok: true, channel: channel.id, ts, text: message.text, message: echo(message, ctx) };
};

const remove: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const ts = requiredString(args, 'ts');
  ownMessage(ctx, channel.id, ts, 'cant_delete_message');
  ctx.workspace.deleteMessage(channel.id, ts);
  return { ok: true, channel: channel.id, ts };
};

const postEphemeral: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const userId = requiredString(args, 'user');
  const user = ctx.workspace.user(userId);
  if (!user) throw new SlackApiError('user_not_found');
  if (!channel.members.includes(userId)) throw new SlackApiError('user_not_in_channel');
  const content = readContent(args);
  requireSomeContent(content);
  const ephemeral = ctx.workspace.postEphemeral({
    channel: channel.id,
    user: userId,
    from: ctx.workspace.identity.botUserId,
    text: content.text ?? '',
    source: 'chat.postEphemeral',
    ...withoutUndefined({ blocks: content.blocks, thread_ts: optionalString(args, 'thread_ts') }),
  });
  return { ok: true, message_ts: ephemeral.ts };
};

const getPermalink: ApiMethod = (args, ctx) => {
  const channel = visibleConversation(ctx, requiredString(args, 'channel'));
  const ts = requiredString(args, 'message_ts');
  if (!ctx.workspace.message(channel.id, ts)) throw new SlackApiError('message_not_found');
  return {
    ok: true,
    channel: channel.id,
    permalink: `${ctx.baseUrl()}/archives/${channel.id}/p${ts.replace('.', '')}`,
  };
};

export const chatMethods: Record<string, ApiMethod> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
