/**
 * Issue 13, item 24, with the real app and the example organisation: the person switcher says who
 * is who (roles and departments headed, from the directory, as local mode shows them), and the
 * page stays usable on a phone-sized screen (390 px): the conversation keeps most of the width.
 */

import {
  launchChromium,
  type PageAlarms,
  WorkspacePage,
  watchForScripts,
} from '@gongwu/slack-emulator/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { keepDirectoryTitles } from '../../src/local-workspace-titles';
import { createLogger } from '../../src/logger';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

jest.setTimeout(120_000);

let running: RunningPlatform | undefined;
let browser: Browser | undefined;
let titles: { stop(): void } | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startTestPlatform();
  // What local mode does once the directory is seeded (here refreshed more often than its 3 s).
  titles = keepDirectoryTitles(running.emulator, 'en', createLogger('silent'), 200);
  await running.emulator.waitFor(() => running?.emulator.user('U01ALICE0')?.title || undefined);
});

afterAll(async () => {
  titles?.stop();
  await browser?.close();
  await running?.stop();
});

async function openPage(
  width: number,
  height: number,
): Promise<{ page: Page; ws: WorkspacePage; alarms: PageAlarms }> {
  const page = await browser!.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(15_000);
  const alarms = watchForScripts(page);
  return { page, ws: new WorkspacePage(page, running!.emulator.url), alarms };
}

describe('the person switcher', () => {
  it('shows each person’s roles from the directory', async () => {
    const { page, ws, alarms } = await openPage(1280, 900);
    await ws.open('U01FIONA0');
    await page.getByRole('button', { name: /Switch person/ }).click();
    const option = (name: string) => page.getByRole('option', { name: new RegExp(name) });
    await expect(option('Alice Chen').textContent()).resolves.toContain(
      'Administrator · Head of General Office',
    );
    await expect(option('Lin Chih-ming').textContent()).resolves.toContain('Leader · General Office');
    await expect(option('Bob Wang').textContent()).resolves.toContain('User · Head of Finance Department');
    await expect(option('Fiona Smith').textContent()).resolves.toContain(
      'User · Information Technology Department',
    );
    await expect(option('Nora Newcomer').textContent()).resolves.toContain('Not registered');
    // The filter finds people by what they are, too.
    await page.locator('.switcher-filter').fill('head of');
    expect(await page.getByRole('option').count()).toBe(4);
    expect(alarms.errors).toEqual([]);
    await page.close();
  });

  it('follows the directory when an admin changes someone’s roles', async () => {
    const emu = running!.emulator;
    await emu.as('U01ALICE0').command('/oa', 'role <@U01HENRY0|henry> user,leader');
    await emu.waitFor(() => emu.user('U01HENRY0')?.title.includes('Leader') || undefined, {
      description: 'Henry’s title to follow /oa role',
    });
    const { page, ws } = await openPage(1280, 900);
    await ws.open('U01FIONA0');
    await page.getByRole('button', { name: /Switch person/ }).click();
    await expect(page.getByRole('option', { name: /Henry/ }).textContent()).resolves.toContain(
      'Leader · User · Finance Department',
    );
    await page.close();
  });
});

describe('on a phone-sized screen (390 px)', () => {
  it('gives the conversation most of the width, and keeps the switcher and modals on screen', async () => {
    const { page, ws, alarms } = await openPage(390, 844);
    await ws.open('U01FIONA0');
    await ws.send('/oa help');
    await ws
      .message(/\/oa whoami/)
      .first()
      .waitFor();

    const messages = await page.locator('.messages').boundingBox();
    expect(messages!.width).toBeGreaterThan(340);
    const text = await ws
      .message(/\/oa whoami/)
      .first()
      .locator('.message-content')
      .boundingBox();
    expect(text!.width).toBeGreaterThan(250);
    // The whole page fits the screen: nothing to scroll sideways.
    const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(390);
    // The app and the channels are still one tap away.
    await expect(page.locator('.sidebar-item', { hasText: 'general' }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: /Switch person/ }).click();
    const panel = await page.locator('.switcher-panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');

    await ws.send('/leave');
    await ws.modal.getByRole('heading', { name: 'Leave request' }).waitFor();
    const modal = await ws.modal.boundingBox();
    expect(modal!.x).toBeGreaterThanOrEqual(0);
    expect(modal!.x + modal!.width).toBeLessThanOrEqual(390);
    expect(alarms.errors).toEqual([]);
    await page.close();
  });
});
