/**
 * The product through the local workspace page in real Chromium, as people use it: an employee
 * asks for leave (a bad date first), her department head approves from his DM card, and her
 * tracking card shows the decision. Every step is a click or keystroke in the page.
 */

import {
  launchChromium,
  type PageAlarms,
  WorkspacePage,
  watchForScripts,
} from '@gongwu/slack-emulator/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { weekAhead } from './support/dates';

jest.setTimeout(120_000);

let running: RunningPlatform | undefined;
let browser: Browser | undefined;
let page: Page;
let ws: WorkspacePage;
let alarms: PageAlarms;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startTestPlatform();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  alarms = watchForScripts(page);
  ws = new WorkspacePage(page, running.emulator.url);
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const FIONA = 'U01FIONA0';
const DANIEL = 'U01DANIEL';

describe('a leave request through the page', () => {
  const { tuesday, wednesday, monday } = weekAhead();
  let reference = '';
  let trackingTs = '';

  it('is started with /leave; a bad date shows its error under the field, then it is submitted', async () => {
    await ws.open(FIONA);
    await ws.send('/leave');
    await ws.modal.getByRole('heading', { name: 'Leave request' }).waitFor();

    await ws.field('Leave type').input.selectOption('annual');
    await ws.field('From').input.fill(tuesday);
    await ws.field('To').input.fill(monday);
    await ws.field('Reason').input.fill('Family trip');
    await ws.modal.getByRole('button', { name: 'Submit' }).click();

    const to = ws.field('To');
    const error = to.block.locator('.field-error');
    await error.filter({ hasText: 'The end cannot be before the start.' }).waitFor();
    // Under its own field, and nowhere else.
    const inputBox = await to.input.boundingBox();
    const errorBox = await error.boundingBox();
    expect(errorBox!.y).toBeGreaterThan(inputBox!.y + inputBox!.height - 1);
    expect(await ws.modal.locator('.field-error:visible').count()).toBe(1);
    // Nothing typed was lost.
    expect(await ws.field('Reason').input.inputValue()).toBe('Family trip');

    await to.input.fill(wednesday);
    await ws.modal.getByRole('button', { name: 'Submit' }).click();
    await ws.modal.waitFor({ state: 'detached' });

    const card = ws.message(/LV-\d{4}-\d{4}/);
    await card.first().waitFor();
    reference = /LV-\d{4}-\d{4}/.exec((await card.first().textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');
    trackingTs = (await card.first().getAttribute('data-ts')) ?? '';
    expect(await card.first().textContent()).toContain('Family trip');
  });

  it('is approved by the department head from the card in his DM', async () => {
    await ws.switchTo('Daniel Wu', DANIEL);
    const card = ws
      .message(reference)
      .filter({ has: page.getByRole('button', { name: 'Approve', exact: true }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('@Fiona Smith');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    // His card loses its buttons once he has decided.
    await ws
      .message(reference)
      .filter({ hasNot: page.getByRole('button', { name: 'Approve', exact: true }) })
      .first()
      .waitFor();
  });

  it('shows the decision on the requester’s tracking card, updated in place', async () => {
    await ws.switchTo('Fiona Smith', FIONA);
    const card = page.locator(`.messages .message[data-ts="${trackingTs}"]`);
    await card.filter({ hasText: 'Approved' }).waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(reference);
    expect(text).toContain('@Daniel Wu');
    expect(alarms).toEqual({ dialogs: [], errors: [] });
  });
});

describe('the person switcher', () => {
  it('lists everyone, including the unregistered newcomer, who gets an answer only they see', async () => {
    await ws.open(FIONA);
    await page.getByRole('button', { name: /Switch person/ }).click();
    const names = await page.getByRole('option').allTextContents();
    for (const name of ['Lin Chih-ming', 'Alice Chen', 'Daniel Wu', 'Henry Ko', 'Ivy Liu', 'Nora Newcomer']) {
      expect(names.join('\n')).toContain(name);
    }
    await page.getByRole('option', { name: /Nora Newcomer/ }).click();
    await page.locator('#app[data-user="U0NEWCOMER"]').waitFor();

    await ws.send('/oa help');
    const answer = page.locator('.messages .message.ephemeral');
    await answer.first().waitFor();
    expect(await answer.first().textContent()).toContain('Only visible to you');
  });

  it('shows each person in their own language', async () => {
    await ws.switchTo('Evan Lee', 'U01EVAN00');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
    await page.getByRole('tab', { name: '首頁' }).click();
    // Evan's Home, published by the app in his language.
    await page.locator('.home .block-header').first().waitFor();
    expect(await page.locator('.home').textContent()).toMatch(/[\u4e00-\u9fff]/);
  });
});
