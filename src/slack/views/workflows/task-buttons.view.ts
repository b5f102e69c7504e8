import type { ActionsBlock } from '@slack/types';
import type { Translate } from '../../i18n';
import { ACTION_IDS, BLOCK_IDS } from '../../ids';

type Style = 'primary' | 'danger';
// Keys in the order the cards have always had (style before value): tests read the cards as JSON.
const button = (
  t: Translate,
  actionId: string,
  label: Parameters<Translate>[0],
  value: number,
  style?: Style,
) => ({
  type: 'button' as const,
  action_id: actionId,
  ...(style ? { style } : {}),
  value: String(value),
  text: { type: 'plain_text' as const, text: t(label) },
});

/** Decision buttons; the block id carries the task so several tasks can share one message. */
export function taskButtons(t: Translate, taskId: number, instanceId: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: `${BLOCK_IDS.taskActions}:${taskId}`,
    elements: [
      button(t, ACTION_IDS.approve, 'wf.button.approve', taskId, 'primary'),
      // Approve with the approver's opinion, through a modal; plain Approve stays one click.
      button(t, ACTION_IDS.approveWithComment, 'wf.button.approveWithComment', taskId),
      button(t, ACTION_IDS.reject, 'wf.button.reject', taskId, 'danger'),
      button(t, ACTION_IDS.return, 'wf.button.return', taskId),
      button(t, ACTION_IDS.transfer, 'wf.button.transfer', taskId),
      button(t, ACTION_IDS.comment, 'wf.button.comment', instanceId),
      button(t, ACTION_IDS.details, 'wf.button.details', instanceId),
    ],
  };
}
