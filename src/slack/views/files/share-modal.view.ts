import type { KnownBlock, ModalView } from '@slack/types';
import type { StoredFile } from '../../../domain/files/store';
import type { Translate } from '../../i18n';
import { escapeMrkdwn, section, truncate } from '../blocks';
import { FILE_CALLBACKS } from './file-summary.view';

/** The Share modal's inputs: block id and action id of each. */
export const SHARE_INPUTS = {
  channels: { block: 'file_share_channels', action: 'channels' },
  people: { block: 'file_share_people', action: 'people' },
  scope: { block: 'file_share_scope', action: 'add_to_scope' },
} as const;

/** At most this many of each: the cards are posted while the sharer waits. */
export const MAX_SHARE_TARGETS = 5;

/**
 * Share: where to post the file's card (channels, people's DMs). Its owners also see a checkbox
 * that adds the chosen channels and people to the sharing scope; without it the card is posted
 * and only people already in scope can download. The reference travels in private_metadata and
 * is checked again on submit.
 */
export function shareModal(t: Translate, props: { file: StoredFile; owner: boolean }): ModalView {
  const { file } = props;
  const blocks: KnownBlock[] = [
    section(t('fileReview.share.intro', { title: escapeMrkdwn(file.title), reference: file.reference })),
    {
      type: 'input',
      block_id: SHARE_INPUTS.channels.block,
      optional: true,
      label: { type: 'plain_text', text: t('fileReview.share.channels') },
      hint: { type: 'plain_text', text: t('fileReview.share.channelsHint') },
      element: {
        type: 'multi_conversations_select',
        action_id: SHARE_INPUTS.channels.action,
        max_selected_items: MAX_SHARE_TARGETS,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    },
    {
      type: 'input',
      block_id: SHARE_INPUTS.people.block,
      optional: true,
      label: { type: 'plain_text', text: t('fileReview.share.people') },
      hint: { type: 'plain_text', text: t('fileReview.share.peopleHint') },
      element: {
        type: 'multi_users_select',
        action_id: SHARE_INPUTS.people.action,
        max_selected_items: MAX_SHARE_TARGETS,
      },
    },
  ];
  if (props.owner)
    blocks.push({
      type: 'input',
      block_id: SHARE_INPUTS.scope.block,
      optional: true,
      label: { type: 'plain_text', text: t('fileReview.share.scope') },
      element: {
        type: 'checkboxes',
        action_id: SHARE_INPUTS.scope.action,
        options: [
          {
            value: 'add',
            text: { type: 'plain_text', text: truncate(t('fileReview.share.addToScope'), 75) },
            description: { type: 'plain_text', text: truncate(t('fileReview.share.addToScopeHint'), 75) },
          },
        ],
      },
    });
  return {
    type: 'modal',
    callback_id: FILE_CALLBACKS.share,
    private_metadata: JSON.stringify({ reference: file.reference }),
    title: { type: 'plain_text', text: truncate(t('fileReview.share.title'), 24) },
    submit: { type: 'plain_text', text: truncate(t('fileReview.share.submit'), 24) },
    close: { type: 'plain_text', text: truncate(t('fileReview.share.cancel'), 24) },
    blocks,
  };
}
