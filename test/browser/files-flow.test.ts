/**
 * The file library through the local workspace page in real Chromium, as a person uses it:
 * upload with /files (the file picked in the modal's file input), find it with /files search,
 * download it into the DM and read back the very bytes, add version 1.1 from the card, and see
 * both versions in the Versions list. Every step is a click or keystroke in the page.
 */

import { randomBytes } from 'node:crypto';
import {
  launchChromium,
  type PageAlarms,
  WorkspacePage,
  watchForScripts,
} from '@gongwu/slack-emulator/testing/browser';
import type { Browser, Locator, Page } from 'playwright-core';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

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
const pdf = (text: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n${text}\n`), randomBytes(3000)]);
const first = pdf('first');
const second = pdf('second');

/** The bytes behind a file chip in the open conversation, fetched as the page's person. */
async function chipBytes(chip: Locator): Promise<Buffer> {
  const href = await chip.getAttribute('href');
  if (!href) throw new Error('the file chip has no link');
  const response = await page.request.get(new URL(href, running!.emulator.url).toString());
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}

/** Closes the open modal with its own close button (the page has no Escape shortcut). */
async function closeModal(): Promise<void> {
  if (!(await ws.modal.isVisible())) return;
  await ws.modal
    .locator('.modal-footer button, footer button')
    .filter({ hasText: /Close|Cancel|Done/ })
    .first()
    .click();
  await ws.modal.waitFor({ state: 'detached' });
}

describe('a file through the page', () => {
  let reference = '';

  it('is uploaded with /files: the file picked, the details typed, the card arrives in the DM', async () => {
    await ws.open(FIONA);
    await ws.send('/files');
    await ws.modal.getByRole('heading', { name: 'Add to the library' }).waitFor();
    await ws.modal.locator('input[type="file"]').setInputFiles({
      name: 'budget-2027.pdf',
      mimeType: 'application/pdf',
      buffer: first,
    });
    await ws.field('Title').input.fill('年度預算報告');
    await ws.field('Abstract').input.fill('The 2027 budget, by department.');
    await ws.field('Keywords').input.fill('預算, budget');
    await ws.modal.getByRole('button', { name: 'Upload' }).click();

    const stored = ws.message('Stored in the library as');
    await stored.first().waitFor();
    reference = /FILE-\d{4}-\d{4}/.exec((await stored.first().textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(await stored.first().textContent()).toContain('年度預算報告');
    // The "being processed" modal is the app's last word on the form; close it as a person would.
    await closeModal();
  });

  it('is found by a two-character Chinese word and downloaded into the DM, byte for byte', async () => {
    await ws.send('/files search 預算');
    const results = ws.message(reference);
    await results.last().waitFor();
    expect(await results.last().textContent()).toContain('年度預算報告');
    await results.last().getByRole('button', { name: 'Download' }).first().click();

    const chip = page
      .locator('.messages .message a.file-chip')
      .filter({ hasText: /budget-2027|年度預算報告/ });
    await chip.first().waitFor();
    expect((await chipBytes(chip.first())).equals(first)).toBe(true);
  });

  it('gets version 1.1 from its card; Versions lists both with their notes', async () => {
    const card = ws.message('Stored in the library as').first();
    await card.getByRole('button', { name: 'New version' }).click();
    await ws.modal.getByRole('heading', { name: 'New version' }).waitFor();
    await ws.modal.locator('input[type="file"]').setInputFiles({
      name: 'budget-2027-v2.pdf',
      mimeType: 'application/pdf',
      buffer: second,
    });
    await ws.field('Version label').input.fill('1.1');
    await ws.field('Change note').input.fill('Finance figures corrected');
    await ws.modal.getByRole('button', { name: /Upload|Save|Submit/ }).click();

    const updated = ws.message('Stored in the library as').filter({ hasText: '1.1' });
    await updated.last().waitFor();
    await closeModal();

    await updated.last().getByRole('button', { name: 'Versions' }).click();
    await ws.modal.getByRole('heading', { name: 'Versions' }).waitFor();
    const list = (await ws.modal.textContent()) ?? '';
    expect(list).toContain('1.0');
    expect(list).toContain('1.1');
    expect(list).toContain('Finance figures corrected');

    // The newest version comes first in the list; its Download brings the new bytes.
    await ws.modal
      .getByRole('button', { name: /Download/ })
      .first()
      .click();
    await closeModal();
    const chip = page
      .locator('.messages .message a.file-chip')
      .filter({ hasText: /budget-2027-v2|年度預算報告/ });
    await chip.last().waitFor();
    expect((await chipBytes(chip.last())).equals(second)).toBe(true);
    expect(alarms.errors).toEqual([]);
    expect(alarms.dialogs).toEqual([]);
  });
});
