import type { ModalView } from '@slack/types';
import type { Translate } from '../../i18n';
import { section } from '../blocks';

/**
 * A modal that only says something, with Close: what a submission is answered with when its form
 * cannot be read back (no field to put the refusal under), so the person is never left waiting.
 */
export function noticeModal(t: Translate, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: t('wf.modal.notice.title').slice(0, 24) },
    close: { type: 'plain_text', text: t('wf.modal.close').slice(0, 24) },
    blocks: [section(text.slice(0, 3000))],
  };
}
