/**
 * The Slack emulator, driven as the app drives it: a real @slack/web-api WebClient for the Web
 * API, and a small node:http server standing in for the app that checks Slack's signature
 * itself and records what it was sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { computeSlackSignature, type DeliveryResult, SlackEmulator } from '../src';

const SECRET = 'test-signing-secret';

type JsonObject = Record<string, unknown>;
type Kind = 'command' | 'interaction' | 'event';

interface Received {
  kind: Kind;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The command's form fields, the interaction's `payload`, or the event envelope. */
  payload: JsonObject;
}

interface Reply {
  status?: number;
  body?: string | JsonObject;
  delayMs?: number;
}

/** Stands in for the app: verifies signatures as Bolt does, records, answers as told. */
class FakeApp {
  received: Received[] = [];
  rejected = 0;
  handler: (r: Received) => Reply | Promise<Reply> = () => ({});
  private readonly server: Server;
  url = '';

  constructor(private readonly secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        if (!this.verify(req.headers, rawBody)) {
          this.rejected += 1;
          res.writeHead(401).end();
          return;
        }
        const received = this.parse(req.headers, rawBody);
        this.received.push(received);
        const reply = await this.handler(received);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        const body = typeof reply.body === 'object' ? JSON.stringify(reply.body) : (reply.body ?? '');
        res.writeHead(
          reply.status ?? 200,
          typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {},
        );
        res.end(body);
      });
    });
  }

  private verify(headers: IncomingHttpHeaders, rawBody: string): boolean {
    const timestamp = Number(headers['x-slack-request-timestamp']);
    const signature = headers['x-slack-signature'];
    if (!Number.isFinite(timestamp) || typeof signature !== 'string') return false;
    if (Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
    const expected = `v0=${createHmac('sha256', this.secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
    return (
      expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
    );
  }

  private parse(headers: IncomingHttpHeaders, rawBody: string): Received {
    if (headers['content-type'] === 'application/json') {
      return { kind: 'event', headers, rawBody, payload: JSON.parse(rawBody) as JsonObject };
    }
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    if (typeof form.payload === 'string') {
      return { kind: 'interaction', headers, rawBody, payload: JSON.parse(form.payload) as JsonObject };
    }
    return { kind: 'command', headers, rawBody, payload: form };
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  reset(): void {
    this.received = [];
    this.rejected = 0;
    this.handler = () => ({});
  }

  last(kind: Kind): Received {
    const found = [...this.received].reverse().find((r) => r.kind === kind);
    if (!found) throw new Error(`The app received no ${kind}`);
    return found;
  }
}

const pt = (text: string) => ({ type: 'plain_text' as const, text });
const opt = (text: string, value: string) => ({ text: pt(text), value });

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`No item ${index} in a list of ${list.length}`);
  return item;
}

function asObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null) throw new Error(`Not an object: ${String(value)}`);
  return value as JsonObject;
}

const app = new FakeApp(SECRET);
let now = Date.now();
let emu: SlackEmulator;
let client: WebClient;
let announceId: string;

/** Error responses are what these tests are about; the WebClient need not print them. */
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function webClient(token: string | undefined, extra: ConstructorParameters<typeof WebClient>[1] = {}) {
  return new WebClient(token, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    ...extra,
  });
}

beforeAll(async () => {
  await app.start();
});

afterAll(async () => {
  await app.stop();
});

beforeEach(async () => {
  app.reset();
  now = Date.now();
  emu = new SlackEmulator({
    signingSecret: SECRET,
    appUrl: app.url,
    clock: () => now,
    teamName: 'Acme Office',
  });
  await emu.start();
  client = webClient(emu.botToken);
  emu.addUser({
    id: 'U0ALICE',
    name: 'alice',
    realName: 'Alice Chen',
    email: 'Alice@example.org',
    tz: 'Asia/Taipei',
    locale: 'zh-TW',
  });
  emu.addUser({ id: 'U0BOB', name: 'bob', realName: 'Bob Lin', email: 'bob@example.org' });
  announceId = emu.addChannel({
    id: 'C0ANNOUNCE',
    name: 'announcements',
    members: ['U0ALICE', emu.botUserId],
  }).id;
});

afterEach(async () => {
  await emu.stop();
});

describe('Web API: auth and call log', () => {
  it('answers not_authed without a token and invalid_auth with a wrong one', async () => {
    await expect(webClient(undefined).auth.test()).rejects.toMatchObject({
      data: { ok: false, error: 'not_authed' },
    });
    await expect(webClient('xoxb-wrong').auth.test()).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_auth' },
    });
  });

  it('accepts the token as a form parameter too, and describes the bot in auth.test', async () => {
    const res = await fetch(`${emu.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: emu.botToken }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      url: `${emu.url}/`,
      team: 'Acme Office',
      user: 'sandbox-app',
      team_id: emu.teamId,
      user_id: emu.botUserId,
      bot_id: emu.botId,
      is_enterprise_install: false,
    });
  });

  it('answers unknown_method and invalid_arguments', async () => {
    await expect(client.apiCall('chat.fly', {})).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(client.users.info({} as { user: string })).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] missing required field: user'] },
      },
    });
  });

  it('logs every call with decoded arguments, without the token, and its outcome', async () => {
    await client.chat.postMessage({
      channel: announceId,
      text: 'hi',
      blocks: [{ type: 'section', text: pt('hi') }],
    });
    await expect(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toThrow();
    const calls = emu.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    const first = at(calls, 0);
    expect(first.ok).toBe(true);
    expect(first.args.token).toBeUndefined();
    expect(first.args.blocks).toEqual([{ type: 'section', text: pt('hi') }]);
    expect(first.at).toBe(now);
    expect(at(calls, 1)).toMatchObject({ ok: false, error: 'channel_not_found', status: 200 });
    expect(emu.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
  });
});

