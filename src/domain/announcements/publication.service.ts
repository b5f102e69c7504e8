import type { Tx } from '../tx';
import type { InstanceStatus } from '../workflows/model';
import { requireManager } from './access';
import { auditContent, rowContent } from './announcement.service';
import { AnnouncementError } from './announcement-errors';
import { type ChaseCopies, chaseUpdateItems } from './chase-copies';
import type { Delivery } from './delivery.service';
import type { AnnouncementDeps } from './deps';
import { noticeItem, postItems, updateItems, withdrawChaseItems, withdrawItems } from './fanout-items';
import type { AnnouncementRow } from './model';
import { fromReviewValues } from './review-form';
import type { ReviewRecord } from './store';

/**
 * Publication, retraction and expiry. Publication runs inside the transaction in which the
 * workflow engine approves an `announcement` review: the approved form becomes a version row and
 * the fan-out items are inserted in that same commit (notBefore = the publish time), so an
 * approval cannot be lost and nothing unapproved can be queued by it.
 */

export const EXPIRY_ACTOR = 'system:announcement-expiry';

/** An approved, rejected or returned review, as the engine reports it in its transaction. */
export interface FinishedReview {
  tx: Tx;
  instance: Pick<ReviewRecord, 'id' | 'reference' | 'form'> & { revision: number; status: InstanceStatus };
  actorSlackId: string;
  now: Date;
}

export type Publication = ReturnType<typeof createPublication>;

