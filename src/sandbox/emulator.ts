/**
 * The local Slack workspace: an HTTP server that plays Slack's side for the Web API and
 * `response_url`s, and a programmatic API that plays the people, delivering their actions to
 * the app's request URL signed as Slack signs them.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackApiError } from './api-error';
import {
  AppDelivery,
  type DeliverOptions,
  type DeliveryKind,
  type DeliveryResult,
  SLACK_ACK_TIMEOUT_MS,
} from './delivery';
import { readBody, sendJson } from './http-util';
import { randomHex } from './ids';
import { clone, isObject, tryParseJson } from './json';
import { applyMessageResponse } from './message-responses';
import type { AppIdentity } from './payloads';
import { RateLimiter, type RateLimitTable } from './rate-limiter';
import { ResponseUrls } from './response-urls';
import type {
  ChangeEvent,
  EphemeralMessage,
  SandboxChannel,
  SandboxUser,
  SlackMessage,
  SlackView,
} from './types';
import { type SessionHost, UserSession } from './user-session';
import { ViewsState } from './views-state';
import { type ApiCallRecord, type InjectedFailure, WebApi } from './web-api';
import { type AddChannelInput, type AddUserInput, WorkspaceState } from './workspace-state';

export interface SlackEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  signingSecret?: string;
  botToken?: string;
  /** The app's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  appUrl?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  botName?: string;
  /** The time Slack's side lives by (trigger expiry, rate limits, timestamps). Default `Date.now`. */
  clock?: () => number;
  /** How long Slack waits for the app to acknowledge. Default 3000 ms, as Slack. */
  deliveryTimeoutMs?: number;
}

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What is being waited for, for the timeout error. */
  description?: string;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

type EmulatorEvents = {
  /** Every new, updated or deleted message, ephemeral message, view, Home tab, user, channel. */
  change: [ChangeEvent];
  /** Every Web API call and `response_url` use, once answered. */
  call: [ApiCallRecord];
};

export class SlackEmulator extends EventEmitter<EmulatorEvents> {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly verificationToken: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;

  private readonly clock: () => number;
  private readonly listenHost: string;
  private readonly listenPort: number;
  private readonly identity: AppIdentity;
  private readonly workspace: WorkspaceState;
  private readonly views: ViewsState;
  private readonly responseUrls: ResponseUrls;
  private readonly rateLimiter: RateLimiter;
  private readonly webApi: WebApi;
  private readonly delivery: AppDelivery;
  private readonly sessionHost: SessionHost;
  private server: Server | undefined;
  private boundPort: number | undefined;

