import type { Acknowledgements, MembersOf, StatusResult } from './acknowledgements';
import type { AnnouncementDeps } from './deps';
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

export function createChase(
  { store, reviews, audit, clock }: Pick<AnnouncementDeps, 'store' | 'reviews' | 'audit' | 'clock'>,
  acknowledgements: Pick<Acknowledgements, 'acknowledgementStatus'>,
) {
  async function chase(
    actorSlackId: string,
    announcementId: number,
    membersOf: MembersOf,
    intervalMinutes: number,
    now = clock.now(),
  ): Promise<ChaseResult> {
    // Authorised and counted before the tx: listing channel members asks Slack.
    const status = await acknowledgements.acknowledgementStatus(actorSlackId, announcementId, membersOf, now);
    if (status.outcome === 'refused') return status;
    const { reference, pending } = status;
    const intervalMs = intervalMinutes * 60_000;
    return store.inTransaction(async (tx) => {
      await store.lockNamed(`announcement-chase-${announcementId}`, tx);
      const actor = await reviews.requireActive(actorSlackId, tx);
      const last = await store.lastChase(announcementId, tx);
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
      const at = await store.insertChase(
        { announcementId, round, chasedByPersonId: actor.id, recipients: pending.length },
        tx,
      );
      await audit(tx, {
        actor: actorSlackId,
        action: 'announcement.chased',
        subjectType: 'announcement',
        subjectId: String(announcementId),
        after: { round, recipients: pending.length },
      });
      await store.insertFanoutItems(
        pending.map((slackUserId) => ({
          itemKey: `ann-${announcementId}-chase-${round}-${slackUserId}`,
          batchKey: chaseBatch(announcementId, round),
          purpose: CHASE_PURPOSE,
          method: 'post' as const,
          channel: slackUserId,
          subject: { announcementId } satisfies ChaseSubject,
          priority: 9,
        })),
        tx,
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

  return { chase };
}
