import { SlackEmulator } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import WebSocket from 'ws';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Socket Mode: the emulator hands out WebSocket URLs on apps.connections.open (app-level token
 * only) and, while the app holds a connection, delivers everything in envelopes on it. First the
 * protocol against a bare socket client, then the whole app on Bolt's SocketModeReceiver.
 */

type JsonObject = Record<string, unknown>;

async function api(emulator: SlackEmulator, method: string, token?: string, args: JsonObject = {}) {
  const res = await fetch(`${emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(args),
  });
  return (await res.json()) as JsonObject;
}

/** A bare Socket Mode client: records what it is sent and acknowledges envelopes with `answer`. */
async function connect(url: string, answer: (envelope: JsonObject) => JsonObject | undefined = () => ({})) {
  const ws = new WebSocket(url);
  const received: JsonObject[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as JsonObject;
    received.push(message);
    if (typeof message.envelope_id !== 'string') return;
    const payload = answer(message);
    if (payload) ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received };
}

describe('the Socket Mode protocol', () => {
  const emulator = new SlackEmulator({ deliveryTimeoutMs: 300 });
  emulator.addUser({ id: 'U0ALICE', name: 'alice' });
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());

  it('apps.connections.open takes the app-level token only, and the other methods refuse it', async () => {
    expect(await api(emulator, 'apps.connections.open', emulator.botToken)).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await api(emulator, 'apps.connections.open')).toEqual({ ok: false, error: 'not_authed' });
    expect(await api(emulator, 'apps.connections.open', 'xapp-1-A0-1-nope')).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await api(emulator, 'auth.test', emulator.appToken)).toMatchObject({
      error: 'not_allowed_token_type',
    });
    expect(emulator.appToken).toMatch(/^xapp-1-A0SANDBOX-\d+-[a-f0-9]+$/);
  });

  it('greets a connection with hello; a URL works once', async () => {
    const { url } = await api(emulator, 'apps.connections.open', emulator.appToken);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\/[a-f0-9]+$/);
    const { ws, received } = await connect(String(url));
    expect(received[0]).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: emulator.appId },
    });
    await expect(connect(String(url))).rejects.toThrow(/401/);
    ws.close();
    await emulator.waitFor(() => emulator.socketModeConnections === 0);
  });

  it('delivers in envelopes; acknowledgements are answered as HTTP responses are', async () => {
    const { url } = await api(emulator, 'apps.connections.open', emulator.appToken);
    const { ws, received } = await connect(String(url), (envelope) => {
      const payload = envelope.payload as JsonObject;
      if (envelope.type === 'slash_commands') return { text: `you said ${String(payload.text)}` };
      if (payload.type === 'view_submission')
        return { response_action: 'errors', errors: { reason: 'Say more' } };
      return undefined; // events are left unacknowledged: Slack gives up
    });
    const alice = emulator.as('U0ALICE');

    const command = await alice.command('/oa', 'hi');
    expect(command).toMatchObject({ status: 200, transport: 'socket', body: '{"text":"you said hi"}' });
    expect(command.ephemeral?.text).toBe('you said hi');
    expect(received.at(-1)).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/oa', text: 'hi', user_id: 'U0ALICE', trigger_id: command.triggerId },
    });

    const modal = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Request' },
      submit: { type: 'plain_text', text: 'Send' },
      blocks: [
        {
          type: 'input',
          block_id: 'reason',
          label: { type: 'plain_text', text: 'Reason' },
          element: { type: 'plain_text_input', action_id: 'r' },
        },
      ],
    };
    const trigger_id = emulator.createTriggerId('U0ALICE');
    expect(await api(emulator, 'views.open', emulator.botToken, { trigger_id, view: modal })).toMatchObject({
      ok: true,
    });
    await alice.fillModal({ Reason: 'x' });
    expect(await alice.submitView()).toMatchObject({ outcome: 'errors', errors: { reason: 'Say more' } });
    expect(received.at(-1)).toMatchObject({
      type: 'interactive',
      accepts_response_payload: true,
      payload: { type: 'view_submission' },
    });

    const home = await alice.openHome();
    expect(home).toMatchObject({ status: 0, error: 'timeout', transport: 'socket' });
    expect(received.at(-1)).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: { type: 'event_callback', event: { type: 'app_home_opened', user: 'U0ALICE' } },
    });
    ws.close();
  });
});

describe('the app in Socket Mode', () => {
  let running: RunningPlatform;
  beforeAll(async () => {
    running = await startTestPlatform({ transport: 'socket' });
  });
  afterAll(() => running.stop());

  async function run(userId: string, text: string) {
    const { emulator } = running;
    const before = emulator.ephemerals(userId).length;
    const result = await emulator.as(userId).command('/oa', text);
    expect(result).toMatchObject({ status: 200, transport: 'socket' });
    await emulator.waitFor(() => emulator.ephemerals(userId).length > before);
    return JSON.stringify(emulator.ephemerals(userId).at(-1));
  }

  it('connected with its app-level token', () => {
    expect(running.emulator.socketModeConnections).toBe(1);
    expect(running.emulator.callsTo('apps.connections.open')).toMatchObject([{ ok: true }]);
  });

  it('answers /oa help and whoami', async () => {
    expect(await run('U01CAROL0', 'help')).toContain('/oa whoami');
    expect(await run('U01ALICE0', 'help')).toContain('/oa role');
    const fiona = await run('U01FIONA0', 'whoami');
    expect(fiona).toContain('Fiona Smith');
    expect(fiona).toContain('Europe/London');
  });

  it('lets an admin change a role: audited, and the person’s Home refreshed', async () => {
    expect(await run('U01ALICE0', 'role <@U01EVAN00|evan> leader,user')).toContain('完成');
    const [row] = await running.db.sequelize.query<{ actor: string; after: unknown }>(
      "SELECT actor, after FROM audit_log WHERE subject_id = 'U01EVAN00' ORDER BY id DESC LIMIT 1",
      { type: QueryTypes.SELECT },
    );
    expect(row).toMatchObject({ actor: 'U01ALICE0', after: { roles: ['leader', 'user'] } });
    const home = await running.emulator.waitFor(() => running.emulator.home('U01EVAN00'), {
      timeoutMs: 8000,
    });
    expect(JSON.stringify(home)).toContain('領導');
  });

  it('publishes the Home on app_home_opened', async () => {
    const delivery = await running.emulator.as('U01HENRY0').openHome();
    expect(delivery).toMatchObject({ status: 200, transport: 'socket' });
    const home = await running.emulator.waitFor(() => running.emulator.home('U01HENRY0'));
    expect(JSON.stringify(home)).toContain('Hello, Henry Ko!');
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    const { emulator } = running;
    const opened = emulator.callsTo('apps.connections.open').length;
    expect(emulator.requestSocketReconnect()).toBe(1);
    expect(emulator.socketModeConnections).toBe(0);
    // The client waits its ping timeout (5 s) before opening a new connection.
    await emulator.waitFor(
      () => emulator.callsTo('apps.connections.open').length > opened && emulator.socketModeConnections === 1,
      { timeoutMs: 15000, description: 'the app to reconnect' },
    );
    expect(await run('U01CAROL0', 'help')).toContain('/oa whoami');
  });
});
