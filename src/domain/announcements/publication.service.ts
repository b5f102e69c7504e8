import type { Transaction } from 'sequelize';
import {
  type AnnouncementRow,
  findApprovedVersion,
  insertVersion,
  listPosts,
  lockAnnouncement,
  lockAnnouncementOfReview,
  updateAnnouncement,
} from '../../db/repositories/announcements.repository';
import { audit } from '../../db/repositories/audit.repository';
import { insertFanoutItems } from '../../db/repositories/fanout.repository';
import { findPersonById } from '../../db/repositories/org.repository';
import { inTransaction } from '../../db/repositories/transaction';
import { listAllDepartments, loadOrgSnapshot } from '../../db/repositories/workflow-directory.repository';
import { requireActive } from '../workflows/actors';
import type { Change } from '../workflows/engine.service';
import { requireManager } from './access';
import { auditContent, rowContent } from './announcement.service';
import { AnnouncementError } from './announcement-errors';
import { chaseUpdateItems, sentChaseDms } from './chase-copies';
import { closeAuthorNotice } from './delivery.service';
import { noticeItem, postItems, updateItems, withdrawChaseItems, withdrawItems } from './fanout-items';
import { fromReviewValues } from './review-form';
import { announcementSettings } from './settings';

/**
 * Publication, retraction and expiry. Publication runs inside the transaction in which the
 * workflow engine approves an `announcement` review: the approved form becomes a version row and
 * the fan-out items are inserted in that same commit (notBefore = the publish time), so an
 * approval cannot be lost and nothing unapproved can be queued by it.
 */

export const EXPIRY_ACTOR = 'system:announcement-expiry';

/** Registered with the workflow engine for purpose `announcement` (configureAnnouncements). */
export async function reviewFinished(
  change: Change,
  outcome: 'approved' | 'rejected' | 'returned',
): Promise<void> {
  const { transaction, instance } = change;
  const announcement = await lockAnnouncementOfReview(instance.id, transaction);
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
  const departments = await listAllDepartments(transaction);
  const mirrored = rowContent(content, departments);
  if (correction) mirrored.audienceDepartmentIds = announcement.audienceDepartmentIds;
  await insertVersion(
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
      approvedAt: change.now,
    },
    transaction,
  );
  const live = correction ? announcement.status === 'published' : announcement.status === 'in_review';
  await audit(transaction, {
    actor: change.actor.slackUserId,
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
  await updateAnnouncement(
    announcement.id,
    {
      ...mirrored,
      status: 'published',
      publishedVersion: version,
      currentVersion: version,
      publishedAt: announcement.publishedAt ?? change.now,
    },
    transaction,
  );
  if (correction) {
    await insertFanoutItems(
      [
        ...updateItems(announcement.id, version, await listPosts(announcement.id, transaction)),
        ...chaseUpdateItems(announcement.id, version, await sentChaseDms(announcement.id, transaction)),
      ],
      transaction,
    );
    return;
  }
  const targets = await publicationTargets({ ...announcement, ...mirrored }, transaction);
  const notBefore = mirrored.publishAt && mirrored.publishAt > change.now ? mirrored.publishAt : null;
  await insertFanoutItems(postItems(announcement.id, targets, notBefore), transaction);
}

/**
 * Where copies go: the channels; or, for a restricted item with no channel, a DM to each active
 * member of the audience's departments.
 */
export async function publicationTargets(
  announcement: Pick<AnnouncementRow, 'audience' | 'channelIds' | 'audienceDepartmentIds'>,
  transaction?: Transaction,
): Promise<string[]> {
  if (announcement.channelIds.length > 0) return announcement.channelIds;
  if (announcement.audience !== 'departments') return [];
  return audienceMembers(announcement.audienceDepartmentIds, transaction);
}

export async function audienceMembers(
  departmentIds: readonly number[],
  transaction?: Transaction,
): Promise<string[]> {
  const org = await (transaction ? loadOrgSnapshot(transaction) : inTransaction((t) => loadOrgSnapshot(t)));
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
export async function retractAnnouncement(
  actorSlackId: string,
  announcementId: number,
): Promise<AnnouncementRow> {
  return inTransaction(async (transaction) => {
    const announcement = await lockAnnouncement(announcementId, transaction);
    if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
    const actor = await requireActive(actorSlackId, transaction);
    requireManager(actor, announcement);
    if (announcement.status !== 'published')
      throw new AnnouncementError('invalid_state', { status: announcement.status });
    await withdraw(announcement, 'retracted', actor.id, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: 'announcement.retracted',
      subjectType: 'announcement',
      subjectId: announcement.reference,
      before: { status: 'published' },
      after: { status: 'retracted', mode: announcementSettings().withdrawMode },
    });
    return { ...announcement, status: 'retracted' };
  });
}

/**
 * Expiry, re-checked under the row lock when its job fires (or when reconciliation finds it
 * due): false when there is nothing to do — retracted meanwhile, the expiry moved, already done.
 */
export async function expireAnnouncement(announcementId: number, now = new Date()): Promise<boolean> {
  return inTransaction(async (transaction) => {
    const announcement = await lockAnnouncement(announcementId, transaction);
    if (announcement?.status !== 'published') return false;
    if (!announcement.expiresAt || announcement.expiresAt.getTime() > now.getTime()) return false;
    await withdraw(announcement, 'expired', null, transaction);
    await audit(transaction, {
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
  transaction: Transaction,
): Promise<void> {
  await updateAnnouncement(
    announcement.id,
    { status, withdrawnAt: new Date(), withdrawnByPersonId: byPersonId },
    transaction,
  );
  // Copies not posted yet are skipped when their turn comes (render finds the item withdrawn).
  const posts = await listPosts(announcement.id, transaction);
  const mode = announcementSettings().withdrawMode;
  const items = [
    ...withdrawItems(announcement.id, posts, mode),
    ...withdrawChaseItems(announcement.id, await sentChaseDms(announcement.id, transaction), mode),
  ];
  const author = await findPersonById(announcement.authorPersonId, { transaction });
  if (author?.slackUserId && author.id !== byPersonId)
    items.push(
      noticeItem(
        announcement.id,
        author.slackUserId,
        { notice: status === 'expired' ? 'expired' : 'withdrawn' },
        status,
      ),
    );
  await insertFanoutItems(items, transaction);
  await closeAuthorNotice(announcement.id, transaction);
}

/** Defence in depth for the sender: the version it is about to show was approved by its review. */
export async function approvedVersionToShow(announcement: AnnouncementRow) {
  if (announcement.status !== 'published' || announcement.publishedVersion === null) return null;
  return findApprovedVersion(announcement.id, announcement.publishedVersion);
}
