/**
 * What Slack does with a message an app sends back through a `response_url` or as the
 * synchronous answer to a slash command: an ephemeral reply by default, a channel message with
 * `response_type: 'in_channel'`, or a change to the original message.
 */
import { SlackApiError } from './api-error';
import { messageBlockProblems } from './block-kit-limits';
import { withGeneratedIds } from './block-kit-state';
import { asString, type JsonObject } from './json';
import type { ResponseTarget } from './response-urls';
import type { Block, EphemeralMessage, EphemeralSource, SlackMessage } from './types';
import type { WorkspaceState } from './workspace-state';

export type ResponseEffect =
  | { kind: 'ephemeral'; ephemeral: EphemeralMessage }
  | { kind: 'message'; channel: string; message: SlackMessage }
  | { kind: 'replaced'; channel: string; ts: string }
  | { kind: 'deleted'; channel: string; ts: string };

function readBlocks(body: JsonObject): Block[] | undefined {
  if (body.blocks === undefined) return undefined;
  const problems = messageBlockProblems(body.blocks);
  if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
  return withGeneratedIds(body.blocks);
}

export function applyMessageResponse(
  workspace: WorkspaceState,
  target: ResponseTarget,
  body: JsonObject,
  source: EphemeralSource,
): ResponseEffect {
  const { original } = target;
  if (body.delete_original === true && original) {
    if (original.ephemeral) workspace.deleteEphemeral(target.userId, original.ts);
    else workspace.deleteMessage(target.channelId, original.ts);
    return { kind: 'deleted', channel: target.channelId, ts: original.ts };
  }
  const text = asString(body.text) ?? '';
  const blocks = readBlocks(body);
  if (!text && !blocks?.length) throw new SlackApiError('no_text');
  // Replacing means the whole message: blocks left out are gone, as with Slack.
  if (body.replace_original === true && original) {
    if (original.ephemeral) workspace.replaceEphemeral(target.userId, original.ts, { text, blocks });
    else workspace.updateMessage(target.channelId, original.ts, { text, blocks: blocks ?? [] });
    return { kind: 'replaced', channel: target.channelId, ts: original.ts };
  }
  const threadTs = asString(body.thread_ts);
  if (body.response_type === 'in_channel') {
    const { identity } = workspace;
    const message = workspace.postMessage(target.channelId, {
      user: identity.botUserId,
      bot_id: identity.botId,
      app_id: identity.appId,
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { kind: 'message', channel: target.channelId, message };
  }
  const ephemeral = workspace.postEphemeral({
    channel: target.channelId,
    user: target.userId,
    from: workspace.identity.botUserId,
    text,
    source,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return { kind: 'ephemeral', ephemeral };
}