export function createPublication(
  { store, reviews, audit, clock, settings }: AnnouncementDeps,
  { delivery, chaseCopies }: { delivery: Delivery; chaseCopies: ChaseCopies },
) {
  /** Registered with the workflow engine for purpose `announcement` (wiring/announcements.ts). */
  async function reviewFinished(
    review: FinishedReview,
    outcome: 'approved' | 'rejected' | 'returned',
  ): Promise<void> {
    const { tx, instance } = review;
    const announcement = await store.lockAnnouncementOfReview(instance.id, tx);
    // A review the announcements domain did not start (or superseded) publishes nothing.
    if (!announcement) throw new Error(`review ${instance.reference} belongs to no announcement`);
    // Returned or rejected: the announcement stays in review; its review request says why.
    if (outcome !== 'approved') return;
    const form = fromReviewValues(instance.form);
    if (form.reference !== announcement.reference)
      throw new Error(`review ${instance.reference} is for ${form.reference}, not ${announcement.reference}`);
    const correction = form.change === 'correction';
    const version = correction ? (announcement.publishedVersion ?? 0) + 1 : 1;
    // A correction keeps the published targets whatever its form says.
    const content = correction
      ? {
          ...form.content,
          audience: announcement.audience as typeof form.content.audience,
          channelIds: announcement.channelIds,
          publishAt: announcement.publishAt ? announcement.publishAt.toISOString() : null,
        }
      : form.content;
    const departments = await store.listAllDepartments(tx);
    const mirrored = rowContent(content, departments);
    if (correction) mirrored.audienceDepartmentIds = announcement.audienceDepartmentIds;
    await store.insertVersion(
      {
        announcementId: announcement.id,
        version,
        title: content.title,
        body: content.body,
        category: content.category,
        importance: content.importance,
        requireAck: content.requireAck,
        audience: mirrored.audience,
        audienceDepartmentIds: mirrored.audienceDepartmentIds,
        channelIds: mirrored.channelIds,
        publishAt: mirrored.publishAt,
        expiresAt: mirrored.expiresAt,
        workflowInstanceId: instance.id,
        workflowRevision: instance.revision,
        approvedAt: review.now,
      },
      tx,
    );
    const live = correction ? announcement.status === 'published' : announcement.status === 'in_review';
    await audit(tx, {
      actor: review.actorSlackId,
      action: correction ? 'announcement.correction_approved' : 'announcement.approved',
      subjectType: 'announcement',
      subjectId: announcement.reference,
      before: { status: announcement.status, version: announcement.publishedVersion },
      after: {
        status: live ? 'published' : announcement.status,
        version,
        review: instance.reference,
        ...auditContent(content),
      },
    });
    // Approved after a retraction or expiry: kept as a version, never shown.
    if (!live) return;
    await store.updateAnnouncement(
      announcement.id,
      {
        ...mirrored,
        status: 'published',
        publishedVersion: version,
        currentVersion: version,
        publishedAt: announcement.publishedAt ?? review.now,
      },
      tx,
    );
    if (correction) {
      await store.insertFanoutItems(
        [
          ...updateItems(announcement.id, version, await store.listPosts(announcement.id, tx)),
          ...chaseUpdateItems(announcement.id, version, await chaseCopies.sentChaseDms(announcement.id, tx)),
        ],
        tx,
      );
      return;
    }
    const targets = await publicationTargets({ ...announcement, ...mirrored }, tx);
    const notBefore = mirrored.publishAt && mirrored.publishAt > review.now ? mirrored.publishAt : null;
    await store.insertFanoutItems(postItems(announcement.id, targets, notBefore), tx);
  }

  /**
   * Where copies go: the channels; or, for a restricted item with no channel, a DM to each active
   * member of the audience's departments.
   */
  async function publicationTargets(
    announcement: Pick<AnnouncementRow, 'audience' | 'channelIds' | 'audienceDepartmentIds'>,
    tx?: Tx,
  ): Promise<string[]> {
    if (announcement.channelIds.length > 0) return announcement.channelIds;
    if (announcement.audience !== 'departments') return [];
    return audienceMembers(announcement.audienceDepartmentIds, tx);
  }

  async function audienceMembers(departmentIds: readonly number[], tx?: Tx): Promise<string[]> {
    const org = await (tx ? store.loadOrgSnapshot(tx) : store.inTransaction((t) => store.loadOrgSnapshot(t)));
    return org.people
      .filter(
        (p) =>
          p.status === 'active' &&
          p.slackUserId &&
          p.departmentId !== null &&
          departmentIds.includes(p.departmentId),
      )
      .map((p) => p.slackUserId!);
  }

  /** The author or an admin takes a published item back: every posted copy is withdrawn. */
  async function retractAnnouncement(actorSlackId: string, announcementId: number): Promise<AnnouncementRow> {
    return store.inTransaction(async (tx) => {
      const announcement = await store.lockAnnouncement(announcementId, tx);
      if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
      const actor = await reviews.requireActive(actorSlackId, tx);
      requireManager(actor, announcement);
      if (announcement.status !== 'published')
        throw new AnnouncementError('invalid_state', { status: announcement.status });
      await withdraw(announcement, 'retracted', actor.id, tx);
      await audit(tx, {
        actor: actorSlackId,
        action: 'announcement.retracted',
        subjectType: 'announcement',
        subjectId: announcement.reference,
        before: { status: 'published' },
        after: { status: 'retracted', mode: settings.withdrawMode },
      });
      return { ...announcement, status: 'retracted' };
    });
  }

  /**
   * Expiry, re-checked under the row lock when its job fires (or when reconciliation finds it
   * due): false when there is nothing to do — retracted meanwhile, the expiry moved, already done.
   */
  async function expireAnnouncement(announcementId: number, now = clock.now()): Promise<boolean> {
    return store.inTransaction(async (tx) => {
      const announcement = await store.lockAnnouncement(announcementId, tx);
      if (announcement?.status !== 'published') return false;
      if (!announcement.expiresAt || announcement.expiresAt.getTime() > now.getTime()) return false;
      await withdraw(announcement, 'expired', null, tx);
      await audit(tx, {
        actor: EXPIRY_ACTOR,
        action: 'announcement.expired',
        subjectType: 'announcement',
        subjectId: announcement.reference,
        before: { status: 'published' },
        after: { status: 'expired', expiresAt: announcement.expiresAt.toISOString() },
      });
      return true;
    });
  }

  async function withdraw(
    announcement: AnnouncementRow,
    status: 'retracted' | 'expired',
    byPersonId: number | null,
    tx: Tx,
  ): Promise<void> {
    await store.updateAnnouncement(
      announcement.id,
      { status, withdrawnAt: clock.now(), withdrawnByPersonId: byPersonId },
      tx,
    );
    // Copies not posted yet are skipped when their turn comes (render finds the item withdrawn).
    const posts = await store.listPosts(announcement.id, tx);
    const mode = settings.withdrawMode;
    const items = [
      ...withdrawItems(announcement.id, posts, mode),
      ...withdrawChaseItems(announcement.id, await chaseCopies.sentChaseDms(announcement.id, tx), mode),
    ];
    const author = await store.findPersonById(announcement.authorPersonId, tx);
    if (author?.slackUserId && author.id !== byPersonId)
      items.push(
        noticeItem(
          announcement.id,
          author.slackUserId,
          { notice: status === 'expired' ? 'expired' : 'withdrawn' },
          status,
        ),
      );
    await store.insertFanoutItems(items, tx);
    await delivery.closeAuthorNotice(announcement.id, tx);
  }

  /** Defence in depth for the sender: the version it is about to show was approved by its review. */
  async function approvedVersionToShow(announcement: AnnouncementRow) {
    if (announcement.status !== 'published' || announcement.publishedVersion === null) return null;
    return store.findApprovedVersion(announcement.id, announcement.publishedVersion);
  }

  return {
    reviewFinished,
    audienceMembers,
    retractAnnouncement,
    expireAnnouncement,
    approvedVersionToShow,
  };
}
