/**
 * Slack's Web API over HTTP: `POST /api/<method>` with a form or JSON body, bot-token auth,
 * optional rate limits and injected failures, and a log of every call for tests to read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackApiError } from './api-error';
import { APP_TOKEN_METHODS, appMethods } from './api-methods/apps';
import type { ApiArgs, ApiContext, ApiMethod } from './api-methods/args';
import { chatMethods } from './api-methods/chat';
import { conversationMethods } from './api-methods/conversations';
import { fileMethods } from './api-methods/files';
import { userMethods } from './api-methods/users';
import { viewMethods } from './api-methods/views';
import { mediaType, parseForm, parseMultipart, sendJson } from './http-util';
import { clone, isObject, type JsonObject, tryParseJson } from './json';
import type { RateLimiter } from './rate-limiter';

export const API_METHODS: Readonly<Record<string, ApiMethod>> = {
  ...userMethods,
  ...chatMethods,
  ...conversationMethods,
  ...viewMethods,
  ...fileMethods,
  ...appMethods,
};

/** Arguments that carry JSON; a WebClient sends them JSON-encoded inside form bodies. */
const JSON_ARGUMENTS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

export interface ApiCallRecord {
  method: string;
  /** Arguments as the emulator understood them, JSON arguments decoded, the token removed. */
  args: ApiArgs;
  /** The emulator clock's time of the call, in ms. */
  at: number;
  status: number;
  ok: boolean;
  error?: string;
}

export interface InjectedFailure {
  /** The `error` code to answer with. Default `ratelimited` for status 429, else `internal_error`. */
  error?: string;
  /** HTTP status. Default 200 (Slack's usual way to fail); 429 adds `Retry-After`. */
  status?: number;
  /** Seconds for `Retry-After` on a 429. Default 1. */
  retryAfter?: number;
  /** How many calls fail. Default 1. */
  times?: number;
}

interface ApiOutcome {
  status: number;
  body: JsonObject;
  headers: Record<string, string>;
}

function decodeArguments(raw: Record<string, unknown>): ApiArgs {
  const args: ApiArgs = { ...raw };
  for (const key of JSON_ARGUMENTS) {
    const value = args[key];
    if (typeof value !== 'string' || value === '') continue;
    const parsed = tryParseJson(value);
    // Left as a string when malformed, so the method can answer with Slack's error for it.
    if (parsed.ok) args[key] = parsed.value;
  }
  return args;
}

function failure(code: string, messages: string[] = []): JsonObject {
  return messages.length > 0
    ? { ok: false, error: code, response_metadata: { messages } }
    : { ok: false, error: code };
}

export class WebApi {
  readonly calls: ApiCallRecord[] = [];
  private readonly failures = new Map<string, Required<InjectedFailure>[]>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly tokens: { bot: string; app: string },
    private readonly rateLimiter: RateLimiter,
    private readonly onCall: (record: ApiCallRecord) => void,
  ) {}

  /** The next `times` calls of `method` (or of any method, with `*`) fail as described. */
  injectFailure(method: string, spec: InjectedFailure = {}): void {
    const status = spec.status ?? 200;
    const queued = this.failures.get(method) ?? [];
    queued.push({
      status,
      error: spec.error ?? (status === 429 ? 'ratelimited' : 'internal_error'),
      retryAfter: spec.retryAfter ?? 1,
      times: spec.times ?? 1,
    });
    this.failures.set(method, queued);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: URLSearchParams,
    rawBody: Buffer,
  ) {
    const parsed = await this.parse(req, query, rawBody);
    const args = 'args' in parsed ? parsed.args : {};
    const outcome = 'args' in parsed ? this.call(method, args, req.headers.authorization) : parsed.outcome;
    const { token: _token, ...logged } = args;
    const record: ApiCallRecord = {
      method,
      args: clone(logged),
      at: this.ctx.clock(),
      status: outcome.status,
      ok: outcome.body.ok === true,
    };
    if (typeof outcome.body.error === 'string') record.error = outcome.body.error;
    this.recordCall(record);
    sendJson(res, outcome.status, outcome.body, outcome.headers);
  }

  /** Logs a call; also used for `response_url` uses, which tests check the same way. */
  recordCall(record: ApiCallRecord): void {
    this.calls.push(record);
    this.onCall(record);
  }

  private async parse(
    req: IncomingMessage,
    query: URLSearchParams,
    rawBody: Buffer,
  ): Promise<{ args: ApiArgs } | { outcome: ApiOutcome }> {
    const fromQuery: Record<string, unknown> = Object.fromEntries(query);
    const contentType = mediaType(req.headers['content-type']);
    const text = rawBody.toString('utf8');
    if (contentType === 'application/json' && text.trim() !== '') {
      const parsed = tryParseJson(text);
      if (!parsed.ok || !isObject(parsed.value)) {
        return { outcome: { status: 200, body: failure('invalid_json'), headers: {} } };
      }
      return { args: decodeArguments({ ...fromQuery, ...parsed.value }) };
    }
    // Slack takes every method's arguments as multipart form data too (`curl -F`).
    if (contentType === 'multipart/form-data') {
      const multipart = await parseMultipart(req.headers['content-type'] ?? '', rawBody);
      if (!multipart) return { outcome: { status: 200, body: failure('invalid_form_data'), headers: {} } };
      return { args: decodeArguments({ ...fromQuery, ...multipart.fields }) };
    }
    return { args: decodeArguments({ ...fromQuery, ...parseForm(text) }) };
  }

  private call(method: string, args: ApiArgs, authorization: string | undefined): ApiOutcome {
    const ok = (body: JsonObject, status = 200, headers: Record<string, string> = {}) => ({
      status,
      body,
      headers,
    });
    const handler = API_METHODS[method];
    if (!handler) return ok(failure('unknown_method'));

    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' && args.token !== '' ? args.token : undefined);
    if (!token) return ok(failure('not_authed'));
    // An app-level token opens Socket Mode connections and does nothing else; a bot token cannot.
    const isAppToken = token === this.tokens.app;
    if (!isAppToken && token !== this.tokens.bot) return ok(failure('invalid_auth'));
    if (isAppToken !== APP_TOKEN_METHODS.has(method)) return ok(failure('not_allowed_token_type'));

    const injected = this.takeInjectedFailure(method);
    if (injected) {
      const headers: Record<string, string> =
        injected.status === 429 ? { 'retry-after': String(injected.retryAfter) } : {};
      return ok(failure(injected.error), injected.status, headers);
    }

    const channel = typeof args.channel === 'string' ? args.channel : undefined;
    const retryAfter = this.rateLimiter.take(method, channel);
    if (retryAfter !== undefined)
      return ok(failure('ratelimited'), 429, { 'retry-after': String(retryAfter) });

    try {
      return ok(handler(args, this.ctx));
    } catch (error) {
      if (error instanceof SlackApiError) return ok(failure(error.code, error.messages));
      // A bug in the emulator must be visible, not look like a Slack error the app should handle.
      const message = error instanceof Error ? error.message : String(error);
      return ok(failure('internal_error', [`[emulator] ${message}`]), 500);
    }
  }

  private takeInjectedFailure(method: string): Required<InjectedFailure> | undefined {
    for (const key of [method, '*']) {
      const queued = this.failures.get(key);
      const next = queued?.[0];
      if (!queued || !next) continue;
      next.times -= 1;
      if (next.times <= 0) queued.shift();
      return next;
    }
    return undefined;
  }
}
