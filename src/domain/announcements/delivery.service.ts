import type { Tx } from '../tx';
import type { AnnouncementDeps } from './deps';
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
import type { FanoutItem, FanoutItemInsert } from './model';

const isChaseItem = (item: FanoutItem) => (item.subject as unknown as PostSubject).chase === true;

export type Delivery = ReturnType<typeof createDelivery>;

/** What the sends of an announcement mean for it once they settle. */
export function createDelivery({
  store,
  clock,
  settings,
}: Pick<AnnouncementDeps, 'store' | 'clock' | 'settings'>) {
  /**
   * Once an item is withdrawn or expired, the author's "posted" DM loses its Edit and Withdraw
   * buttons: called by the withdrawal (in its transaction), and when that DM settles (it may have
   * been sent while the withdrawal committed). Deterministic keys: twice inserts nothing new.
   */
  async function closeAuthorNotice(announcementId: number, tx?: Tx): Promise<void> {
    const closing = (await store.findFanoutItems(noticeBatch(announcementId)))
      .filter(isPublishedNotice)
      .map(closedNoticeItem)
      .filter((item): item is FanoutItemInsert => item !== null);
    if (closing.length) await store.insertFanoutItems(closing, tx);
  }

  /** The author's "posted" DM settled: sent after a withdrawal that committed meanwhile, it is closed. */
  async function recordSettledNotice(item: FanoutItem): Promise<void> {
    if (!isPublishedNotice(item)) return;
    const { announcementId } = item.subject as unknown as PostSubject;
    const announcement = await store.findAnnouncement(announcementId);
    if (announcement && announcement.status !== 'published') await closeAuthorNotice(announcementId);
  }

  /**
   * What a settled fan-out item means for the announcement (the purposes' `settled` hooks): a
   * posted copy is recorded, a copy posted after a correction or a retraction is brought in line,
   * a failed target is reported to the author, and once every target has settled the author hears
   * that publication is done. Idempotent: every follow-up has a deterministic key.
   */
  async function recordSettledItem(item: FanoutItem): Promise<void> {
    const { announcementId } = item.subject as unknown as PostSubject;
    const announcement = await store.findAnnouncement(announcementId);
    if (!announcement) return;
    const author = await store.findPersonById(announcement.authorPersonId);
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
        await store.recordPost(post);
        const row = { ...post, id: '', state: 'posted' as const, postedAt: clock.now() };
        // Posted while a retraction or a correction was being committed: bring this copy in line.
        if (announcement.status === 'retracted' || announcement.status === 'expired')
          followUps.push(...withdrawItems(announcementId, [row], settings.withdrawMode));
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
      const progress = await store.fanoutProgress(publishBatch(announcementId));
      if (
        progress.pending === 0 &&
        progress.sent > 0 &&
        author?.slackUserId &&
        announcement.status === 'published'
      )
        followUps.push(noticeItem(announcementId, author.slackUserId, { notice: 'published' }, 'published'));
    } else if (item.purpose === PURPOSES.post && item.method === 'update' && item.status === 'sent') {
      await store.markPosts(announcementId, item.channel, {
        versionShown: announcement.publishedVersion ?? 1,
      });
    } else if (item.purpose === PURPOSES.withdrawn && item.status === 'sent' && !isChaseItem(item)) {
      await store.markPosts(announcementId, item.channel, {
        state: item.method === 'delete' ? 'deleted' : 'withdrawn',
      });
    }
    if (followUps.length) await store.insertFanoutItems(followUps);
  }

  return { closeAuthorNotice, recordSettledNotice, recordSettledItem };
}