describe('Web API: chat', () => {
  it('posts to a channel with Slack’s response shape and keeps thread_ts', async () => {
    const res = await client.chat.postMessage({
      channel: announceId,
      text: 'Leave approved',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Approved*' } }],
    });
    expect(res).toMatchObject({
      ok: true,
      channel: announceId,
      message: {
        type: 'message',
        user: emu.botUserId,
        bot_id: emu.botId,
        app_id: emu.appId,
        text: 'Leave approved',
      },
    });
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    // Slack fills in block ids the app left out.
    expect(res.message?.blocks?.[0]?.block_id).toEqual(expect.any(String));

    const reply = await client.chat.postMessage({ channel: announceId, text: 'details', thread_ts: res.ts });
    expect(reply.message?.thread_ts).toBe(res.ts);
    const history = emu.messages(announceId);
    expect(history.map((m) => m.text)).toEqual(['Leave approved', 'details']);
    expect(at(history, 0)).toMatchObject({ reply_count: 1, thread_ts: res.ts });
  });

  it('posts to a user id in the app’s DM with them', async () => {
    const res = await client.chat.postMessage({ channel: 'U0ALICE', text: 'Your request was approved' });
    expect(res.channel).toBe('D0ALICE');
    expect(emu.dmChannelOf('U0ALICE')).toBe('D0ALICE');
    expect(emu.messages('D0ALICE').map((m) => m.text)).toEqual(['Your request was approved']);
  });

  it('refuses messages without content, to unknown channels, and where the bot is not a member', async () => {
    await expect(client.chat.postMessage({ channel: announceId, text: '' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
    await expect(client.chat.postMessage({ channel: 'C0MISSING', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    const secret = emu.addChannel({ name: 'secret', isPrivate: true, members: ['U0ALICE'] });
    await expect(client.chat.postMessage({ channel: secret.id, text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.chat.postMessage({ channel: emu.generalChannelId, text: 'x' })).rejects.toMatchObject(
      {
        data: { error: 'not_in_channel' },
      },
    );
  });

  it('rejects Block Kit over Slack’s limits with invalid_blocks', async () => {
    const button = { type: 'button' as const, text: pt('x'.repeat(76)), action_id: 'a' };
    await expect(
      client.chat.postMessage({
        channel: announceId,
        text: 'x',
        blocks: [{ type: 'actions', elements: [button] }],
      }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_blocks',
        response_metadata: {
          messages: ['[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
        },
      },
    });
  });

  it('updates and deletes the bot’s messages, and refuses others’', async () => {
    const posted = await client.chat.postMessage({ channel: announceId, text: 'draft' });
    const ts = posted.ts ?? '';
    const updated = await client.chat.update({ channel: announceId, ts, text: 'final' });
    expect(updated).toMatchObject({ ok: true, channel: announceId, ts, text: 'final' });
    expect(emu.messages(announceId).map((m) => m.text)).toEqual(['final']);

    await expect(
      client.chat.update({ channel: announceId, ts: '1.000001', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    const { message } = await emu.as('U0ALICE').sendMessage(announceId, 'from alice');
    await expect(
      client.chat.update({ channel: announceId, ts: message.ts, text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });
    await expect(client.chat.delete({ channel: announceId, ts: message.ts })).rejects.toMatchObject({
      data: { error: 'cant_delete_message' },
    });

    expect(await client.chat.delete({ channel: announceId, ts })).toMatchObject({
      ok: true,
      channel: announceId,
      ts,
    });
    expect(emu.messages(announceId).map((m) => m.text)).toEqual(['from alice']);
  });

  it('posts ephemeral messages to members only', async () => {
    const res = await client.chat.postEphemeral({ channel: announceId, user: 'U0ALICE', text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(emu.ephemerals('U0ALICE')).toEqual([
      expect.objectContaining({
        ts: res.message_ts,
        channel: announceId,
        text: 'only you',
        from: emu.botUserId,
      }),
    ]);
    expect(emu.messages(announceId)).toEqual([]);
    await expect(
      client.chat.postEphemeral({ channel: announceId, user: 'U0BOB', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'user_not_in_channel' },
    });
    await expect(
      client.chat.postEphemeral({ channel: announceId, user: 'U0NOBODY', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('gives permalinks to existing messages', async () => {
    const posted = await client.chat.postMessage({ channel: announceId, text: 'x' });
    const res = await client.chat.getPermalink({ channel: announceId, message_ts: posted.ts ?? '' });
    expect(res.permalink).toBe(`${emu.url}/archives/${announceId}/p${(posted.ts ?? '').replace('.', '')}`);
    await expect(
      client.chat.getPermalink({ channel: announceId, message_ts: '1.000002' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });
});

describe('Web API: conversations and users', () => {
  it('opens a stable DM per user', async () => {
    const first = await client.conversations.open({ users: 'U0BOB' });
    expect(first).toMatchObject({ ok: true, channel: { id: 'D0BOB' } });
    expect(first.already_open).toBeUndefined();
    const again = await client.conversations.open({ users: 'U0BOB', return_im: true });
    expect(again).toMatchObject({
      ok: true,
      already_open: true,
      channel: { id: 'D0BOB', is_im: true, user: 'U0BOB' },
    });
    await expect(client.conversations.open({ users: 'U0GHOST' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('pages through members with cursors', async () => {
    for (const n of [1, 2, 3]) emu.addUser({ id: `U0EXTRA${n}`, name: `extra${n}` });
    const general = emu.generalChannelId;
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const res = await client.conversations.members({ channel: general, limit: 2, cursor });
      pages.push(res.members ?? []);
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages).toEqual([['U0ALICE', 'U0BOB'], ['U0EXTRA1', 'U0EXTRA2'], ['U0EXTRA3']]);
    await expect(client.conversations.members({ channel: general, cursor: 'bogus' })).rejects.toMatchObject({
      data: { error: 'invalid_cursor' },
    });
  });

  it('joins public channels, describes them, and lists what the bot can see', async () => {
    const general = emu.generalChannelId;
    expect((await client.conversations.info({ channel: general })).channel).toMatchObject({
      id: general,
      name: 'general',
      is_general: true,
      is_member: false,
    });
    const joined = await client.conversations.join({ channel: general });
    expect(joined.channel).toMatchObject({ id: general, is_member: true });
    await client.chat.postMessage({ channel: general, text: 'hello all' });
    expect(emu.messages('general').map((m) => m.text)).toEqual(['hello all']);

    const hidden = emu.addChannel({ name: 'hr-private', isPrivate: true, members: ['U0BOB'] });
    await expect(client.conversations.info({ channel: hidden.id })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    const listed = await client.conversations.list({ types: 'public_channel,private_channel' });
    expect(listed.channels?.map((c) => c.name).sort()).toEqual(['announcements', 'general']);
  });

  it('describes users with locale, time zone and email', async () => {
    const res = await client.users.info({ user: 'U0ALICE', include_locale: true });
    expect(res.user).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
      real_name: 'Alice Chen',
      tz: 'Asia/Taipei',
      tz_offset: 8 * 3600,
      locale: 'zh-TW',
      is_bot: false,
      profile: { email: 'Alice@example.org', real_name: 'Alice Chen', display_name: '' },
    });
    const withoutLocale = await client.users.info({ user: 'U0BOB' });
    expect(withoutLocale.user?.locale).toBeUndefined();
    expect(withoutLocale.user).toMatchObject({ tz: 'UTC', tz_offset: 0 });
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('keeps a profile title, which a person may change, and announces the change', async () => {
    const changes: string[] = [];
    const listener = (event: { type: string; action: string }) =>
      changes.push(`${event.type}:${event.action}`);
    emu.on('change', listener);
    try {
      emu.setUserTitle('U0BOB', 'Head of Finance');
      emu.setUserTitle('U0BOB', 'Head of Finance'); // unchanged: no change to announce
    } finally {
      emu.off('change', listener);
    }
    expect(changes).toEqual(['user:updated']);
    const res = await client.users.info({ user: 'U0BOB' });
    expect(res.user?.profile?.title).toBe('Head of Finance');
    // A workspace saved before titles existed comes back with empty ones.
    const saved = emu.snapshot();
    const old = { ...saved, users: saved.users.map(({ title: _title, ...user }) => user) };
    const restored = new SlackEmulator({ port: 0 });
    restored.restore(old as never);
    expect(restored.user('U0BOB')?.title).toBe('');
  });

  it('looks users up by email, case-insensitively, and lists them', async () => {
    expect((await client.users.lookupByEmail({ email: 'alice@EXAMPLE.org' })).user?.id).toBe('U0ALICE');
    await expect(client.users.lookupByEmail({ email: 'nobody@example.org' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
    const list = await client.users.list({});
    expect(list.members?.map((m) => m.id)).toEqual([emu.botUserId, 'U0ALICE', 'U0BOB']);
  });
});

const simpleModal = (title = 'Request', extra: JsonObject = {}) => ({
  type: 'modal',
  title: pt(title),
  submit: pt('Send'),
  blocks: [
    {
      type: 'input',
      block_id: 'reason',
      label: pt('Reason'),
      element: { type: 'plain_text_input', action_id: 'r' },
    },
  ],
  ...extra,
});

describe('Web API: views', () => {
  it('opens a modal with a fresh trigger and refuses a reused, unknown or expired one', async () => {
    const trigger = emu.createTriggerId('U0ALICE');
    const res = await client.views.open({ trigger_id: trigger, view: simpleModal() as never });
    expect(res.view).toMatchObject({
      id: expect.stringMatching(/^V[A-Z0-9]+$/),
      hash: expect.any(String),
      type: 'modal',
      state: { values: {} },
      private_metadata: '',
      callback_id: '',
      team_id: emu.teamId,
      app_id: emu.appId,
      bot_id: emu.botId,
      previous_view_id: null,
    });
    expect(res.view?.root_view_id).toBe(res.view?.id);
    expect(emu.openViews('U0ALICE').map((v) => v.id)).toEqual([res.view?.id]);

    await expect(
      client.views.open({ trigger_id: trigger, view: simpleModal() as never }),
    ).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    await expect(
      client.views.open({ trigger_id: '1.2.abc', view: simpleModal() as never }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const late = emu.createTriggerId('U0ALICE');
    now += 3001;
    await expect(client.views.open({ trigger_id: late, view: simpleModal() as never })).rejects.toMatchObject(
      {
        data: { error: 'expired_trigger_id' },
      },
    );
  });

  it('rejects an invalid view without spending the trigger', async () => {
    const trigger = emu.createTriggerId('U0BOB');
    await expect(
      client.views.open({ trigger_id: trigger, view: simpleModal('A title that is far too long') as never }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: {
          messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
        },
      },
    });
    await expect(
      client.views.open({ trigger_id: trigger, view: simpleModal() as never }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('pushes up to three modals, and updates by id or external_id with hash checks', async () => {
    const root = await client.views.open({
      trigger_id: emu.createTriggerId('U0ALICE'),
      view: simpleModal('One') as never,
    });
    const second = await client.views.push({
      trigger_id: emu.createTriggerId('U0ALICE'),
      view: simpleModal('Two', { external_id: 'ext-2' }) as never,
    });
    expect(second.view).toMatchObject({ previous_view_id: root.view?.id, root_view_id: root.view?.id });
    await client.views.push({
      trigger_id: emu.createTriggerId('U0ALICE'),
      view: simpleModal('Three') as never,
    });
    await expect(
      client.views.push({ trigger_id: emu.createTriggerId('U0ALICE'), view: simpleModal('Four') as never }),
    ).rejects.toMatchObject({ data: { error: 'push_limit_reached' } });
    expect(emu.openViews('U0ALICE').map((v) => v.title?.text)).toEqual(['One', 'Two', 'Three']);

    const rootId = root.view?.id ?? '';
    const byId = await client.views.update({
      view_id: rootId,
      hash: root.view?.hash,
      view: simpleModal('One, edited') as never,
    });
    expect(byId.view).toMatchObject({ id: root.view?.id, title: pt('One, edited') });
    expect(byId.view?.hash).not.toBe(root.view?.hash);
    await expect(
      client.views.update({
        view_id: rootId,
        hash: root.view?.hash,
        view: simpleModal('Stale') as never,
      }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    const byExternal = await client.views.update({
      external_id: 'ext-2',
      view: simpleModal('Two, edited') as never,
    });
    expect(byExternal.view?.id).toBe(second.view?.id);
    await expect(
      client.views.update({ view_id: 'VNOPE', view: simpleModal() as never }),
    ).rejects.toMatchObject({
      data: { error: 'not_found' },
    });
  });

  it('publishes a Home tab per user', async () => {
    const home = { type: 'home', blocks: [{ type: 'section', text: pt('Welcome Alice') }] };
    const first = await client.views.publish({ user_id: 'U0ALICE', view: home as never });
    expect(emu.home('U0ALICE')?.blocks).toEqual([
      expect.objectContaining({ type: 'section', text: pt('Welcome Alice') }),
    ]);
    expect(emu.home('U0BOB')).toBeUndefined();
    const second = await client.views.publish({
      user_id: 'U0ALICE',
      view: home as never,
      hash: first.view?.hash,
    });
    expect(second.view?.id).toBe(first.view?.id);
    await expect(
      client.views.publish({ user_id: 'U0ALICE', view: home as never, hash: first.view?.hash }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
  });
});

describe('Web API: rate limits and injected failures', () => {
  it('is not rate limited unless asked', async () => {
    const posted = await client.chat.postMessage({ channel: announceId, text: 'v0' });
    for (let i = 1; i <= 60; i += 1)
      await client.chat.update({ channel: announceId, ts: posted.ts ?? '', text: `v${i}` });
    expect(emu.callsTo('chat.update').every((c) => c.ok)).toBe(true);
  });

  it('answers 429 with Retry-After once a method is over its limit', async () => {
    emu.enableRateLimits({ 'chat.update': { limit: 2, windowMs: 10_000 } });
    const posted = await client.chat.postMessage({ channel: announceId, text: 'v0' });
    const update = (text: string) =>
      fetch(`${emu.apiUrl}chat.update`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emu.botToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: announceId, ts: posted.ts, text }),
      });
    expect((await update('v1')).status).toBe(200);
    now += 4000;
    expect((await update('v2')).status).toBe(200);
    const limited = await update('v3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(emu.messages(announceId).map((m) => m.text)).toEqual(['v2']);
    now += 6001;
    expect((await update('v4')).status).toBe(200);

    // The window now holds v2 (at +4 s) and v4 (at +10 s): the next call waits until v2 ages out.
    const strict = webClient(emu.botToken, { rejectRateLimitedCalls: true });
    await expect(
      strict.chat.update({ channel: announceId, ts: posted.ts ?? '', text: 'v5' }),
    ).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 4,
    });
  });

  it('limits chat.postMessage per channel by default', async () => {
    emu.enableRateLimits();
    const strict = webClient(emu.botToken, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 3; i += 1) await strict.chat.postMessage({ channel: announceId, text: `burst ${i}` });
    await expect(
      strict.chat.postMessage({ channel: announceId, text: 'one too many' }),
    ).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    await expect(
      strict.chat.postMessage({ channel: 'U0BOB', text: 'another channel' }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('fails the next calls as injected', async () => {
    emu.injectFailure('chat.postMessage', { error: 'fatal_error', times: 2 });
    emu.injectFailure('users.info', { status: 503 });
    emu.injectFailure('conversations.open', { status: 429, retryAfter: 7 });
    for (let i = 0; i < 2; i += 1) {
      await expect(client.chat.postMessage({ channel: announceId, text: 'x' })).rejects.toMatchObject({
        data: { error: 'fatal_error' },
      });
    }
    await expect(client.chat.postMessage({ channel: announceId, text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    await expect(client.users.info({ user: 'U0BOB' })).rejects.toMatchObject({ statusCode: 503 });
    await expect(client.users.info({ user: 'U0BOB' })).resolves.toMatchObject({ ok: true });
    const strict = webClient(emu.botToken, { rejectRateLimitedCalls: true });
    await expect(strict.conversations.open({ users: 'U0BOB' })).rejects.toMatchObject({ retryAfter: 7 });
    expect(emu.callsTo('conversations.open')).toEqual([
      expect.objectContaining({ status: 429, error: 'ratelimited' }),
    ]);
  });
});

describe('Delivering to the app: signing', () => {
  it('computes Slack’s documented signature', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(computeSlackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('signs deliveries so the app’s own check accepts them, and lets tests break the signature', async () => {
    const body = 'command=%2Foa&text=help';
    const good = await emu.deliver('command', body);
    expect(good.status).toBe(200);
    expect(app.last('command').headers['content-type']).toBe('application/x-www-form-urlencoded');

    const results: DeliveryResult[] = [
      await emu.deliver('command', body, { signature: 'v0=deadbeef' }),
      await emu.deliver('command', body, { signature: null }),
      await emu.deliver('command', body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
    ];
    expect(results.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(app.rejected).toBe(3);
    expect(app.received).toHaveLength(1);
  });
});

describe('Delivering to the app: slash commands and response_url', () => {
  it('sends the command form and shows a synchronous answer as an ephemeral message', async () => {
    app.handler = () => ({ body: 'Here is some help' });
    const result = await emu.as('U0ALICE').command('/oa', 'help me');
    expect(result.status).toBe(200);
    expect(app.last('command').payload).toEqual({
      token: emu.verificationToken,
      team_id: emu.teamId,
      team_domain: 'acme-office',
      channel_id: 'D0ALICE',
      channel_name: 'directmessage',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/oa',
      text: 'help me',
      api_app_id: emu.appId,
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl.startsWith(`${emu.url}/response/`)).toBe(true);
    expect(result.ephemeral).toMatchObject({
      user: 'U0ALICE',
      channel: 'D0ALICE',
      text: 'Here is some help',
    });
    expect(emu.ephemerals('U0ALICE').map((e) => e.text)).toEqual(['Here is some help']);
  });

  it('shows a JSON message in the acknowledgement to the invoker only, blocks and buttons included', async () => {
    app.handler = () => ({
      body: {
        response_type: 'ephemeral',
        text: 'Help',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: '`/oa whoami` shows your profile' } },
          { type: 'actions', elements: [{ type: 'button', text: pt('Register'), action_id: 'register' }] },
        ],
      },
    });
    const inChannelBefore = emu.messages(announceId).length;
    const result = await emu.as('U0ALICE').command('/oa', 'help', { channel: announceId });
    expect(result.message).toBeUndefined();
    expect(result.ephemeral).toMatchObject({
      user: 'U0ALICE',
      channel: announceId,
      text: 'Help',
      source: 'command_response',
      blocks: [{ type: 'section', text: { text: '`/oa whoami` shows your profile' } }, { type: 'actions' }],
    });
    expect(emu.messages(announceId)).toHaveLength(inChannelBefore);
    expect(emu.ephemerals('U0BOB').some((e) => e.text === 'Help')).toBe(false);

    // Its button works like one in any ephemeral message: block_actions with a response_url.
    app.handler = () => ({});
    const click = await emu.as('U0ALICE').clickButton({ label: 'Register' });
    expect(click.status).toBe(200);
    expect(app.last('interaction').payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE' },
      container: { type: 'message', is_ephemeral: true },
      actions: [{ action_id: 'register' }],
    });
    expect(click.responseUrl).toBeDefined();
  });

  it('posts an in_channel answer publicly and reports app failures as Slack does', async () => {
    app.handler = () => ({ body: { response_type: 'in_channel', text: 'Announcement sent' } });
    const inChannel = await emu.as('U0ALICE').command('/oa', 'announce', { channel: announceId });
    expect(inChannel.message?.text).toBe('Announcement sent');
    expect(emu.messages(announceId).map((m) => m.text)).toEqual(['Announcement sent']);

    app.handler = () => ({ status: 500 });
    const failed = await emu.as('U0ALICE').command('/oa');
    expect(failed.ephemeral).toMatchObject({
      from: 'USLACKBOT',
      text: '/oa failed with the error "dispatch_failed"',
    });
  });

  it('gives up after the ack deadline with operation_timeout', async () => {
    const impatient = new SlackEmulator({ signingSecret: SECRET, appUrl: app.url, deliveryTimeoutMs: 100 });
    await impatient.start();
    try {
      impatient.addUser({ id: 'U0CAROL', name: 'carol' });
      app.handler = () => ({ delayMs: 400 });
      const result = await impatient.as('U0CAROL').command('/oa');
      expect(result).toMatchObject({ status: 0, error: 'timeout' });
      expect(result.ephemeral?.text).toBe('/oa failed with the error "operation_timeout"');
    } finally {
      await impatient.stop();
    }
  });

  it('lets a response_url replace the original message, at most five times', async () => {
    await client.chat.postMessage({
      channel: 'U0ALICE',
      text: 'Approve?',
      blocks: [
        { type: 'section', text: pt('Approve leave?') },
        {
          type: 'actions',
          elements: [{ type: 'button', text: pt('Approve'), action_id: 'approve', value: 'req-1' }],
        },
      ],
    });
    const click = await emu.as('U0ALICE').clickButton({ label: 'Approve' });
    const url = click.responseUrl ?? '';
    const respond = (body: JsonObject) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    expect((await respond({ replace_original: true, text: 'Approved by Alice' })).status).toBe(200);
    const dm = emu.messages('U0ALICE');
    expect(dm).toHaveLength(1);
    expect(at(dm, 0)).toMatchObject({ text: 'Approved by Alice', blocks: [] });

    expect((await respond({ text: 'Only you see this' })).status).toBe(200);
    expect(emu.ephemerals('U0ALICE').map((e) => e.text)).toEqual(['Only you see this']);
    for (let i = 0; i < 3; i += 1) expect((await respond({ text: `use ${i + 3}` })).status).toBe(200);
    const sixth = await respond({ text: 'too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'expired_url' });
    expect(emu.callsTo('response_url').map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 404]);
  });

  it('expires a response_url after thirty minutes and deletes originals on request', async () => {
    await client.chat.postMessage({
      channel: 'U0BOB',
      text: 'Pick',
      blocks: [
        { type: 'actions', elements: [{ type: 'button', text: pt('Dismiss'), action_id: 'dismiss' }] },
      ],
    });
    const first = await emu.as('U0BOB').clickButton({ actionId: 'dismiss' });
    const post = (url: string, body: JsonObject) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    now += 31 * 60_000;
    expect((await post(first.responseUrl ?? '', { delete_original: true })).status).toBe(404);
    const second = await emu.as('U0BOB').clickButton({ actionId: 'dismiss' });
    expect((await post(second.responseUrl ?? '', { delete_original: true })).status).toBe(200);
    expect(emu.messages('U0BOB')).toEqual([]);
  });
});

describe('Delivering to the app: buttons and selects', () => {
  it('finds a button by label and sends Slack’s block_actions payload', async () => {
    const posted = await client.chat.postMessage({
      channel: 'U0ALICE',
      text: 'Task',
      blocks: [
        {
          type: 'section',
          block_id: 'task',
          text: pt('Review budget'),
          accessory: { type: 'button', text: pt('Details'), action_id: 'details', value: 'd-7' },
        },
        {
          type: 'actions',
          block_id: 'decide',
          elements: [
            { type: 'button', text: pt('Approve'), action_id: 'approve', value: 'task-7', style: 'primary' },
            { type: 'button', text: pt('Reject'), action_id: 'reject', value: 'task-7' },
          ],
        },
      ],
    });
    const result = await emu.as('U0ALICE').clickButton({ label: /^rej/i, in: 'latest-dm' });
    expect(result.status).toBe(200);
    const payload = app.last('interaction').payload;
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', name: 'alice', team_id: emu.teamId },
      api_app_id: emu.appId,
      token: emu.verificationToken,
      team: { id: emu.teamId, domain: 'acme-office' },
      container: { type: 'message', message_ts: posted.ts, channel_id: 'D0ALICE', is_ephemeral: false },
      channel: { id: 'D0ALICE', name: 'directmessage' },
      message: { ts: posted.ts, text: 'Task' },
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      actions: [
        {
          type: 'button',
          action_id: 'reject',
          block_id: 'decide',
          value: 'task-7',
          text: pt('Reject'),
          action_ts: expect.any(String),
        },
      ],
    });

    await emu
      .as('U0ALICE')
      .clickButton({ label: 'Details', in: { channel: 'D0ALICE', ts: posted.ts ?? '' } });
    expect(asObject(app.last('interaction').payload.actions)).toEqual([
      expect.objectContaining({ action_id: 'details', block_id: 'task', value: 'd-7' }),
    ]);
  });

  it('explains which buttons exist when none matches', async () => {
    await client.chat.postMessage({
      channel: 'U0ALICE',
      text: 'x',
      blocks: [
        {
          type: 'actions',
          block_id: 'b1',
          elements: [{ type: 'button', text: pt('Approve'), action_id: 'approve' }],
        },
      ],
    });
    await expect(emu.as('U0ALICE').clickButton({ label: 'Withdraw' })).rejects.toThrow(
      /no button matching \{ label="Withdraw" \}[\s\S]*"Approve" \(button, action_id=approve, block_id=b1\) in message/,
    );
    expect(app.received).toHaveLength(0);
  });

  it('clicks Home tab buttons with a view container', async () => {
    await client.views.publish({
      user_id: 'U0BOB',
      view: {
        type: 'home',
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', text: pt('New request'), action_id: 'new', value: 'n' }],
          },
        ],
      },
    });
    await emu.as('U0BOB').clickButton({ label: 'New request', in: 'home' });
    const payload = app.last('interaction').payload;
    const home = emu.home('U0BOB');
    expect(payload.container).toEqual({ type: 'view', view_id: home?.id });
    expect(payload).toMatchObject({ view: { id: home?.id, type: 'home' } });
    expect(payload.response_url).toBeUndefined();
    expect(payload.channel).toBeUndefined();
  });

  it('picks an option in a message select', async () => {
    await client.chat.postMessage({
      channel: 'U0ALICE',
      text: 'Delegate',
      blocks: [
        {
          type: 'actions',
          block_id: 'delegate',
          elements: [
            {
              type: 'static_select',
              action_id: 'to',
              placeholder: pt('Choose'),
              options: [opt('Bob', 'U0BOB'), opt('Nobody', 'none')],
            },
          ],
        },
      ],
    });
    await emu.as('U0ALICE').selectOption({ actionId: 'to', option: 'Bob' });
    const payload = app.last('interaction').payload;
    expect(payload.actions).toEqual([
      expect.objectContaining({
        type: 'static_select',
        action_id: 'to',
        block_id: 'delegate',
        selected_option: opt('Bob', 'U0BOB'),
      }),
    ]);
    expect(payload.state).toEqual({
      values: { delegate: { to: { type: 'static_select', selected_option: opt('Bob', 'U0BOB') } } },
    });
  });
});

const leaveModal = {
  type: 'modal',
  callback_id: 'leave_request',
  private_metadata: 'meta-1',
  notify_on_close: true,
  title: pt('Leave request'),
  submit: pt('Submit'),
  blocks: [
    {
      type: 'input',
      block_id: 'reason',
      label: pt('Reason'),
      element: { type: 'plain_text_input', action_id: 'reason_input' },
    },
    {
      type: 'input',
      block_id: 'days',
      label: pt('Days'),
      element: { type: 'number_input', action_id: 'days_input', is_decimal_allowed: false },
    },
    {
      type: 'input',
      block_id: 'start',
      label: pt('Start date'),
      element: { type: 'datepicker', action_id: 'start_date' },
    },
    {
      type: 'input',
      block_id: 'time',
      label: pt('Start time'),
      element: { type: 'timepicker', action_id: 'start_time' },
    },
    {
      type: 'input',
      block_id: 'kind',
      label: pt('Kind'),
      element: {
        type: 'static_select',
        action_id: 'kind_select',
        options: [opt('Annual', 'annual'), opt('Sick', 'sick')],
      },
    },
    {
      type: 'input',
      block_id: 'tags',
      label: pt('Tags'),
      element: {
        type: 'multi_static_select',
        action_id: 'tags_select',
        options: [opt('Urgent', 'urgent'), opt('Remote', 'remote'), opt('Other', 'other')],
      },
    },
    {
      type: 'input',
      block_id: 'approver',
      label: pt('Approver'),
      element: { type: 'users_select', action_id: 'approver_select' },
    },
    {
      type: 'input',
      block_id: 'notify',
      label: pt('Notify'),
      element: { type: 'conversations_select', action_id: 'notify_select' },
    },
    {
      type: 'input',
      block_id: 'announce',
      label: pt('Announce in'),
      element: { type: 'channels_select', action_id: 'announce_select' },
    },
    {
      type: 'input',
      block_id: 'cc',
      label: pt('CC'),
      element: { type: 'multi_users_select', action_id: 'cc_select' },
    },
    {
      type: 'input',
      block_id: 'ack',
      label: pt('Acknowledgements'),
      element: {
        type: 'checkboxes',
        action_id: 'ack_boxes',
        options: [opt('I informed my team', 'informed'), opt('Handover done', 'handover')],
      },
    },
    {
      type: 'input',
      block_id: 'urgency',
      label: pt('Urgency'),
      element: {
        type: 'radio_buttons',
        action_id: 'urgency_radio',
        options: [opt('Low', 'low'), opt('High', 'high')],
      },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: pt('Note'),
      element: { type: 'plain_text_input', action_id: 'note_input' },
    },
  ],
};

describe('Delivering to the app: modals', () => {
  /** The app opens the leave modal on /oa, as a listener calling views.open before acking would. */
  function appOpensModalOnCommand(): void {
    app.handler = async (r) => {
      if (r.kind === 'command') {
        await client.views.open({ trigger_id: String(r.payload.trigger_id), view: leaveModal as never });
      }
      return {};
    };
  }

  it('builds Slack-shaped state.values from filled inputs and keeps the modal open on errors', async () => {
    appOpensModalOnCommand();
    const alice = emu.as('U0ALICE');
    await alice.command('/oa', 'leave');
    expect(emu.openViews('U0ALICE')).toHaveLength(1);

    await alice.fillModal({
      Reason: 'Family trip',
      days: 3,
      'Start date': '2026-12-01',
      time: '09:30',
      Kind: 'Annual',
      Tags: ['urgent', 'Remote'],
      Approver: 'bob',
      Notify: '#general',
      'Announce in': 'C0ANNOUNCE',
      CC: ['U0ALICE', 'bob'],
      Acknowledgements: ['I informed my team'],
      Urgency: 'high',
    });
    app.handler = () => ({
      body: { response_action: 'errors', errors: { days: 'You have only 2 days left' } },
    });
    const rejected = await alice.submitView();

    const payload = app.last('interaction').payload;
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0ALICE', username: 'alice' },
      trigger_id: expect.any(String),
      view: { callback_id: 'leave_request', private_metadata: 'meta-1', id: emu.openViews('U0ALICE')[0]?.id },
    });
    expect(asObject(asObject(payload.view).state).values).toEqual({
      reason: { reason_input: { type: 'plain_text_input', value: 'Family trip' } },
      days: { days_input: { type: 'number_input', value: '3' } },
      start: { start_date: { type: 'datepicker', selected_date: '2026-12-01' } },
      time: { start_time: { type: 'timepicker', selected_time: '09:30' } },
      kind: { kind_select: { type: 'static_select', selected_option: opt('Annual', 'annual') } },
      tags: {
        tags_select: {
          type: 'multi_static_select',
          selected_options: [opt('Urgent', 'urgent'), opt('Remote', 'remote')],
        },
      },
      approver: { approver_select: { type: 'users_select', selected_user: 'U0BOB' } },
      notify: {
        notify_select: { type: 'conversations_select', selected_conversation: emu.generalChannelId },
      },
      announce: { announce_select: { type: 'channels_select', selected_channel: 'C0ANNOUNCE' } },
      cc: { cc_select: { type: 'multi_users_select', selected_users: ['U0ALICE', 'U0BOB'] } },
      ack: { ack_boxes: { type: 'checkboxes', selected_options: [opt('I informed my team', 'informed')] } },
      urgency: { urgency_radio: { type: 'radio_buttons', selected_option: opt('High', 'high') } },
      note: { note_input: { type: 'plain_text_input', value: null } },
    });
    expect(typeof asObject(payload.view).hash).toBe('string');

    expect(rejected).toMatchObject({ outcome: 'errors', errors: { days: 'You have only 2 days left' } });
    expect(emu.openViews('U0ALICE')).toHaveLength(1);
    expect(emu.viewErrors('U0ALICE')).toEqual({ days: 'You have only 2 days left' });

    await alice.fillModal({ Days: '2' });
    app.handler = () => ({});
    const accepted = await alice.submitView();
    expect(accepted.outcome).toBe('closed');
    expect(emu.openViews('U0ALICE')).toEqual([]);
    expect(emu.viewErrors('U0ALICE')).toEqual({});
  });

  it('checks required fields in the client, as Slack does, before sending anything', async () => {
    appOpensModalOnCommand();
    const bob = emu.as('U0BOB');
    await bob.command('/oa');
    await bob.fillModal({ Reason: 'x' });
    const sent = app.received.length;
    const result = await bob.submitView();
    expect(result.outcome).toBe('invalid');
    expect(result.errors.days).toBe('Please complete this required field.');
    expect(result.errors.note).toBeUndefined();
    expect(app.received).toHaveLength(sent);
    expect(emu.viewErrors('U0BOB').days).toBe('Please complete this required field.');
  });

  it('says so in the person’s own language, as their Slack client does (issue 13, item 25)', async () => {
    appOpensModalOnCommand();
    const alice = emu.as('U0ALICE'); // zh-TW
    await alice.command('/oa');
    await alice.fillModal({ Reason: 'x' });
    const result = await alice.submitView();
    expect(result.outcome).toBe('invalid');
    expect(result.errors.days).toBe('請填寫此必填欄位。');
    expect(emu.viewErrors('U0ALICE').days).toBe('請填寫此必填欄位。');
    await alice.closeView();
  });

  it('explains unknown inputs and impossible values', async () => {
    appOpensModalOnCommand();
    const alice = emu.as('U0ALICE');
    await alice.command('/oa');
    await expect(alice.fillModal({ Budget: '5' })).rejects.toThrow(
      /No input "Budget"[\s\S]*"Reason" \(block_id=reason, plain_text_input\)/,
    );
    await expect(alice.fillModal({ Kind: 'Unpaid' })).rejects.toThrow(
      /No option "Unpaid" in "Kind"; options are: "Annual" \(annual\), "Sick" \(sick\)/,
    );
    await expect(alice.fillModal({ 'Start date': '01/12/2026' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(alice.fillModal({ Approver: 'nobody' })).rejects.toThrow(/No user "nobody"/);
  });

  it('applies update, push and clear response actions, and notifies on close', async () => {
    appOpensModalOnCommand();
    const alice = emu.as('U0ALICE');
    await alice.command('/oa');
    const fill = () =>
      alice.fillModal({
        Reason: 'r',
        Days: 1,
        'Start date': '2026-01-02',
        time: '10:00',
        Kind: 'sick',
        Tags: ['other'],
        Approver: 'U0BOB',
        Notify: 'C0ANNOUNCE',
        'Announce in': 'announcements',
        CC: ['U0BOB'],
        Acknowledgements: ['handover'],
        Urgency: 'Low',
      });
    await fill();
    const confirm = {
      type: 'modal',
      callback_id: 'confirm',
      title: pt('Confirm'),
      submit: pt('OK'),
      blocks: [{ type: 'section', text: pt('Sure?') }],
    };

    app.handler = () => ({ body: { response_action: 'push', view: confirm } });
    expect((await alice.submitView()).outcome).toBe('pushed');
    expect(emu.openViews('U0ALICE').map((v) => v.callback_id)).toEqual(['leave_request', 'confirm']);

    app.handler = () => ({
      body: { response_action: 'update', view: { ...confirm, title: pt('Confirmed') } },
    });
    expect((await alice.submitView()).outcome).toBe('updated');
    expect(emu.openViews('U0ALICE').map((v) => v.title?.text)).toEqual(['Leave request', 'Confirmed']);

    app.handler = () => ({});
    expect((await alice.submitView()).outcome).toBe('closed');
    expect(emu.openViews('U0ALICE').map((v) => v.callback_id)).toEqual(['leave_request']);

    const closed = await alice.closeView();
    expect(closed?.status).toBe(200);
    expect(app.last('interaction').payload).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { callback_id: 'leave_request' },
    });

    appOpensModalOnCommand();
    await alice.command('/oa');
    await fill();
    app.handler = () => ({ body: { response_action: 'clear' } });
    expect((await alice.submitView()).outcome).toBe('cleared');
    expect(emu.openViews('U0ALICE')).toEqual([]);
  });

  it('clicks buttons and picks options inside a modal, with what was typed so far in view.state', async () => {
    const view = {
      type: 'modal',
      callback_id: 'pick',
      title: pt('Pick'),
      submit: pt('Go'),
      blocks: [
        {
          type: 'input',
          block_id: 'who',
          label: pt('Who'),
          element: { type: 'plain_text_input', action_id: 'who_input' },
        },
        {
          type: 'section',
          block_id: 'filter',
          text: pt('Department'),
          accessory: {
            type: 'static_select',
            action_id: 'dept',
            options: [opt('Finance', 'fin'), opt('Legal', 'legal')],
          },
        },
        {
          type: 'actions',
          block_id: 'more',
          elements: [{ type: 'button', text: pt('Add approver'), action_id: 'add', value: 'x' }],
        },
      ],
    };
    await client.views.open({ trigger_id: emu.createTriggerId('U0ALICE'), view: view as never });
    const alice = emu.as('U0ALICE');
    await alice.fillModal({ Who: 'Dana' });
    await alice.selectOption({ label: 'Department', option: /leg/i, in: 'modal' });
    expect(app.last('interaction').payload).toMatchObject({
      container: { type: 'view', view_id: emu.openViews('U0ALICE')[0]?.id },
      actions: [
        {
          type: 'static_select',
          action_id: 'dept',
          block_id: 'filter',
          selected_option: opt('Legal', 'legal'),
        },
      ],
    });
    await alice.clickButton({ label: 'Add approver', in: 'modal' });
    expect(asObject(asObject(app.last('interaction').payload.view).state).values).toEqual({
      who: { who_input: { type: 'plain_text_input', value: 'Dana' } },
      filter: { dept: { type: 'static_select', selected_option: opt('Legal', 'legal') } },
    });
  });

  it('keeps the modal open when the app fails to answer', async () => {
    appOpensModalOnCommand();
    const alice = emu.as('U0ALICE');
    await alice.command('/oa');
    await alice.fillModal({
      Reason: 'r',
      Days: 1,
      'Start date': '2026-01-02',
      time: '10:00',
      Kind: 'sick',
      Approver: 'U0BOB',
      Notify: 'C0ANNOUNCE',
      'Announce in': 'announcements',
      Acknowledgements: ['handover'],
      Urgency: 'Low',
      Tags: ['other'],
      CC: ['bob'],
    });
    app.handler = () => ({ status: 500 });
    const result = await alice.submitView();
    expect(result).toMatchObject({ outcome: 'app_error', response: { status: 500 } });
    expect(emu.openViews('U0ALICE')).toHaveLength(1);
  });
});

describe('Delivering to the app: events', () => {
  it('sends app_home_opened and DM message events in the Events API envelope', async () => {
    await emu.as('U0ALICE').openHome();
    const home = app.last('event').payload;
    expect(home).toMatchObject({
      token: emu.verificationToken,
      team_id: emu.teamId,
      api_app_id: emu.appId,
      type: 'event_callback',
      event_id: expect.stringMatching(/^Ev/),
      event_time: Math.floor(now / 1000),
      event: {
        type: 'app_home_opened',
        user: 'U0ALICE',
        channel: 'D0ALICE',
        tab: 'home',
        event_ts: expect.any(String),
      },
    });
    expect(app.last('event').headers['content-type']).toBe('application/json');

    const { message, delivery } = await emu.as('U0ALICE').sendDm('leave balance?');
    expect(delivery.status).toBe(200);
    expect(app.last('event').payload.event).toMatchObject({
      type: 'message',
      channel: 'D0ALICE',
      channel_type: 'im',
      user: 'U0ALICE',
      text: 'leave balance?',
      ts: message.ts,
    });
    expect(emu.messages('D0ALICE').map((m) => m.text)).toEqual(['leave balance?']);
  });

  it('sends app_mention when a channel message mentions the bot', async () => {
    const result = await emu.as('U0ALICE').sendMessage('announcements', `<@${emu.botUserId}> status`);
    expect(result.mentionDelivery?.status).toBe(200);
    expect(app.received.map((r) => asObject(r.payload.event).type)).toEqual(['message', 'app_mention']);
  });
});

describe('Watching the workspace', () => {
  it('emits a change for every message, ephemeral and view', async () => {
    const seen: string[] = [];
    emu.on('change', (e) => seen.push(`${e.type}:${e.action}`));
    const posted = await client.chat.postMessage({ channel: announceId, text: 'a' });
    await client.chat.update({ channel: announceId, ts: posted.ts ?? '', text: 'b' });
    await client.chat.postEphemeral({ channel: announceId, user: 'U0ALICE', text: 'c' });
    await client.chat.delete({ channel: announceId, ts: posted.ts ?? '' });
    await client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [] } });
    expect(seen).toEqual([
      'message:posted',
      'message:updated',
      'ephemeral:posted',
      'message:deleted',
      'home:published',
    ]);
  });

  it('waits for a condition and explains a timeout', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: announceId, text: 'later' }), 50);
    const found = await emu.waitFor(() => emu.messages(announceId).find((m) => m.text === 'later'));
    expect(found.text).toBe('later');
    await expect(emu.waitFor(() => false, { timeoutMs: 100, description: 'a reply to Bob' })).rejects.toThrow(
      'waitFor timed out after 100 ms: a reply to Bob',
    );
  });
});
