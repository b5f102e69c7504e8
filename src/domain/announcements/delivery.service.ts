import type { Transaction } from 'sequelize';
import { findAnnouncement, markPosts, recordPost } from '../../db/repositories/announcements.repository';
import {
  type FanoutItem,
  type FanoutItemInsert,
  fanoutProgress,
  findFanoutItems,
  insertFanoutItems,
} from '../../db/repositories/fanout.repository';
import { findPersonById } from '../../db/repositories/org.repository';
import {
  closedNoticeItem,
  isPublishedNotice,
  noticeBatch,
  noticeItem,
  type PostSubject,
  PURPOSES,
  publishBatch,
  updateItems,
  withdrawItems,
} from './fanout-items';
import { announcementSettings } from './settings';

/**
 * Once an item is withdrawn or expired, the author's "posted" DM loses its Edit and Withdraw
 * buttons: called by the withdrawal (in its transaction), and when that DM settles (it may have
 * been sent while the withdrawal committed). Deterministic keys: twice inserts nothing new.
 */
export async function closeAuthorNotice(announcementId: number, transaction?: Transaction): Promise<void> {
  const closing = (await findFanoutItems(noticeBatch(announcementId)))
    .filter(isPublishedNotice)
    .map(closedNoticeItem)
    .filter((item): item is FanoutItemInsert => item !== null);
  if (closing.length) await insertFanoutItems(closing, transaction);
}

const isChaseItem = (item: FanoutItem) => (item.subject as unknown as PostSubject).chase === true;

/** The author's "posted" DM settled: sent after a withdrawal that committed meanwhile, it is closed. */
export async function recordSettledNotice(item: FanoutItem): Promise<void> {
  if (!isPublishedNotice(item)) return;
  const { announcementId } = item.subject as unknown as PostSubject;
  const announcement = await findAnnouncement(announcementId);
  if (announcement && announcement.status !== 'published') await closeAuthorNotice(announcementId);
}

/**
 * What a settled fan-out item means for the announcement (the purposes' `settled` hooks): a
 * posted copy is recorded, a copy posted after a correction or a retraction is brought in line,
 * a failed target is reported to the author, and once every target has settled the author hears
 * that publication is done. Idempotent: every follow-up has a deterministic key.
 */
export async function recordSettledItem(item: FanoutItem): Promise<void> {
  const { announcementId } = item.subject as unknown as PostSubject;
  const announcement = await findAnnouncement(announcementId);
  if (!announcement) return;
  const author = await findPersonById(announcement.authorPersonId);
  const followUps: FanoutItemInsert[] = [];

  if (item.purpose === PURPOSES.post && item.method === 'post') {
    if (item.status === 'sent' && item.resultTs) {
      const post = {
        announcementId,
        channel: item.resultChannel ?? item.channel,
        ts: item.resultTs,
        target: item.channel,
        versionShown: announcement.publishedVersion ?? 1,
      };
      await recordPost(post);
      const row = { ...post, id: '', state: 'posted' as const, postedAt: new Date() };
      // Posted while a retraction or a correction was being committed: bring this copy in line.
      if (announcement.status === 'retracted' || announcement.status === 'expired')
        followUps.push(...withdrawItems(announcementId, [row], announcementSettings().withdrawMode));
      else if ((announcement.publishedVersion ?? 1) > 1)
        followUps.push(...updateItems(announcementId, announcement.publishedVersion!, [row]));
    } else if (item.status === 'failed' && author?.slackUserId) {
      followUps.push(
        noticeItem(
          announcementId,
          author.slackUserId,
          { notice: 'failed', target: item.channel, error: item.lastError ?? 'unknown' },
          `failed-${item.channel}`,
        ),
      );
    }
    const progress = await fanoutProgress(publishBatch(announcementId));
    if (
      progress.pending === 0 &&
      progress.sent > 0 &&
      author?.slackUserId &&
      announcement.status === 'published'
    )
      followUps.push(noticeItem(announcementId, author.slackUserId, { notice: 'published' }, 'published'));
  } else if (item.purpose === PURPOSES.post && item.method === 'update' && item.status === 'sent') {
    await markPosts(announcementId, item.channel, { versionShown: announcement.publishedVersion ?? 1 });
  } else if (item.purpose === PURPOSES.withdrawn && item.status === 'sent' && !isChaseItem(item)) {
    await markPosts(announcementId, item.channel, {
      state: item.method === 'delete' ? 'deleted' : 'withdrawn',
    });
  }
  if (followUps.length) await insertFanoutItems(followUps);
}
