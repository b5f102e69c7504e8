import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';
import { type SlackOutageWatch, watchedWebClient } from './slack-outage-watch';

/**
 * What a failed Web API call means for whoever retries it, decided in one place for every courier
 * (the outbox, the fan-out, Home refreshes): wait exactly Retry-After, give up, or try again later.
 */
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'permanent'; error: string }
  /** `inDoubt`: Slack may have done it (a timeout, a dropped connection, a 5xx). */
  | { kind: 'transient'; error: string; inDoubt: boolean };

/** Permanent refusals about the app itself (token, scopes, methods), not about one recipient. */
export const APP_WIDE_ERRORS: ReadonlySet<string> = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'not_allowed_token_type',
  'missing_scope',
  'unknown_method',
  'method_deprecated',
  'team_access_not_granted',
]);

/**
 * A card (a message the app keeps updating) that Slack no longer has or will not let the app
 * edit: the courier posts it anew and records the new message instead of retrying the update.
 */
export const CARD_GONE_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'channel_not_found',
  'cant_update_message',
  'edit_window_closed',
]);

/**
 * Errors that the same call will meet again: only a fix elsewhere (inviting the bot, a new
 * channel, a new token or scope) helps. Everything else is treated as passing trouble.
 */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  ...APP_WIDE_ERRORS,
  ...CARD_GONE_ERRORS,
  'not_in_channel',
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
  'cant_delete_message',
  'is_inactive',
  'invalid_arguments',
  'invalid_arg_name',
]);

export function classifySlackError(error: unknown): SlackFailure {
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

/**
 * A Web API client for a courier (outbox notifications, the fan-out): a 429 is reported at once
 * instead of parking every call of the client for Retry-After, and nothing is retried behind the
 * courier's back. The client's own retries (10, over ~30 minutes) would outlive a delivery's
 * lease, and a retried post skips the courier's "was this posted already?" check: a 5xx may have
 * posted. The courier retries instead, with that check before every re-post.
 */
export function createCourierClient(
  slack: { botToken: string; apiUrl?: string | undefined },
  logger: Logger,
  /** Told of every call's outcome, to log a Slack outage (slack-outage-watch.ts). */
  watch?: SlackOutageWatch,
): WebClient {
  const options: WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // Well inside a delivery's lease, so a hung call never overlaps a second attempt.
    timeout: 10_000,
  };
  return watch ? watchedWebClient(slack.botToken, options, watch) : new WebClient(slack.botToken, options);
}

/** Slack no longer has the message (deleted, its conversation gone) or will not let the app edit it. */
export function isCardGone(error: unknown): boolean {
  const failure = classifySlackError(error);
  return failure.kind === 'permanent' && CARD_GONE_ERRORS.has(failure.error);
}
