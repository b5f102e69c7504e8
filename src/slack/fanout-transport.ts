import { ErrorCode, WebClient } from '@slack/web-api';
import type { FanoutItem } from '../db/repositories/fanout.repository';
import type { FanoutMessage, FanoutSendOutcome, FanoutTransport } from '../jobs/fanout-sender';
import type { Logger } from '../logger';
import { boltLogger } from './app';
import { findEarlierPost, markMetadata, type PostMark } from './message-dedup';

/**
 * The fan-out engine's Slack calls, on a Web API client of its own: a 429 is reported at once
 * (the engine pauses every replica for exactly Retry-After) instead of parking requests inside a
 * client that also answers people's clicks, and nothing is retried behind the engine's back (a
 * hidden retry of a post could outlive the item's lease).
 */
export function createFanoutClient(
  slack: { botToken: string; apiUrl?: string | undefined },
  logger: Logger,
): WebClient {
  return new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // Well inside the item's lease, so a hung call never overlaps a second attempt.
    timeout: 10_000,
  });
}

const fanoutMark = (item: FanoutItem): PostMark => ({
  eventType: 'gongwu_fanout',
  key: 'fanout_item_id',
  id: item.id,
});

/**
 * Errors that the same call will meet again: only a fix elsewhere (inviting the bot, a new
 * channel) helps. Everything else is treated as passing trouble and retried with a backoff.
 */
const PERMANENT_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'too_many_attachments',
  'message_not_found',
  'cant_update_message',
  'cant_delete_message',
  'edit_window_closed',
  'is_inactive',
  'missing_scope',
]);

export function classifySlackError(error: unknown): Exclude<FanoutSendOutcome, { kind: 'sent' }> {
  const failure = error as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } };
  if (failure.code === ErrorCode.RateLimitedError && typeof failure.retryAfter === 'number') {
    return { kind: 'rate_limited', retryAfterSeconds: failure.retryAfter };
  }
  if (failure.code === ErrorCode.PlatformError) {
    const code = String(failure.data?.error ?? 'unknown_error');
    return PERMANENT_ERRORS.has(code)
      ? { kind: 'permanent', error: code }
      : { kind: 'transient', error: code, inDoubt: false };
  }
  // A timeout, a dropped connection or a 5xx: Slack may have done it.
  return { kind: 'transient', error: error instanceof Error ? error.message : String(error), inDoubt: true };
}

export function createFanoutTransport(client: WebClient): FanoutTransport {
  return {
    async send(item: FanoutItem, message: FanoutMessage): Promise<FanoutSendOutcome> {
      try {
        switch (item.method) {
          case 'post': {
            const response = await client.chat.postMessage({
              channel: item.channel,
              ...message,
              metadata: markMetadata(fanoutMark(item)),
            } as Parameters<WebClient['chat']['postMessage']>[0]);
            return { kind: 'sent', channel: response.channel ?? item.channel, ts: response.ts ?? null };
          }
          case 'update': {
            await client.chat.update({
              channel: item.channel,
              ts: item.ts ?? '',
              ...message,
            } as Parameters<WebClient['chat']['update']>[0]);
            return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
          }
          case 'delete': {
            await client.chat.delete({ channel: item.channel, ts: item.ts ?? '' });
            return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
          }
        }
      } catch (error) {
        const outcome = classifySlackError(error);
        // Deleting what is gone already is what was asked for.
        if (
          item.method === 'delete' &&
          outcome.kind === 'permanent' &&
          outcome.error === 'message_not_found'
        ) {
          return { kind: 'sent', channel: item.channel, ts: item.ts ?? null };
        }
        return outcome;
      }
    },

    async findEarlier(item: FanoutItem): Promise<FanoutSendOutcome | null> {
      try {
        const earlier = await findEarlierPost(client, item.channel, fanoutMark(item));
        return earlier ? { kind: 'sent', ...earlier } : null;
      } catch (error) {
        return classifySlackError(error);
      }
    },
  };
}
