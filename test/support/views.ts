import { messageBlockProblems, viewProblems } from '@gongwu/slack-emulator';
import type { Locale } from '../../src/config';
import { type Translate, translator } from '../../src/slack/i18n';

/**
 * What the view tests (test/unit/slack/views/) read rendered Block Kit with: the reader in each
 * language, the text and the buttons of what was rendered, and the Block Kit limit checks the
 * emulator applies. What they render lives in view-fixtures.ts.
 */

export interface Reader {
  t: Translate;
  locale: Locale;
  timezone: string;
}

export const EN: Reader = { t: translator('en'), locale: 'en', timezone: 'Asia/Taipei' };
export const ZH: Reader = { t: translator('zh-TW'), locale: 'zh-TW', timezone: 'Asia/Taipei' };

/** Every `text` string in a rendered value (blocks, a view, a message), in order, one a line. */
export function textOf(value: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return texts.join('\n');
}

export interface ButtonSeen {
  actionId: string;
  value: string | undefined;
  label: string;
  style: string | undefined;
}

/** Every button in rendered blocks, in order. */
export function buttonsOf(value: unknown): ButtonSeen[] {
  const found: ButtonSeen[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const element = node as {
        type?: unknown;
        action_id?: string;
        value?: string;
        style?: string;
        text?: unknown;
      };
      if (element.type === 'button') {
        found.push({
          actionId: String(element.action_id),
          value: element.value,
          label: textOf(element.text),
          style: element.style,
        });
      }
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(value);
  return found;
}

/** The problems Slack would answer for a message's blocks (none expected). */
export const messageProblems = (message: { blocks: unknown }) => messageBlockProblems(message.blocks);
export const modalProblems = (view: unknown) => viewProblems(view, 'modal');
