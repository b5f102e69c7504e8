/**
 * Message shortcuts ("More actions" on a message): the `message_action` Slack sends, from a test's
 * UserSession, from the page's API (only the manifest's message shortcuts), and from the page's
 * menu in Chromium.
 */
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import type { Browser, Page } from 'playwright-core';
import { SlackEmulator } from '../src';
import { launchChromium, type PageAlarms, WorkspacePage, watchForScripts } from '../testing/browser';
import { FakeApp } from './browser/support/fake-app';

jest.setTimeout(60_000);

const FIONA = 'U01FIONA0';
const DANIEL = 'U01DANIEL';

let emu: SlackEmulator;
let app: FakeApp;
let bot: WebClient;

beforeAll(async () => {
  app = new FakeApp();
  emu = new SlackEmulator({
    appUrl: await app.start(),
    appManifestPath: join(__dirname, 'fixtures/shortcuts-manifest.json'),
  });
  emu.addUser({ id: FIONA, name: 'fiona.smith', realName: 'Fiona Smith' });
  emu.addUser({ id: DANIEL, name: 'daniel.wu', realName: 'Daniel Wu' });
  emu.addChannel({ name: 'secret', isPrivate: true, members: [DANIEL] });
  await emu.start();
  bot = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
});

afterAll(async () => {
  await emu?.stop();
  await app?.stop();
});

const shortcuts = () => app.interactions('message_action');

async function call(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${emu.url}/_ui/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: FIONA, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('UserSession.messageShortcut', () => {
  it('sends message_action with the callback id, a trigger, a response_url, the message, channel, user and team', async () => {
    const { message } = await emu.as(FIONA).sendMessage(emu.generalChannelId, 'minutes attached');
    const result = await emu.as(FIONA).messageShortcut(emu.generalChannelId, message.ts, 'save_to_library');
    expect(result.status).toBe(200);
    const payload = shortcuts().at(-1)!;
    expect(payload).toMatchObject({
      type: 'message_action',
      callback_id: 'save_to_library',
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      message_ts: message.ts,
      channel: { id: emu.generalChannelId, name: 'general' },
      user: { id: FIONA, name: 'fiona.smith' },
      team: { id: emu.teamId },
      message: { type: 'message', ts: message.ts, text: 'minutes attached', user: FIONA },
    });
    expect(typeof payload.action_ts).toBe('string');
    expect(typeof payload.token).toBe('string');
  });

  it('gives a trigger that opens a modal and a response_url that answers in the conversation', async () => {
    const { message } = await emu.as(FIONA).sendMessage(emu.generalChannelId, 'report.pdf');
    const result = await emu.as(FIONA).messageShortcut(emu.generalChannelId, message.ts, 'save_to_library');
    const opened = await bot.views.open({
      trigger_id: result.triggerId,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Save' }, blocks: [] },
    });
    expect(opened.ok).toBe(true);
    await emu.as(FIONA).closeView({ all: true });
    const answer = await fetch(result.responseUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Saved as FILE-2026-0001' }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(emu.ephemerals(FIONA).at(-1))).toContain('FILE-2026-0001');
  });

  it('carries the files of the message it was run on', async () => {
    const upload = await bot.files.uploadV2({
      channel_id: emu.dmChannelOf(FIONA),
      filename: 'budget.csv',
      file: Buffer.from('a,b\n1,2\n'),
    });
    expect(upload.ok).toBe(true);
    const dm = emu.dmChannelOf(FIONA);
    const withFile = emu
      .messages(dm)
      .filter((m) => (m.files ?? []).length > 0)
      .at(-1)!;
    await emu.as(FIONA).messageShortcut(dm, withFile.ts, 'save_to_library');
    const files = (shortcuts().at(-1)!.message as { files: { name: string; id: string }[] }).files;
    expect(files.map((f) => f.name)).toEqual(['budget.csv']);
  });

  it('refuses a message the person cannot see or that does not exist', async () => {
    const { message } = await emu.as(DANIEL).sendMessage('secret', 'private plans');
    await expect(emu.as(FIONA).messageShortcut('secret', message.ts, 'save_to_library')).rejects.toThrow(
      /not a member/,
    );
    await expect(
      emu.as(FIONA).messageShortcut(emu.generalChannelId, '1.000001', 'save_to_library'),
    ).rejects.toThrow(/No message/);
  });
});

describe('the page API', () => {
  it('lists the manifest’s message shortcuts (not its global ones)', async () => {
    const response = await fetch(`${emu.url}/_ui/app`);
    const info = (await response.json()) as { app: { messageShortcuts: unknown[] } };
    expect(info.app.messageShortcuts).toEqual([
      {
        name: 'Save to library',
        callbackId: 'save_to_library',
        description: "Keep this message's file in the file library",
      },
    ]);
  });

  it('runs a declared shortcut and refuses one the manifest does not declare', async () => {
    const { message } = await emu.as(FIONA).sendMessage(emu.generalChannelId, 'from the page');
    const before = shortcuts().length;
    const ok = await call('shortcut', {
      channel: emu.generalChannelId,
      ts: message.ts,
      callbackId: 'save_to_library',
    });
    expect(ok.status).toBe(200);
    expect(shortcuts()).toHaveLength(before + 1);
    const global = await call('shortcut', {
      channel: emu.generalChannelId,
      ts: message.ts,
      callbackId: 'new_file',
    });
    expect(global).toMatchObject({ status: 400, body: { error: 'not_a_shortcut' } });
    const hidden = await call('shortcut', {
      channel: emu.channels().find((c) => c.name === 'secret')!.id,
      ts: message.ts,
      callbackId: 'save_to_library',
    });
    expect(hidden.status).toBe(404);
    expect(shortcuts()).toHaveLength(before + 1);
  });
});

describe('the page’s More actions menu', () => {
  let browser: Browser | undefined;
  let page: Page;
  let alarms: PageAlarms;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    alarms = watchForScripts(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the app’s message shortcuts on a message and sends message_action for the one chosen', async () => {
    await bot.chat.postMessage({ channel: FIONA, text: 'Quarterly report ready' });
    const ws = new WorkspacePage(page, emu.url);
    await ws.open(FIONA);
    const message = ws.message('Quarterly report ready');
    await message.hover();
    await message.getByRole('button', { name: 'More actions' }).click();
    const item = message.getByRole('menuitem', { name: 'Save to library' });
    await item.waitFor();
    expect(await message.getByRole('menuitem').count()).toBe(1);
    const before = shortcuts().length;
    await item.click();
    await emu.waitFor(() => shortcuts().length > before, { description: 'message_action from the page' });
    const payload = shortcuts().at(-1)!;
    expect(payload).toMatchObject({
      callback_id: 'save_to_library',
      channel: { id: emu.dmChannelOf(FIONA) },
      message: { text: 'Quarterly report ready' },
      user: { id: FIONA },
    });
    expect(alarms.errors).toEqual([]);
  });
});
