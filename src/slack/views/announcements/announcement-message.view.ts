import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import { isoDateIn } from '../../../date-time-format';
import type { AnnouncementView } from '../../../domain/announcements';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, header, section, truncate } from '../blocks';
import { localized } from '../format';

/**
 * The one standard format of a posted announcement (contract with the fan-out helper, whose
 * acknowledgement refresh renders it too): category badge, title, body, department, publication
 * date, reference, and an Acknowledge button when acknowledgement is required. The approval card
 * previews exactly this (with the button's action id swapped so a reviewer's click records nothing).
 */

export const ANNOUNCEMENT_ACTIONS = {
  ack: 'announcement_ack',
  ackPreview: 'announcement_ack_preview',
  ackStatus: 'announcement_ack_status',
  chase: 'announcement_chase',
  edit: 'announcement_edit',
  retract: 'announcement_retract',
} as const;

const CATEGORY_EMOJI: Record<AnnouncementView['content']['category'], string> = {
  notice: '📢',
  work_update: '📰',
  policy: '📜',
  business_material: '📁',
};

/** YYYY-MM-DD in the zone. */
export function dateIn(iso: string, timezone: string): string {
  return isoDateIn(new Date(iso), timezone);
}

/** The publication date: the scheduled time when there is one, else the approval. */
export function publicationDate(view: AnnouncementView): string | null {
  const { publishAt } = view.content;
  if (publishAt && (!view.publishedAt || publishAt > view.publishedAt)) return publishAt;
  return view.publishedAt;
}

export function announcementMessage(
  t: Translate,
  view: AnnouncementView,
  options: {
    ackCount: number | null;
    edited: boolean;
    /** The reader's, or for a channel copy the author's language and the organisation's zone. */
    locale: Locale;
    timezone: string;
    preview?: boolean;
  },
): { text: string; blocks: KnownBlock[] } {
  const { locale, timezone } = options;
  const { content } = view;
  const category = t(`ann.category.${content.category}`);
  const badges = [`${CATEGORY_EMOJI[content.category]} *${escapeMrkdwn(category)}*`];
  if (content.importance === 'important') badges.push(t('ann.badge.important'));
  if (content.audience === 'departments')
    badges.push(
      t('ann.badge.restricted', {
        departments: escapeMrkdwn(view.audienceDepartments.map((d) => localized(d, locale)).join(', ')),
      }),
    );
  const published = publicationDate(view);
  const meta = t('ann.msg.meta', {
    department: escapeMrkdwn(view.department ? localized(view.department.name, locale) : '—'),
    date: published ? dateIn(published, timezone) : '—',
    reference: view.reference,
  });
  const blocks: KnownBlock[] = [
    context(badges.join('  ·  ')),
    header(content.title),
    // The body is the author's mrkdwn, reviewed as such; at most 3000 characters (the composer's limit).
    section(content.body),
    context(meta + (options.edited ? t('ann.msg.edited') : '')),
  ];
  if (content.requireAck) {
    blocks.push({
      type: 'actions',
      block_id: `announcement_ack:${view.id}`,
      elements: [
        {
          type: 'button',
          action_id: options.preview ? ANNOUNCEMENT_ACTIONS.ackPreview : ANNOUNCEMENT_ACTIONS.ack,
          value: String(view.id),
          style: 'primary',
          text: { type: 'plain_text', text: t('ann.msg.ackButton') },
        },
      ],
    });
    if (options.ackCount !== null) blocks.push(context(t('ann.msg.ackCount', { count: options.ackCount })));
  }
  return { text: truncate(`${category} · ${content.title} · ${view.reference}`, 300), blocks };
}

/** What replaces every posted copy once the item is retracted or has expired. */
export function withdrawnMessage(
  t: Translate,
  view: AnnouncementView,
  timezone: string,
): { text: string; blocks: KnownBlock[] } {
  const date = view.withdrawnAt ? dateIn(view.withdrawnAt, timezone) : '—';
  const vars = { reference: view.reference, title: escapeMrkdwn(view.content.title), date };
  const text =
    view.status === 'expired'
      ? t('ann.msg.expired', vars)
      : t('ann.msg.withdrawn', {
          ...vars,
          who: view.withdrawnBy?.slackUserId
            ? `<@${view.withdrawnBy.slackUserId}>`
            : escapeMrkdwn(view.withdrawnBy?.name ?? ''),
        });
  return { text, blocks: [section(text)] };
}

/** A chase DM: a line asking the reader to acknowledge, then the item with its Acknowledge button. */
export function chaseMessage(
  ctx: { t: Translate; locale: Locale; timezone: string },
  view: AnnouncementView,
): { text: string; blocks: KnownBlock[] } {
  const line = ctx.t('ack.chase.dm', {
    author: view.author.slackUserId ? `<@${view.author.slackUserId}>` : escapeMrkdwn(view.author.name),
    title: escapeMrkdwn(view.content.title),
    reference: view.reference,
  });
  const message = announcementMessage(ctx.t, view, {
    ackCount: null,
    edited: view.edited,
    locale: ctx.locale,
    timezone: ctx.timezone,
  });
  return { text: line, blocks: [section(line), ...message.blocks] };
}