  constructor(opts: SlackEmulatorOptions = {}) {
    super();
    this.clock = opts.clock ?? Date.now;
    this.listenHost = opts.host ?? '127.0.0.1';
    this.listenPort = opts.port ?? 0;
    this.botToken = opts.botToken ?? `xoxb-sandbox-${randomHex(12)}`;
    this.signingSecret = opts.signingSecret ?? randomHex(16);
    this.verificationToken = randomHex(12);
    const teamName = opts.teamName ?? 'Sandbox';
    this.identity = {
      teamId: opts.teamId ?? 'T0SANDBOX',
      teamName,
      teamDomain: opts.teamDomain ?? (teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'sandbox'),
      appId: opts.appId ?? 'A0SANDBOX',
      botId: opts.botId ?? 'B0SANDBOX',
      botUserId: opts.botUserId ?? 'U0SANDBOXBOT',
      botName: opts.botName ?? 'sandbox-app',
      verificationToken: this.verificationToken,
    };
    ({
      teamId: this.teamId,
      appId: this.appId,
      botId: this.botId,
      botUserId: this.botUserId,
    } = this.identity);
    this.teamName = teamName;

    const emitChange = (event: ChangeEvent) => this.emit('change', event);
    this.workspace = new WorkspaceState(this.identity, this.clock, emitChange);
    this.views = new ViewsState(this.identity, this.clock, emitChange);
    this.responseUrls = new ResponseUrls(this.clock);
    this.rateLimiter = new RateLimiter(this.clock);
    this.webApi = new WebApi(
      { workspace: this.workspace, views: this.views, baseUrl: () => this.url, clock: this.clock },
      this.botToken,
      this.rateLimiter,
      (record) => this.emit('call', record),
    );
    this.delivery = new AppDelivery(
      this.signingSecret,
      this.clock,
      opts.deliveryTimeoutMs ?? SLACK_ACK_TIMEOUT_MS,
      opts.appUrl,
    );
    this.sessionHost = {
      identity: this.identity,
      workspace: this.workspace,
      views: this.views,
      responseUrls: this.responseUrls,
      responseUrl: (id) => `${this.url}/response/${id}`,
      clock: this.clock,
      deliver: (kind, rawBody, options) => this.deliver(kind, rawBody, options),
    };
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: message });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, this.listenHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** `http://127.0.0.1:<port>`, once started. */
  get url(): string {
    if (this.boundPort === undefined)
      throw new Error('SlackEmulator is not started: await emu.start() first');
    const host = this.listenHost.includes(':') ? `[${this.listenHost}]` : this.listenHost;
    return `http://${host}:${this.boundPort}`;
  }

  /** The WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get appUrl(): string | undefined {
    return this.delivery.appUrl;
  }

  setAppUrl(url: string): void {
    this.delivery.appUrl = url;
  }

  // ---- HTTP routes --------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const body = await readBody(req);
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (api?.[1] && (req.method === 'POST' || req.method === 'GET')) {
      await this.webApi.handle(req, res, api[1], url.searchParams, body);
      return;
    }
    const response = /^\/response\/([a-f0-9]+)$/.exec(url.pathname);
    if (response?.[1] && req.method === 'POST') {
      this.handleResponseUrl(res, response[1], body);
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, emulator: 'slack', team_id: this.teamId });
      return;
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private handleResponseUrl(res: ServerResponse, id: string, rawBody: string): void {
    const answer = (
      status: number,
      body: { ok: boolean; error?: string },
      args: Record<string, unknown> = {},
    ) => {
      const record: ApiCallRecord = { method: 'response_url', args, at: this.clock(), status, ok: body.ok };
      if (body.error) record.error = body.error;
      this.webApi.recordCall(record);
      sendJson(res, status, body);
    };
    const parsed = tryParseJson(rawBody);
    const payload = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
    const used = this.responseUrls.use(id);
    if ('error' in used) {
      answer(404, { ok: false, error: used.error }, payload ?? {});
      return;
    }
    if (!payload) {
      answer(400, { ok: false, error: 'invalid_payload' });
      return;
    }
    try {
      applyMessageResponse(this.workspace, used.target, payload, 'response_url');
      answer(200, { ok: true }, payload);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer(400, { ok: false, error: error.code }, payload);
    }
  }

  // ---- the workspace ------------------------------------------------------------------------

  addUser(input: AddUserInput): SandboxUser {
    return this.workspace.addUser(input);
  }

  addChannel(input: AddChannelInput): SandboxChannel {
    return this.workspace.addChannel(input);
  }

  joinChannel(channelId: string, userId: string): SandboxChannel {
    return this.workspace.joinChannel(channelId, userId);
  }

  user(id: string): SandboxUser | undefined {
    return this.workspace.user(id);
  }

  users(): SandboxUser[] {
    return this.workspace.listUsers();
  }

  /** A conversation by id or name, or a person's DM with the app by their user id. */
  channel(ref: string): SandboxChannel | undefined {
    const id = this.conversationId(ref);
    return this.workspace.channel(id);
  }

  channels(): SandboxChannel[] {
    return this.workspace.listChannels();
  }

  get generalChannelId(): string {
    return this.workspace.generalChannelId;
  }

  private conversationId(ref: string): string {
    if (this.workspace.channel(ref)) return ref;
    if (/^[UW]/.test(ref) && this.workspace.user(ref)) return this.workspace.dmIdOf(ref);
    return this.workspace.channelByName(ref)?.id ?? ref;
  }

  /** History of a conversation (id, name, or a user id for their DM with the app), oldest first. */
  messages(channelRef: string): SlackMessage[] {
    return this.workspace.messages(this.conversationId(channelRef));
  }

  /** The id of the app's DM with this person (stable: `D` + the rest of the user id). */
  dmChannelOf(userId: string): string {
    return this.workspace.openDm(userId).id;
  }

  ephemerals(userId: string): EphemeralMessage[] {
    return this.workspace.ephemerals(userId);
  }

  home(userId: string): SlackView | undefined {
    return this.views.home(userId);
  }

  /** The person's modal stack, bottom first; the last one is what they see. */
  openViews(userId: string): SlackView[] {
    return this.views.modalStack(userId);
  }

  /** Field errors shown in the person's top modal, by block_id. */
  viewErrors(userId: string): Record<string, string> {
    const top = this.views.topModal(userId);
    return top ? this.views.errors(top.id) : {};
  }

  /** A fresh trigger for this person, for calling views.open directly in tests. */
  createTriggerId(userId: string): string {
    if (!this.workspace.user(userId)) throw new Error(`No user ${userId}`);
    return this.views.issueTrigger(userId);
  }

  as(userId: string): UserSession {
    return new UserSession(this.sessionHost, userId);
  }

  // ---- the Web API's behaviour ----------------------------------------------------------------

  get calls(): readonly ApiCallRecord[] {
    return this.webApi.calls;
  }

  callsTo(method: string): ApiCallRecord[] {
    return this.webApi.calls.filter((c) => c.method === method).map((c) => clone(c));
  }

  clearCalls(): void {
    this.webApi.calls.length = 0;
  }

  /** Turns on Slack's rate limits; `overrides` replace the rules of the methods they name. */
  enableRateLimits(overrides?: RateLimitTable): void {
    this.rateLimiter.enable(overrides);
  }

  disableRateLimits(): void {
    this.rateLimiter.disable();
  }

  /** The next `times` calls of `method` (`*` for any) fail as described. */
  injectFailure(method: string, failure: InjectedFailure = {}): void {
    this.webApi.injectFailure(method, failure);
  }

  clearFailures(): void {
    this.webApi.clearFailures();
  }

  // ---- delivering to the app ----------------------------------------------------------------

  /**
   * Sends a raw body to the app as Slack would, signed unless told otherwise: for tests of
   * signature checks, stale timestamps and hand-made payloads.
   */
  deliver(kind: DeliveryKind, rawBody: string, opts: DeliverOptions = {}): Promise<DeliveryResult> {
    return this.delivery.deliver(kind, rawBody, opts);
  }

  /** Polls until `condition` returns something truthy, and returns it. */
  async waitFor<T>(condition: () => T | Promise<T>, opts: WaitForOptions = {}): Promise<Truthy<T>> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const intervalMs = opts.intervalMs ?? 20;
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await condition();
        if (value) return value as Truthy<T>;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        const what = opts.description ?? condition.toString();
        const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
        throw new Error(`waitFor timed out after ${timeoutMs} ms: ${what}${cause}`);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
