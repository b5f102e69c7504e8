import type { KnownBlock } from '@slack/types';
import type { StatusResult } from '../../../domain/announcements/acknowledgements';
import type { Translate } from '../../i18n';
import { escapeMrkdwn, section } from '../blocks';
import { ANNOUNCEMENT_ACTIONS } from './announcement-message.view';

/** Names listed per group in the status reply (the rest is counted). */
const LISTED = 40;

/**
 * "Who has acknowledged" for the author or an admin: the count, the names on each side (the
 * pending as mentions), and Chase while anyone is still pending.
 */
export function ackStatusMessage(
  t: Translate,
  status: Extract<StatusResult, { outcome: 'ok' }>,
  announcementId: number,
): { text: string; blocks: KnownBlock[] } {
  const expected = status.acknowledged.length + status.pending.length;
  const names = (items: string[]) =>
    items.length === 0
      ? '—'
      : items.slice(0, LISTED).join(', ') +
        (items.length > LISTED ? t('ack.status.more', { count: items.length - LISTED }) : '');
  const text = t('ack.status.summary', {
    title: escapeMrkdwn(status.title),
    reference: status.reference,
    acked: status.acknowledged.length,
    expected,
  });
  const blocks: KnownBlock[] = [
    section(text),
    section(
      t('ack.status.acked', {
        count: status.acknowledged.length,
        names: names(status.acknowledged.map((a) => escapeMrkdwn(a.name))),
      }),
    ),
    section(
      t('ack.status.pending', {
        count: status.pending.length,
        names: names(status.pending.map((slackId) => `<@${slackId}>`)),
      }),
    ),
  ];
  if (status.pending.length > 0) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ANNOUNCEMENT_ACTIONS.chase,
          value: String(announcementId),
          text: { type: 'plain_text', text: t('ack.status.chaseButton') },
        },
      ],
    });
  }
  return { text, blocks };
}
