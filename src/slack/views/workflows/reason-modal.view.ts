import type { ModalView } from '@slack/types';
import type { Translate } from '../../i18n';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../ids';

/**
 * What a reason/comment modal is for; travels in private_metadata and is parsed back with zod.
 * `approve`: Approve with the approver's opinion (the one-click Approve takes none).
 */
export type ReasonPurpose =
  | { kind: 'approve'; taskId: number }
  | { kind: 'reject'; taskId: number }
  | { kind: 'return'; taskId: number }
  | { kind: 'comment'; instanceId: number }
  | { kind: 'transfer'; taskId: number };

export const REASON_MAX_LENGTH = 2000;

/** The text field's label and hint by purpose: a comment needs no hint, an opinion is not a reason. */
const FIELD_TEXT = {
  approve: { label: 'wf.modal.opinion.label', hint: 'wf.modal.opinion.hint' },
  reject: { label: 'wf.modal.reason.label', hint: 'wf.modal.reason.hint' },
  return: { label: 'wf.modal.reason.label', hint: 'wf.modal.reason.hint' },
  transfer: { label: 'wf.modal.reason.label', hint: 'wf.modal.reason.hint' },
  comment: { label: 'wf.modal.comment.label', hint: null },
} as const;

/**
 * `listUrl`: the response_url of the /approvals list the button was clicked in, so the list is
 * shown again without the decided task once the decision commits.
 */
export function reasonModal(t: Translate, purpose: ReasonPurpose, listUrl?: string): ModalView {
  const text = FIELD_TEXT[purpose.kind];
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.reasonForm,
    private_metadata: JSON.stringify(listUrl ? { ...purpose, listUrl } : purpose),
    title: { type: 'plain_text', text: t(`wf.modal.${purpose.kind}.title`).slice(0, 24) },
    submit: {
      type: 'plain_text',
      text: t(purpose.kind === 'approve' ? 'wf.button.approve' : 'wf.modal.submit').slice(0, 24),
    },
    close: { type: 'plain_text', text: t('wf.modal.cancel').slice(0, 24) },
    blocks: [
      ...(purpose.kind === 'transfer'
        ? [
            {
              type: 'input' as const,
              block_id: BLOCK_IDS.transferTarget,
              label: { type: 'plain_text' as const, text: t('wf.modal.transfer.to') },
              element: { type: 'users_select' as const, action_id: ACTION_IDS.transferUser },
            },
          ]
        : []),
      {
        type: 'input',
        block_id: BLOCK_IDS.reasonInput,
        label: { type: 'plain_text', text: t(text.label) },
        ...(text.hint ? { hint: { type: 'plain_text', text: t(text.hint) } } : {}),
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.reasonText,
          multiline: true,
          max_length: REASON_MAX_LENGTH,
        },
      },
    ],
  };
}
