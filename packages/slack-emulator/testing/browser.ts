import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (which downloads no browser of its own). A missing
 * browser fails the tests with what to install: CI installs it, so a skip would hide a gap.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package ` +
        '(apt-get update && apt-get install -y chromium), or CHROMIUM_PATH pointing at a Chromium.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Things a script in the page must never do; recorded so a test can say none happened. */
export interface PageAlarms {
  dialogs: string[];
  errors: string[];
}

export function watchForScripts(page: Page): PageAlarms {
  const alarms: PageAlarms = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    alarms.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => alarms.errors.push(error.message));
  return alarms;
}

/** The local workspace page, driven as a person would: the switcher, the composer, clicks. */
export class WorkspacePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(userId: string, view = 'app-messages'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?as=${userId}&view=${view}`);
    await this.page.locator(`#app[data-user="${userId}"]`).waitFor();
  }

  /** Picks a person in the switcher by the name shown there. */
  async switchTo(name: string, userId: string): Promise<void> {
    await this.page.getByRole('button', { name: /Switch person|切換人員/ }).click();
    await this.page.getByRole('option', { name: new RegExp(name) }).click();
    await this.page.locator(`#app[data-user="${userId}"]`).waitFor();
  }

  get composer(): Locator {
    return this.page.locator('.composer-input');
  }

  /** Types into the composer and presses Enter, as a person sends a message or a command. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.page.keyboard.press('Escape');
    await this.composer.press('Enter');
  }

  get modal(): Locator {
    return this.page.locator('.modal');
  }

  /** A message in the open conversation that contains `text`. */
  message(text: string | RegExp): Locator {
    return this.page.locator('.messages .message').filter({ hasText: text });
  }

  /** The field of the open modal labelled `label`, and the block around it (for its error). */
  field(label: string): { input: Locator; block: Locator } {
    const block = this.modal.locator('.input-block').filter({
      has: this.page.locator('.input-label', {
        hasText: new RegExp(`^${escapeRegExp(label)}(?: \\(.*\\))?$`),
      }),
    });
    return { input: block.locator('input.input, textarea.input, select.select').first(), block };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
