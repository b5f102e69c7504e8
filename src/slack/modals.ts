import type { ModalView } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';

/**
 * A modal can be opened only with a trigger_id, which Slack lets live 3 s and exchanges once.
 * When Slack refuses the trigger (a slow answer, a replayed click) nothing the app does can open
 * that modal: the person is asked to click again (replies.ts), never left with nothing.
 */
export class ModalNotOpenedError extends Error {
  constructor(readonly slackError: string) {
    super(`modal not opened: ${slackError}`);
    this.name = 'ModalNotOpenedError';
  }
}

const TRIGGER_ERRORS = new Set(['expired_trigger_id', 'invalid_trigger_id', 'exchanged_trigger_id']);

/**
 * The one way listeners open a modal, so every one of them reports a dead trigger alike. `onTop`:
 * the click came from inside a modal, where Slack wants the new view pushed onto its stack.
 */
export async function openModal(
  client: WebClient,
  triggerId: string,
  view: ModalView,
  options: { onTop?: boolean } = {},
): Promise<void> {
  try {
    if (options.onTop) await client.views.push({ trigger_id: triggerId, view });
    else await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    const failure = error as { code?: unknown; data?: { error?: unknown } };
    const code = failure.code === ErrorCode.PlatformError ? String(failure.data?.error ?? '') : '';
    if (TRIGGER_ERRORS.has(code)) throw new ModalNotOpenedError(code);
    throw error;
  }
}
