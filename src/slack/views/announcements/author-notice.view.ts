import type { KnownBlock } from '@slack/types';
import type { AnnouncementView } from '../../../domain/announcements';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, section } from '../blocks';
import { ANNOUNCEMENT_ACTIONS } from './announcement-message.view';
import { retractButton } from './list.view';

/**
 * The author's DMs about an item: posted (with Edit, the acknowledgement buttons and Withdraw),
 * that DM closed once the item is withdrawn or expired, a target that failed, withdrawn, expired.
 */
export type AuthorNotice =
  | { notice: 'published'; copies: ReadonlyArray<{ channel: string; target: string }> }
  | { notice: 'closed' }
  | { notice: 'failed'; target: string; error: string }
  | { notice: 'withdrawn' | 'expired' };

const KNOWN_FAILURES = ['not_in_channel', 'channel_not_found', 'is_archived'] as const;

export function authorNotice(
  t: Translate,
  view: AnnouncementView,
  notice: AuthorNotice,
): { text: string; blocks?: KnownBlock[] } {
  const vars = { reference: view.reference, title: escapeMrkdwn(view.content.title) };
  switch (notice.notice) {
    case 'published': {
      const channels = notice.copies.filter((c) => !/^[UW]/.test(c.target)).map((c) => `<#${c.channel}>`);
      const dms = notice.copies.length - channels.length;
      const targets = [...channels, ...(dms ? [t('ann.notice.dms', { count: dms })] : [])].join(', ') || '—';
      const text = t('ann.notice.published', { ...vars, targets });
      return { text, blocks: [section(text), manageButtons(t, view)] };
    }
    case 'closed': {
      const text = t(`ann.notice.published.${view.status === 'expired' ? 'expired' : 'withdrawn'}`, vars);
      return { text, blocks: [section(text), context(view.reference)] };
    }
    case 'failed': {
      const known = KNOWN_FAILURES.find((error) => error === notice.error);
      const reason = known
        ? t(`ann.notice.failed.${known}`, { reference: view.reference })
        : `\`${escapeMrkdwn(notice.error)}\``;
      const target = /^[UW]/.test(notice.target) ? `<@${notice.target}>` : `<#${notice.target}>`;
      const text = t('ann.notice.failed', { ...vars, target, reason });
      return { text, blocks: [section(text), context(view.reference)] };
    }
    case 'withdrawn':
    case 'expired': {
      const who = view.withdrawnBy?.slackUserId ? `<@${view.withdrawnBy.slackUserId}>` : '—';
      return { text: t(`ann.notice.${notice.notice}`, { ...vars, who }) };
    }
  }
}

/** The author's buttons on a published item: Edit, the acknowledgement ones, Withdraw. */
function manageButtons(t: Translate, view: AnnouncementView): KnownBlock {
  const value = String(view.id);
  const button = (actionId: string, text: string) => ({
    type: 'button' as const,
    action_id: actionId,
    value,
    text: { type: 'plain_text' as const, text },
  });
  return {
    type: 'actions',
    block_id: `announcement_manage:${view.id}`,
    elements: [
      button(ANNOUNCEMENT_ACTIONS.edit, t('ann.button.edit')),
      ...(view.content.requireAck
        ? [
            button(ANNOUNCEMENT_ACTIONS.ackStatus, t('ann.button.ackStatus')),
            button(ANNOUNCEMENT_ACTIONS.chase, t('ann.button.chase')),
          ]
        : []),
      retractButton(t, value),
    ],
  };
}
