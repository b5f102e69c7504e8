import type { Transaction } from 'sequelize';
import { lastChase } from '../../db/repositories/acknowledgements.repository';
import { findAnnouncement } from '../../db/repositories/announcements.repository';
import {
  type FanoutItem,
  type FanoutItemInsert,
  findFanoutItems,
  insertFanoutItems,
} from '../../db/repositories/fanout.repository';
import { CHASE_PURPOSE, type ChaseSubject, chaseBatch, withdrawChaseItems } from './fanout-items';
import { announcementSettings } from './settings';

/**
 * The chase DMs sent so far (every round): each shows the item and its Acknowledge button, so each
 * is brought in line after a correction (the new text) or a withdrawal (the "withdrawn" notice).
 */
export async function sentChaseDms(announcementId: number, transaction: Transaction): Promise<FanoutItem[]> {
  const last = await lastChase(announcementId, transaction);
  const sent: FanoutItem[] = [];
  for (let round = 1; round <= (last?.round ?? 0); round++)
    for (const item of await findFanoutItems(chaseBatch(announcementId, round)))
      if (item.method === 'post' && item.status === 'sent' && item.resultTs) sent.push(item);
  return sent;
}

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

/**
 * A chase DM settled. One sent while a withdrawal or a correction was being committed was missed
 * by it: it is withdrawn, or shown again at the current version (deterministic keys: an update
 * that exists already is not added twice).
 */
export async function recordSettledChase(item: FanoutItem): Promise<void> {
  if (item.method !== 'post' || item.status !== 'sent' || !item.resultTs) return;
  const { announcementId } = item.subject as unknown as ChaseSubject;
  const announcement = await findAnnouncement(announcementId);
  if (!announcement) return;
  if (announcement.status === 'retracted' || announcement.status === 'expired')
    await insertFanoutItems(withdrawChaseItems(announcementId, [item], announcementSettings().withdrawMode));
  else if ((announcement.publishedVersion ?? 1) > 1)
    await insertFanoutItems(chaseUpdateItems(announcementId, announcement.publishedVersion!, [item]));
}
