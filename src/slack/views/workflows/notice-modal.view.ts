import type { KnownBlock, ModalView } from '@slack/types';
import type { Translate } from '../../i18n';
import { section } from '../blocks';

/**
 * A modal that only says something, with Close: what a submission is answered with when the answer
 * does not fit under a field — the form cannot be read back, or the refusal carries formatting and
 * a button (a field error is plain text) — so the person is never left waiting or misled.
 */
export function noticeModal(t: Translate, reply: { text: string; blocks?: KnownBlock[] }): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: t('wf.modal.notice.title').slice(0, 24) },
    close: { type: 'plain_text', text: t('wf.modal.close').slice(0, 24) },
    blocks: reply.blocks ?? [section(reply.text.slice(0, 3000))],
  };
}
