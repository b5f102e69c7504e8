/**
 * Nothing an app or a person writes can run in the page: HTML and script in message text, in
 * every Block Kit field, in modals and the Home tab, in a person's own message, render as text.
 * And the page's API refuses requests other sites could make through the person's browser.
 */
import { request } from 'node:http';
import { WebClient } from '@slack/web-api';
import type { Browser, Page } from 'playwright-core';
import { SlackEmulator } from '../../src';
import { launchChromium, type PageAlarms, WorkspacePage, watchForScripts } from '../../testing/browser';
import { FakeApp } from './support/fake-app';

jest.setTimeout(60_000);

const FIONA = 'U01FIONA0';
const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  '<iframe src="javascript:window.__pwned=4"></iframe>',
];
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let browser: Browser | undefined;
let emu: SlackEmulator;
let app: FakeApp;
let bot: WebClient;
let page: Page;
let ws: WorkspacePage;
let alarms: PageAlarms;

beforeAll(async () => {
  browser = await launchChromium();
  app = new FakeApp();
  emu = new SlackEmulator({ appUrl: await app.start(), appManifestPath: null });
  emu.addUser({ id: FIONA, name: 'fiona.smith', realName: 'Fiona Smith', tz: 'Europe/London' });
  emu.joinChannel(emu.generalChannelId, emu.botUserId);
  await emu.start();
  bot = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  alarms = watchForScripts(page);
  ws = new WorkspacePage(page, emu.url);
});

afterAll(async () => {
  await browser?.close();
  await emu?.stop();
  await app?.stop();
});

/**
 * What would betray markup from a message in the DOM: handlers, scripts, frames, script URLs.
 * Runs in the page (as source text: this file is compiled without the DOM's types).
 */
const DANGERS = `(() => {
  const all = Array.from(document.querySelectorAll('#app *'));
  return {
    pwned: window.__pwned ?? null,
    handlers: all.filter((el) => Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length,
    scripts: document.querySelectorAll('#app script, #app iframe, #app svg, #app object, #app embed').length,
    imagesWithoutWebSource: document.querySelectorAll('#app img:not([src^="http"])').length,
    scriptUrls: document.querySelectorAll('#app [href^="javascript:" i], #app [src^="javascript:" i]').length,
  };
})()`;

const dangers = () => page.evaluate<Record<string, unknown>>(DANGERS);

const SAFE = { pwned: null, handlers: 0, scripts: 0, imagesWithoutWebSource: 0, scriptUrls: 0 };

describe('markup in messages', () => {
  it('renders as text in message text, escaped or not', async () => {
    await ws.open(FIONA);
    await bot.chat.postMessage({ channel: FIONA, text: XSS.join('\n') });
    await bot.chat.postMessage({ channel: FIONA, text: `*${escaped(XSS.join(' '))}*` });
    await ws.message('window.__pwned=1').nth(1).waitFor();
    // Escaped, it reads exactly as written; raw, Slack would not understand `<…>` and the page shows it as is.
    expect(await ws.message('window.__pwned=1').nth(1).textContent()).toContain(XSS.join(' '));
    expect(await ws.message('window.__pwned=1').first().textContent()).toContain(
      '<img src=x onerror="window.__pwned=1">',
    );
    expect(await dangers()).toEqual(SAFE);
  });

  it('renders as text in every Block Kit field, and script URLs are never links', async () => {
    await bot.chat.postMessage({
      channel: FIONA,
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: XSS[0]! } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `${XSS[1]} <javascript:window.__pwned=7|click me>` },
          fields: [
            { type: 'mrkdwn', text: XSS[2]! },
            { type: 'plain_text', text: XSS[3]! },
          ],
          accessory: {
            type: 'button',
            action_id: 'evil_button',
            text: { type: 'plain_text', text: XSS[0]! },
            url: 'javascript:window.__pwned=5',
          },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: escaped(XSS[1]!) }] },
        { type: 'image', image_url: 'javascript:window.__pwned=6', alt_text: XSS[0]! },
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 'evil_select',
              placeholder: { type: 'plain_text', text: XSS[1]! },
              options: [{ text: { type: 'plain_text', text: XSS[2]! }, value: 'v' }],
            },
          ],
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [{ type: 'link', url: 'javascript:window.__pwned=8', text: XSS[3]! }],
            },
          ],
        },
      ],
    });
    const card = ws.message('click me');
    await card.waitFor();
    expect(await card.locator('.header-text').textContent()).toBe(XSS[0]);
    expect(await card.locator('option').last().textContent()).toBe(XSS[2]);
    await card.getByRole('button', { name: XSS[0] }).click();
    await emu.waitFor(() => app.interactions('block_actions').length === 1);
    expect(await dangers()).toEqual(SAFE);
  });

  it('renders as text in what a person writes, and in what they type in the composer', async () => {
    await emu.as(FIONA).sendDm(XSS[0]!);
    await ws.message(XSS[0]!).last().waitFor();
    await page.locator('.sidebar-item', { hasText: 'general' }).click();
    await ws.send(XSS[1]!);
    await ws.message(XSS[1]!).waitFor();
    expect(await dangers()).toEqual(SAFE);
  });

  it('renders as text in modals and the Home tab', async () => {
    await bot.views.publish({
      user_id: FIONA,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: XSS.join(' ') } }] },
    });
    await page.locator('.sidebar-item', { hasText: 'sandbox-app' }).click();
    await page.getByRole('tab', { name: 'Home' }).click();
    await page.locator('.home', { hasText: 'window.__pwned=3' }).waitFor();
    await bot.views.open({
      trigger_id: emu.createTriggerId(FIONA),
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: '<b>x</b>' },
        submit: { type: 'plain_text', text: '<i>go</i>' },
        blocks: [
          {
            type: 'input',
            block_id: 'evil',
            label: { type: 'plain_text', text: XSS[0]! },
            hint: { type: 'plain_text', text: XSS[1]! },
            element: {
              type: 'plain_text_input',
              action_id: 'a',
              placeholder: { type: 'plain_text', text: XSS[2]! },
            },
          },
        ],
      },
    });
    await ws.modal.waitFor();
    expect(await ws.modal.locator('.modal-title').textContent()).toBe('<b>x</b>');
    expect(await ws.modal.locator('.input-label').textContent()).toBe(XSS[0]);
    expect(await dangers()).toEqual(SAFE);
    expect(alarms).toEqual({ dialogs: [], errors: [] });
  });
});

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(path, emu.url);
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('the page API', () => {
  const command = JSON.stringify({ user: FIONA, command: '/x', text: '' });

  it('serves the page with a policy that forbids inline script', async () => {
    const page = await raw('/', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    // Programs that are not browsers still get the emulator's JSON answer.
    const response = await fetch(emu.url);
    expect(await response.json()).toMatchObject({ ok: true, emulator: 'slack' });
  });

  it('refuses cross-site posts, form posts and foreign host names', async () => {
    const json = { 'content-type': 'application/json' };
    expect(
      (
        await raw('/_ui/command', {
          method: 'POST',
          headers: { ...json, origin: 'http://evil.example' },
          body: command,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await raw('/_ui/command', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: command,
        })
      ).status,
    ).toBe(415);
    expect((await raw(`/_ui/state?user=${FIONA}`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await raw('/_ui/static/..%2F..%2Femulator.ts', {})).status).toBe(404);
    expect(app.received.filter((d) => d.kind === 'command')).toEqual([]);
  });
});
