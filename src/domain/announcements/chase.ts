import { insertChase, lastChase } from '../../db/repositories/acknowledgements.repository';
import { audit } from '../../db/repositories/audit.repository';
import { insertFanoutItems } from '../../db/repositories/fanout.repository';
import { inTransaction, lockNamed } from '../../db/repositories/transaction';
import { requireActive } from '../workflows/actors';
import { acknowledgementStatus, type MembersOf, type StatusResult } from './acknowledgements';
import { CHASE_PURPOSE, type ChaseSubject, chaseBatch } from './fanout-items';

/**
 * Chasing (催讀): the author or an admin sends one DM to each expected reader who has not
 * acknowledged, at most once per configured interval (else refused with the time it is allowed
 * again). The DMs are bulk fan-out items at the lowest priority; each is rendered when its turn
 * comes and skipped if that person acknowledged meanwhile.
 */

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
