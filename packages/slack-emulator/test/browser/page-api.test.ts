/**
 * The page's JSON API without a browser: what a command's text looks like when it reaches the
 * app (escaped as Slack escapes it), what the manifest allows, and what one person may see.
 */
import { join } from 'node:path';
import { SlackEmulator } from '../../src';
import { FakeApp } from './support/fake-app';

const FIONA = 'U01FIONA0';
const DANIEL = 'U01DANIEL';

let emu: SlackEmulator;
let app: FakeApp;

beforeAll(async () => {
  app = new FakeApp();
  // An app's manifest: /oa escapes mentions (should_escape), the Messages tab is read-only.
  emu = new SlackEmulator({
    appUrl: await app.start(),
    appManifestPath: join(__dirname, '../fixtures/app-manifest.json'),
  });
  emu.addUser({ id: FIONA, name: 'fiona.smith', realName: 'Fiona Smith' });
  emu.addUser({ id: DANIEL, name: 'daniel.wu', realName: 'Daniel Wu' });
  emu.addChannel({ name: 'secret', isPrivate: true, members: [DANIEL] });
  await emu.start();
});

afterAll(async () => {
  await emu?.stop();
  await app?.stop();
});

async function call(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${emu.url}/_ui/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: FIONA, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const lastCommand = () => app.received.filter((d) => d.kind === 'command').at(-1)?.payload;

describe('slash commands from the page', () => {
  it('arrive with &, < and > escaped, and with people and channels as Slack escapes them', async () => {
    const ok = await call('command', {
      channel: emu.dmChannelOf(FIONA),
      command: '/oa',
      text: 'role @daniel.wu, #general <b> & @here',
    });
    expect(ok.status).toBe(200);
    expect(lastCommand()).toMatchObject({
      command: '/oa',
      text: `role <@${DANIEL}|daniel.wu>, <#${emu.generalChannelId}|general> &lt;b&gt; &amp; <!here>`,
      channel_id: emu.dmChannelOf(FIONA),
    });
  });

  it('leave handles that name nobody as typed', async () => {
    await call('command', { command: '/leave', text: 'with @daniel.wu. and @nobody' });
    expect(lastCommand()?.text).toBe(`with <@${DANIEL}|daniel.wu>. and @nobody`);
  });

  it('are refused when the manifest does not declare them, as Slack’s client refuses them', async () => {
    const before = app.received.length;
    const refused = await call('command', { command: '/nope', text: '' });
    expect(refused).toMatchObject({ status: 400, body: { ok: false, error: 'not_a_command' } });
    expect(app.received.length).toBe(before);
  });
});

describe('what a person may do and see', () => {
  it('cannot write in a read-only Messages tab, but can in a channel', async () => {
    const refused = await call('message', { channel: emu.dmChannelOf(FIONA), text: 'hello' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'messages_read_only' } });
    const sent = await call('message', { channel: emu.generalChannelId, text: 'hello' });
    expect(sent.status).toBe(200);
    expect(emu.messages(emu.generalChannelId).at(-1)).toMatchObject({ user: FIONA, text: 'hello' });
  });

  it('sees their own conversations only, and everyone in the switcher', async () => {
    const state = (await (await fetch(`${emu.url}/_ui/state?user=${FIONA}`)).json()) as {
      conversations: { name: string; kind: string; messages?: unknown[] }[];
      me: { id: string };
    };
    expect(state.me.id).toBe(FIONA);
    expect(state.conversations.map((c) => c.name)).not.toContain('secret');
    expect(state.conversations.filter((c) => c.kind === 'im')).toHaveLength(1);
    const info = (await (await fetch(`${emu.url}/_ui/app`)).json()) as {
      people: { id: string }[];
      app: { commands: { command: string }[]; messagesReadOnly: boolean };
    };
    expect(info.people.map((p) => p.id)).toEqual([FIONA, DANIEL]);
    expect(info.app.commands.map((c) => c.command)).toContain('/leave');
    expect(info.app.messagesReadOnly).toBe(true);
  });

  it('is told clearly when the element they clicked is gone', async () => {
    const refused = await call('click', { surface: { kind: 'modal' }, actionId: 'x', blockId: 'y' });
    expect(refused).toMatchObject({ status: 409, body: { error: 'no_modal' } });
  });
});
