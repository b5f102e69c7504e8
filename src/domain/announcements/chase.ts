import type { Transaction } from 'sequelize';
import { insertChase, lastChase } from '../../db/repositories/acknowledgements.repository';
import { findAnnouncement } from '../../db/repositories/announcements.repository';
import {
  type FanoutItem,
  type FanoutItemInsert,
  findFanoutItems,
  insertFanoutItems,
} from '../../db/repositories/fanout.repository';
import { inTransaction, lockNamed } from '../../db/repositories/transaction';
import { audit } from '../audit/audit.service';
import { requireActive } from '../workflows/actors';
import { acknowledgementStatus, type MembersOf, type StatusResult } from './acknowledgements';
import { withdrawChaseItems } from './fanout-items';
import { announcementSettings } from './settings';

/**
 * Chasing (催讀): the author or an admin sends one DM to each expected reader who has not
 * acknowledged, at most once per configured interval (else refused with the time it is allowed
 * again). The DMs are bulk fan-out items at the lowest priority; each is rendered when its turn
 * comes and skipped if that person acknowledged meanwhile.
 */
export const CHASE_PURPOSE = 'announcement.chase';

export interface ChaseSubject {
  announcementId: number;
  /** On an update of a sent chase DM (addressed to its conversation): the person chased. */
  person?: string;
}

export type ChaseResult =
  | { outcome: 'chased'; reference: string; count: number; round: number; nextAt: Date }
  | { outcome: 'nobody'; reference: string }
  | { outcome: 'too_soon'; reference: string; lastAt: Date; nextAt: Date }
  | Extract<StatusResult, { outcome: 'refused' }>;

export async function chase(
  actorSlackId: string,
  announcementId: number,
  membersOf: MembersOf,
  intervalMinutes: number,
  now = new Date(),
): Promise<ChaseResult> {
  // Authorised and counted before the transaction: listing channel members asks Slack.
  const status = await acknowledgementStatus(actorSlackId, announcementId, membersOf, now);
  if (status.outcome === 'refused') return status;
  const { reference, pending } = status;
  const intervalMs = intervalMinutes * 60_000;
  return inTransaction(async (transaction) => {
    await lockNamed(`announcement-chase-${announcementId}`, transaction);
    const actor = await requireActive(actorSlackId, transaction);
    const last = await lastChase(announcementId, transaction);
    if (last && last.at.getTime() + intervalMs > now.getTime()) {
      return {
        outcome: 'too_soon',
        reference,
        lastAt: last.at,
        nextAt: new Date(last.at.getTime() + intervalMs),
      };
    }
    if (pending.length === 0) return { outcome: 'nobody', reference };
    const round = (last?.round ?? 0) + 1;
    const at = await insertChase(
      { announcementId, round, chasedByPersonId: actor.id, recipients: pending.length },
      transaction,
    );
    await audit(transaction, {
      actor: actorSlackId,
      action: 'announcement.chased',
      subjectType: 'announcement',
      subjectId: String(announcementId),
      after: { round, recipients: pending.length },
    });
    await insertFanoutItems(
      pending.map((slackUserId) => ({
        itemKey: `ann-${announcementId}-chase-${round}-${slackUserId}`,
        batchKey: chaseBatch(announcementId, round),
        purpose: CHASE_PURPOSE,
        method: 'post' as const,
        channel: slackUserId,
        subject: { announcementId } satisfies ChaseSubject,
        priority: 9,
      })),
      transaction,
    );
    return {
      outcome: 'chased',
      reference,
      count: pending.length,
      round,
      nextAt: new Date(at.getTime() + intervalMs),
    };
  });
}

export const chaseBatch = (announcementId: number, round: number) => `ann-${announcementId}-chase-${round}`;

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
