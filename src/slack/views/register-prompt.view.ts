import type { KnownBlock } from '@slack/types';
import type { Translate } from '../i18n';
import { ACTION_IDS } from '../ids';
import { section } from './blocks';

/** Someone not in the directory: what to do, and a Register button that starts it. */
export function registerPrompt(t: Translate, text: string): KnownBlock[] {
  return [
    section(text),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.register,
          style: 'primary',
          text: { type: 'plain_text', text: t('register.button') },
        },
      ],
    },
  ];
}
