import type { WebClient } from '@slack/web-api';
import type { Locale } from '../../config';
import type { FanoutItem } from '../../db/repositories/fanout.repository';
import type { FanoutPurpose } from '../../delivery/fanout-sender';
import {
  type AnnouncementService,
  type AnnouncementView,
  type NoticeSubject,
  PURPOSES,
} from '../../domain/announcements';
import type { Directory } from '../../domain/org/directory.service';
import type { Logger } from '../../logger';
import { translator } from '../i18n';
import type { UserContextResolver } from '../user-context';
import { announcementMessage, withdrawnMessage } from '../views/announcements/announcement-message.view';
import { authorNotice } from '../views/announcements/author-notice.view';

/**
 * The fan-out purposes of announcements. `render` runs when the item's turn comes and renders from
 * the current state, through the domain's `viewForCopy` check: an item that is not published with
 * an approved version, has expired, was retracted, or is addressed to anything but one of its
 * targets renders nothing and is skipped — whatever row reached the fan-out table.
 */
export interface PurposeDeps {
  /** For conversations.info / conversations.join (the fan-out client sends the messages). */
  client: WebClient;
  users: UserContextResolver;
  logger: Logger;
  announcements: AnnouncementService;
  directory: Pick<Directory, 'findPerson'>;
  /** Follow-up items were inserted (a notice, an update of a late copy): send them now. */
  kick(): void;
  /** The organisation's language and time zone: copies whose reader is unknown. */
  locale: Locale;
  timezone: string;
}

const subjectOf = (item: FanoutItem) => item.subject as unknown as NoticeSubject;

export function announcementPurposes(deps: PurposeDeps): Record<string, FanoutPurpose> {
  /**
   * The language of a copy. A DM copy (a restricted item sent to its readers) speaks its reader's
   * language and time zone; a channel copy is read by many, so it speaks its author's language
   * (its labels then match the text they wrote) in the organisation's time zone.
   */
  const copyLanguage = async (view: AnnouncementView, target: string | undefined) => {
    const { locale, timezone } = deps;
    const dm = target !== undefined && /^[UW]/.test(target);
    const reader = dm ? target : view.author.slackUserId;
    if (!reader) return { t: translator(locale), locale, timezone };
    const ctx = await deps.users.resolve(reader, await deps.directory.findPerson(reader).catch(() => null));
    return { t: ctx.t, locale: ctx.locale, timezone: dm ? ctx.timezone : timezone };
  };
  /**
   * The target a copy was posted for: a post addresses it, an update or withdrawal addresses the
   * copy's conversation (`postedOnly`: a copy still standing, as an update needs).
   */
  const targetOf = async (item: FanoutItem, announcementId: number, postedOnly = false) =>
    item.method === 'post'
      ? item.channel
      : (await deps.announcements.postedCopies(announcementId)).find(
          (copy) => copy.channel === item.channel && (!postedOnly || copy.state === 'posted'),
        )?.target;
  const settled = async (item: FanoutItem) => {
    await deps.announcements.recordSettledItem(item);
    deps.kick();
  };

  /** A restricted item goes to private conversations only: checked again with Slack at send time. */
  const isPrivate = async (channel: string): Promise<boolean> => {
    if (/^[UWD]/.test(channel)) return true;
    const info = await deps.client.conversations.info({ channel }).catch(() => undefined);
    return info?.channel?.is_private === true || info?.channel?.is_im === true;
  };

  const post: FanoutPurpose = {
    async render(item) {
      const { announcementId } = subjectOf(item);
      // An update addresses the copy's conversation; the copy's target is what was checked.
      const target = await targetOf(item, announcementId, true);
      if (!target) return null;
      const view = await deps.announcements.viewForCopy(announcementId, target);
      if (!view) return null;
      if (view.content.audience === 'departments' && !(await isPrivate(item.channel))) {
        deps.logger.error(
          { announcement: view.reference, channel: item.channel },
          'restricted announcement refused for a public channel',
        );
        return null;
      }
      // The current count: a post, a correction's update and a coalesced refresh all show it.
      const ackCount = view.content.requireAck
        ? await deps.announcements.acknowledgementCount(view.id)
        : null;
      const { t, locale, timezone } = await copyLanguage(view, target);
      return announcementMessage(t, view, { ackCount, edited: view.edited, locale, timezone });
    },
    async onPermanentError(item, error) {
      // The bot may join a public channel by itself; a private one needs an invitation.
      if (error !== 'not_in_channel' || !item.channel.startsWith('C')) return 'fail';
      const joined = await deps.client.conversations.join({ channel: item.channel }).catch(() => undefined);
      return joined?.ok ? 'retry' : 'fail';
    },
    settled,
  };

  const withdrawn: FanoutPurpose = {
    async render(item) {
      const { announcementId } = subjectOf(item);
      const view = await deps.announcements.readAnnouncementView(announcementId);
      if (view.status !== 'retracted' && view.status !== 'expired') return null;
      const { t, timezone } = await copyLanguage(view, await targetOf(item, announcementId));
      return withdrawnMessage(t, view, timezone);
    },
    settled,
  };

  const notice: FanoutPurpose = {
    async render(item) {
      const subject = subjectOf(item);
      const view = await deps.announcements.readAnnouncementView(subject.announcementId);
      const ctx = await deps.users.resolve(
        item.channel,
        await deps.directory.findPerson(item.channel).catch(() => null),
      );
      switch (subject.notice) {
        case 'published': {
          // The "posted" DM brought in line after a withdrawal or expiry: no buttons left.
          if (item.method === 'update')
            return view.status === 'published' ? null : authorNotice(ctx.t, view, { notice: 'closed' });
          if (view.status !== 'published') return null;
          const copies = (await deps.announcements.postedCopies(view.id)).filter((c) => c.state === 'posted');
          return authorNotice(ctx.t, view, { notice: 'published', copies });
        }
        case 'failed':
          return authorNotice(ctx.t, view, {
            notice: 'failed',
            target: subject.target ?? '',
            error: subject.error ?? 'unknown',
          });
        case 'withdrawn':
        case 'expired':
          return authorNotice(ctx.t, view, { notice: subject.notice });
      }
    },
    async settled(item) {
      await deps.announcements.recordSettledNotice(item);
      deps.kick();
    },
  };

  return { [PURPOSES.post]: post, [PURPOSES.withdrawn]: withdrawn, [PURPOSES.notice]: notice };
}
