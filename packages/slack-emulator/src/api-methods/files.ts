/**
 * files.* methods: Slack's external upload (files.getUploadURLExternal, the bytes POSTed to the
 * upload URL, files.completeUploadExternal, which is what WebClient.filesUploadV2 does) and
 * files.info.
 */
import { missingArgument, SlackApiError } from '../api-error';
import { messageBlockProblems } from '../block-kit-limits';
import { withGeneratedIds } from '../block-kit-state';
import { isObject, type JsonObject } from '../json';
import type { SandboxChannel, SlackMessage } from '../types';
import { type ApiArgs, type ApiMethod, optionalInt, optionalString, requiredString } from './args';
import { writableConversation } from './conversation-access';

/** Slack's limits on files.getUploadURLExternal's arguments. */
export const FILE_LIMITS = {
  altText: 1000,
  /** Snippets (`snippet_type`) are limited to 1 MB. */
  snippetBytes: 1024 * 1024,
  /** One files.completeUploadExternal shares to at most 100 channels. */
  channels: 100,
} as const;

const getUploadUrlExternal: ApiMethod = (args, ctx) => {
  const filename = requiredString(args, 'filename');
  const length = optionalInt(args, 'length');
  if (length === undefined) throw missingArgument('length');
  // Slack documents `missing_argument` for "typically only … when the length provided is 0".
  if (length <= 0) throw new SlackApiError('missing_argument', ['[ERROR] length must be greater than 0']);
  const altText = optionalString(args, 'alt_txt') ?? optionalString(args, 'alt_text');
  if (altText !== undefined && altText.length > FILE_LIMITS.altText)
    throw new SlackApiError('alt_txt_too_large');
  const snippetType = optionalString(args, 'snippet_type') || undefined;
  if (snippetType !== undefined && length > FILE_LIMITS.snippetBytes)
    throw new SlackApiError('snippet_too_large');
  const { id, uploadKey } = ctx.files.reserve({
    filename,
    user: ctx.workspace.identity.botUserId,
    ...(altText !== undefined ? { altText } : {}),
    ...(snippetType !== undefined ? { snippetType } : {}),
  });
  return { ok: true, upload_url: `${ctx.baseUrl()}/upload/v1/${uploadKey}`, file_id: id };
};

interface FileToComplete {
  id: string;
  title: string | undefined;
}

function readFilesArgument(args: ApiArgs): FileToComplete[] {
  const raw = args.files;
  if (raw === undefined || raw === '') throw missingArgument('files');
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new SlackApiError('invalid_arguments', ['[ERROR] files must be a JSON array of {id, title}']);
  }
  return raw.map((entry, i) => {
    if (!isObject(entry) || typeof entry.id !== 'string' || entry.id === '') {
      throw new SlackApiError('invalid_arguments', [
        `[ERROR] missing required field: id [json-pointer:/files/${i}/id]`,
      ]);
    }
    const title = typeof entry.title === 'string' && entry.title !== '' ? entry.title : undefined;
    return { id: entry.id, title };
  });
}

/** Where to share: `channel_id`, else `channels` (comma-separated ids; user ids mean their DM). */
function readDestinations(args: ApiArgs, ctx: Parameters<ApiMethod>[1]): SandboxChannel[] {
  const channelId = optionalString(args, 'channel_id');
  const refs = channelId
    ? [channelId]
    : (optionalString(args, 'channels') ?? '')
        .split(',')
        .map((ref) => ref.trim())
        .filter((ref) => ref !== '');
  if (refs.length > FILE_LIMITS.channels) throw new SlackApiError('channels_limit_exceeded');
  return [...new Set(refs)].map((ref) => writableConversation(ctx, ref));
}

const completeUploadExternal: ApiMethod = (args, ctx) => {
  const files = readFilesArgument(args);
  const destinations = readDestinations(args, ctx);
  const threadTs = optionalString(args, 'thread_ts') || undefined;
  const comment = optionalString(args, 'initial_comment') || undefined;
  let blocks: SlackMessage['blocks'];
  // Slack ignores `blocks` when there is an `initial_comment`.
  if (!comment && args.blocks !== undefined && args.blocks !== '') {
    const problems = messageBlockProblems(args.blocks);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
    blocks = withGeneratedIds(args.blocks);
  }
  const ids = [...new Set(files.map((f) => f.id))];
  ctx.files.assertCompletable(ids);
  for (const id of ids) ctx.files.complete(id, files.find((f) => f.id === id)?.title);

  const { identity } = ctx.workspace;
  for (const channel of destinations) {
    // The sharing message carries the files as they are once shared there, so its ts comes first.
    const ts = ctx.workspace.nextTs();
    for (const id of ids) ctx.files.share(id, channel, ts, threadTs);
    ctx.workspace.postMessage(
      channel.id,
      {
        user: identity.botUserId,
        bot_id: identity.botId,
        app_id: identity.appId,
        text: comment ?? '',
        files: ids.map((id) => ctx.files.toSlack(id)),
        upload: true,
        display_as_bot: false,
        ...(blocks ? { blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      },
      { ts },
    );
  }
  const completed: JsonObject[] = ids.map((id) => ctx.files.toSlack(id));
  return { ok: true, files: completed };
};

const info: ApiMethod = (args, ctx) => {
  const id = requiredString(args, 'file');
  return {
    ok: true,
    file: ctx.files.toSlack(id),
    comments: [],
    response_metadata: { next_cursor: '' },
  };
};

export const fileMethods: Record<string, ApiMethod> = {
  'files.getUploadURLExternal': getUploadUrlExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'files.info': info,
};
