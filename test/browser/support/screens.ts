import { join } from 'node:path';
import { launchChromium, WorkspacePage } from '@gongwu/slack-emulator/testing/browser';
import { weekAhead } from './dates';

/**
 * The main screens of the product, taken through the local workspace page as people use it, for
 * the README (`npm run screenshots`). Needs the example organisation and the real app behind
 * the emulator at `baseUrl`; each step waits for what it shows, so a screen is never half drawn.
 * Chinese text and emoji need fonts (Debian: fonts-noto-cjk, fonts-noto-color-emoji).
 */
export const SCREENS = [
  'home-employee.png',
  'slash-commands.png',
  'leave-modal-field-error.png',
  'approver-card.png',
  'tracking-card-approved.png',
  'file-card.png',
  'file-versions.png',
  'person-switcher.png',
  'home-zh-TW.png',
] as const;

export async function captureScreens(baseUrl: string, outDir: string, log: (line: string) => void) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    const ws = new WorkspacePage(page, baseUrl);
    const shot = async (name: (typeof SCREENS)[number]) => {
      // No hover highlight, and the last refresh settled.
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(outDir, name) });
      log(`wrote docs/screenshots/${name}`);
    };
    const { tuesday, wednesday, monday } = weekAhead();

    await ws.open('U01FIONA0', 'app-home');
    await page.locator('.home .block-header').first().waitFor();
    await shot('home-employee.png');

    await ws.open('U01FIONA0');
    await ws.composer.fill('/');
    await page.locator('.suggestions:not([hidden])').waitFor();
    await shot('slash-commands.png');

    await ws.send('/leave');
    await ws.modal.getByRole('heading', { name: 'Leave request' }).waitFor();
    await ws.field('Leave type').input.selectOption('annual');
    await ws.field('From').input.fill(tuesday);
    await ws.field('To').input.fill(monday);
    await ws.field('Reason').input.fill('Family trip to Tainan');
    await ws.modal.getByRole('button', { name: 'Submit' }).click();
    await ws.field('To').block.locator('.field-error:not([hidden])').waitFor();
    await shot('leave-modal-field-error.png');
    await ws.field('To').input.fill(wednesday);
    await ws.modal.getByRole('button', { name: 'Submit' }).click();
    await ws.modal.waitFor({ state: 'detached' });
    await ws
      .message(/LV-\d{4}-\d{4}/)
      .first()
      .waitFor();

    await ws.switchTo('Daniel Wu', 'U01DANIEL');
    const card = ws.message(/LV-\d{4}-\d{4}/).filter({ has: page.getByRole('button', { name: 'Approve' }) });
    await card.waitFor();
    await shot('approver-card.png');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await ws
      .message(/LV-\d{4}-\d{4}/)
      .filter({ hasNot: page.getByRole('button', { name: 'Approve' }) })
      .first()
      .waitFor();

    await ws.switchTo('Fiona Smith', 'U01FIONA0');
    await ws
      .message(/Approved/)
      .first()
      .waitFor();
    await shot('tracking-card-approved.png');

    // The file library: a file uploaded with /files, its card in the DM, then its versions.
    await ws.send('/files');
    await ws.modal.getByRole('heading', { name: 'Add to the library' }).waitFor();
    await ws.modal.locator('input[type="file"]').setInputFiles({
      name: 'budget-2027.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n2027 budget\n%%EOF\n'),
    });
    await ws.field('Title').input.fill('2027 年度預算報告');
    await ws.field('Abstract').input.fill('The 2027 budget by department, with the figures finance agreed.');
    await ws.field('Keywords').input.fill('預算, budget, 2027');
    await ws.modal.getByRole('button', { name: 'Upload' }).click();
    const stored = ws.message('Stored in the library as');
    await stored.first().waitFor();
    await ws.modal.getByRole('button', { name: 'Close', exact: true }).click();
    await ws.modal.waitFor({ state: 'detached' });
    await shot('file-card.png');
    await stored.first().getByRole('button', { name: 'New version' }).click();
    await ws.modal.getByRole('heading', { name: 'New version' }).waitFor();
    await ws.modal.locator('input[type="file"]').setInputFiles({
      name: 'budget-2027-v2.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n2027 budget, corrected\n%%EOF\n'),
    });
    await ws.field('Version label').input.fill('1.1');
    await ws.field('Change note').input.fill('Finance figures corrected after the review');
    await ws.modal.getByRole('button', { name: /Upload|Save|Submit/ }).click();
    const updated = ws.message('Stored in the library as').filter({ hasText: '1.1' });
    await updated.last().waitFor();
    await ws.modal.getByRole('button', { name: 'Close', exact: true }).click();
    await ws.modal.waitFor({ state: 'detached' });
    await updated.last().getByRole('button', { name: 'Versions' }).click();
    await ws.modal.getByRole('heading', { name: 'Versions' }).waitFor();
    await shot('file-versions.png');
    await ws.modal.locator('.modal-footer button').first().click();
    await ws.modal.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /Switch person/ }).click();
    await page.getByRole('option').first().waitFor();
    await shot('person-switcher.png');
    await page.keyboard.press('Escape');

    await ws.open('U01EVAN00', 'app-home');
    await page.locator('.home .block-header').first().waitFor();
    await shot('home-zh-TW.png');
  } finally {
    await browser.close();
  }
}
