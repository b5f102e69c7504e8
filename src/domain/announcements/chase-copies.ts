import type { Tx } from '../tx';
import type { AnnouncementDeps } from './deps';
import { CHASE_PURPOSE, type ChaseSubject, chaseBatch, withdrawChaseItems } from './fanout-items';
import type { FanoutItem, FanoutItemInsert } from './model';

/** Sent chase DMs updated to show `version` (a correction): rendered by the chase purpose. */
export const chaseUpdateItems = (announcementId: number, version: number, chases: readonly FanoutItem[]) =>
  chases.map(
    (chased): FanoutItemInsert => ({
      itemKey: `${chased.itemKey}-v${version}`,
      batchKey: `ann-${announcementId}-v${version}-update`,
      purpose: CHASE_PURPOSE,
      method: 'update',
      channel: chased.resultChannel ?? chased.channel,
      ts: chased.resultTs,
      subject: { announcementId, person: chased.channel } satisfies ChaseSubject,
      priority: 9,
    }),
  );

export type ChaseCopies = ReturnType<typeof createChaseCopies>;

/**
 * The chase DMs sent so far (every round): each shows the item and its Acknowledge button, so each
 * is brought in line after a correction (the new text) or a withdrawal (the "withdrawn" notice).
 */
export function createChaseCopies({ store, settings }: Pick<AnnouncementDeps, 'store' | 'settings'>) {
  async function sentChaseDms(announcementId: number, tx: Tx): Promise<FanoutItem[]> {
    const last = await store.lastChase(announcementId, tx);
    const sent: FanoutItem[] = [];
    for (let round = 1; round <= (last?.round ?? 0); round++)
      for (const item of await store.findFanoutItems(chaseBatch(announcementId, round)))
        if (item.method === 'post' && item.status === 'sent' && item.resultTs) sent.push(item);
    return sent;
  }

  /**
   * A chase DM settled. One sent while a withdrawal or a correction was being committed was missed
   * by it: it is withdrawn, or shown again at the current version (deterministic keys: an update
   * that exists already is not added twice).
   */
  async function recordSettledChase(item: FanoutItem): Promise<void> {
    if (item.method !== 'post' || item.status !== 'sent' || !item.resultTs) return;
    const { announcementId } = item.subject as unknown as ChaseSubject;
    const announcement = await store.findAnnouncement(announcementId);
    if (!announcement) return;
    if (announcement.status === 'retracted' || announcement.status === 'expired')
      await store.insertFanoutItems(withdrawChaseItems(announcementId, [item], settings.withdrawMode));
    else if ((announcement.publishedVersion ?? 1) > 1)
      await store.insertFanoutItems(chaseUpdateItems(announcementId, announcement.publishedVersion!, [item]));
  }

  return { sentChaseDms, recordSettledChase };
}
