import type { ActionsBlock } from '@slack/types';
import type { Translate } from '../../i18n';
import { ACTION_IDS, BLOCK_IDS } from '../../ids';

/** Decision buttons; the block id carries the task so several tasks can share one message. */
export function taskButtons(t: Translate, taskId: number, instanceId: number): ActionsBlock {
  const value = String(taskId);
  return {
    type: 'actions',
    block_id: `${BLOCK_IDS.taskActions}:${taskId}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.approve,
        style: 'primary',
        value,
        text: { type: 'plain_text', text: t('wf.button.approve') },
      },
      {
        // Approve with the approver's opinion, through a modal; plain Approve stays one click.
        type: 'button',
        action_id: ACTION_IDS.approveWithComment,
        value,
        text: { type: 'plain_text', text: t('wf.button.approveWithComment') },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.reject,
        style: 'danger',
        value,
        text: { type: 'plain_text', text: t('wf.button.reject') },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.return,
        value,
        text: { type: 'plain_text', text: t('wf.button.return') },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.transfer,
        value,
        text: { type: 'plain_text', text: t('wf.button.transfer') },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.comment,
        value: String(instanceId),
        text: { type: 'plain_text', text: t('wf.button.comment') },
      },
      {
        type: 'button',
        action_id: ACTION_IDS.details,
        value: String(instanceId),
        text: { type: 'plain_text', text: t('wf.button.details') },
      },
    ],
  };
}
