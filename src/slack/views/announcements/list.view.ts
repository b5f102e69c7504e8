import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { AnnouncementSummary, Category } from '../../../domain/announcements';
import type { Translate } from '../../i18n';
import { context, divider, escapeMrkdwn, section } from '../blocks';
import { formatDateTime } from '../format';
import { ANNOUNCEMENT_ACTIONS } from './announcement-message.view';

/**
 * `/announce list` and the Home section: recent items the reader may see, newest first; the ones
 * the reader manages (author, admins) carry Edit / Withdraw (and the acknowledgement buttons).
 */
export interface ListProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  items: AnnouncementSummary[];
  category?: Category | undefined;
}

export function statusOf(t: Translate, item: AnnouncementSummary): string {
  if (item.status === 'in_review' && item.reviewStatus && item.reviewStatus !== 'in_review')
    return t(`ann.status.${item.reviewStatus as 'returned'}`);
  if (item.status === 'published' && item.publishAt && item.publishAt > new Date().toISOString())
    return t('ann.status.scheduled');
  return t(`ann.status.${item.status}`);
}

export function announcementLines(props: ListProps): KnownBlock[] {
  const { t, locale, timezone } = props;
  return props.items.flatMap((item): KnownBlock[] => {
    const line = t('ann.list.line', {
      badge: item.importance === 'important' ? '❗' : item.audience === 'departments' ? '🔒' : '📢',
      reference: item.reference,
      title: escapeMrkdwn(item.title),
      status: statusOf(t, item),
      date: formatDateTime(item.publishAt ?? item.publishedAt ?? item.createdAt, locale, timezone),
    });
    const line2 = `${t(`ann.category.${item.category}`)}${item.authorSlackId ? ` · <@${item.authorSlackId}>` : ''}`;
    const blocks: KnownBlock[] = [section(`${line}\n${line2}`)];
    if (item.manageable && item.status === 'published') {
      const value = String(item.id);
      blocks.push({
        type: 'actions',
        block_id: `announcement_manage:${item.id}`,
        elements: [
          {
            type: 'button',
            action_id: ANNOUNCEMENT_ACTIONS.edit,
            value,
            text: { type: 'plain_text', text: t('ann.button.edit') },
          },
          // Who acknowledged and Chase only for an item that asks for acknowledgement.
          ...(item.requireAck
            ? [
                {
                  type: 'button' as const,
                  action_id: ANNOUNCEMENT_ACTIONS.ackStatus,
                  value,
                  text: { type: 'plain_text' as const, text: t('ann.button.ackStatus') },
                },
                {
                  type: 'button' as const,
                  action_id: ANNOUNCEMENT_ACTIONS.chase,
                  value,
                  text: { type: 'plain_text' as const, text: t('ann.button.chase') },
                },
              ]
            : []),
          retractButton(t, value),
        ],
      });
    }
    return blocks;
  });
}

export function retractButton(t: Translate, value: string) {
  return {
    type: 'button' as const,
    action_id: ANNOUNCEMENT_ACTIONS.retract,
    value,
    style: 'danger' as const,
    text: { type: 'plain_text' as const, text: t('ann.button.retract') },
    confirm: {
      title: { type: 'plain_text' as const, text: t('ann.confirm.retract.title') },
      text: { type: 'plain_text' as const, text: t('ann.confirm.retract.text') },
      confirm: { type: 'plain_text' as const, text: t('ann.confirm.yes') },
      deny: { type: 'plain_text' as const, text: t('ann.confirm.no') },
    },
  };
}

export function announcementList(props: ListProps): { text: string; blocks: KnownBlock[] } {
  const { t } = props;
  const title = props.category
    ? t('ann.list.titleCategory', { category: t(`ann.category.${props.category}`) })
    : t('ann.list.title');
  // A message holds at most 50 blocks: 20 items of two blocks, plus the title.
  const lines = announcementLines({ ...props, items: props.items.slice(0, 20) });
  const blocks: KnownBlock[] = [section(title), ...(lines.length ? lines : [context(t('ann.list.empty'))])];
  return { text: title.replace(/\*/g, ''), blocks };
}

/** Items on the Home tab (each at most two blocks: Home views hold 100). */
export const HOME_ANNOUNCEMENTS = 5;

export function announcementHomeSection(props: ListProps): KnownBlock[] {
  const { t } = props;
  const lines = announcementLines({ ...props, items: props.items.slice(0, HOME_ANNOUNCEMENTS) });
  return [
    divider(),
    section(t('ann.home.title')),
    ...(lines.length ? [...lines, context(t('ann.home.more'))] : [context(t('ann.home.empty'))]),
  ];
}
