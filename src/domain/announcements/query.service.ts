import {
  type AnnouncementRow,
  findAnnouncement,
  findAnnouncementIdByReference,
  findApprovedVersion,
  listPosts,
  listVisibleAnnouncements,
} from '../../db/repositories/announcements.repository';
import {
  findDepartmentById,
  findPersonById,
  findPersonBySlackId,
  type PersonRecord,
} from '../../db/repositories/org.repository';
import { listAllDepartments } from '../../db/repositories/workflow-directory.repository';
import { findInstanceById } from '../../db/repositories/workflow-instances.repository';
import { activeActor, isAdmin } from '../workflows/actors';
import { mayManage, maySee } from './access';
import { AnnouncementError } from './announcement-errors';
import { approvedVersionToShow, audienceMembers } from './publication.service';
import { fromReviewValues } from './review-form';
import type {
  AnnouncementContent,
  AnnouncementSummary,
  AnnouncementView,
  Audience,
  Category,
  Importance,
} from './types';

/**
 * Reads. `readAnnouncementView` is for rendering by trusted code (the sender, the approval card);
 * what people ask for goes through `getAnnouncement`/`listAnnouncements`, which check that the
 * reader may see it: published items for their audience, every item for its author and admins.
 */

export async function readAnnouncementView(id: number): Promise<AnnouncementView> {
  const row = await findAnnouncement(id);
  if (!row) throw new AnnouncementError('not_found', { reference: String(id) });
  return viewOf(row);
}

async function viewOf(row: AnnouncementRow): Promise<AnnouncementView> {
  const [author, department, departments, review, published] = await Promise.all([
    findPersonById(row.authorPersonId),
    row.departmentId === null ? null : findDepartmentById(row.departmentId),
    listAllDepartments(),
    row.reviewInstanceId === null ? null : findInstanceById(row.reviewInstanceId),
    row.publishedVersion === null ? null : findApprovedVersion(row.id, row.publishedVersion),
  ]);
  const keyOf = new Map(departments.map((d) => [d.id, d]));
  const withdrawnBy = row.withdrawnByPersonId === null ? null : await findPersonById(row.withdrawnByPersonId);
  let content: AnnouncementContent;
  if (published) {
    content = {
      title: published.title,
      body: published.body,
      category: published.category as Category,
      importance: published.importance as Importance,
      audience: published.audience as Audience,
      departmentKeys: published.audienceDepartmentIds.flatMap((d) =>
        keyOf.has(d) ? [keyOf.get(d)!.key] : [],
      ),
      channelIds: published.channelIds,
      requireAck: published.requireAck,
      publishAt: published.publishAt?.toISOString() ?? null,
      expiresAt: published.expiresAt?.toISOString() ?? null,
    };
  } else if (review) {
    content = fromReviewValues(review.form).content;
  } else {
    throw new Error(`announcement ${row.reference} has neither a published version nor a review`);
  }
  const ref = (person: PersonRecord | null) =>
    person ? { personId: person.id, slackUserId: person.slackUserId, name: person.name } : null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    author: ref(author) ?? { personId: row.authorPersonId, slackUserId: null, name: '' },
    department: department
      ? { key: department.key, name: { en: department.name, zh: department.nameZh ?? department.name } }
      : null,
    content,
    version: published ? published.version : row.currentVersion,
    edited: (row.publishedVersion ?? 1) > 1,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: ref(withdrawnBy),
    audienceDepartments: row.audienceDepartmentIds.flatMap((d) => {
      const dep = keyOf.get(d);
      return dep ? [{ en: dep.name, zh: dep.nameZh ?? dep.name }] : [];
    }),
    review: review ? { instanceId: review.id, reference: review.reference, status: review.status } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** By reference (`ANN-2026-0012`) or id, for someone allowed to see it; else `not_found`. */
export async function getAnnouncement(
  viewerSlackId: string,
  referenceOrId: string | number,
): Promise<{ view: AnnouncementView; manageable: boolean }> {
  const viewer = activeActor(await findPersonBySlackId(viewerSlackId));
  const id =
    typeof referenceOrId === 'number' ? referenceOrId : await findAnnouncementIdByReference(referenceOrId);
  const row = id === null ? null : await findAnnouncement(id);
  if (!row || !maySee(viewer, row))
    throw new AnnouncementError('not_found', { reference: String(referenceOrId).slice(0, 40) });
  return { view: await viewOf(row), manageable: mayManage(viewer, row) };
}

export async function listAnnouncements(
  viewerSlackId: string,
  options: { category?: Category; limit?: number } = {},
): Promise<AnnouncementSummary[]> {
  const viewer = activeActor(await findPersonBySlackId(viewerSlackId));
  const rows = await listVisibleAnnouncements({
    viewerPersonId: viewer.id,
    viewerDepartmentId: viewer.departmentId,
    viewerIsAdmin: isAdmin(viewer),
    ...(options.category ? { category: options.category } : {}),
    limit: options.limit ?? 10,
  });
  const authors = new Map<number, PersonRecord | null>();
  for (const row of rows)
    if (!authors.has(row.authorPersonId))
      authors.set(row.authorPersonId, await findPersonById(row.authorPersonId));
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    title: row.title,
    category: row.category as Category,
    importance: row.importance as Importance,
    audience: row.audience as Audience,
    status: row.status,
    reviewStatus: row.reviewStatus,
    authorSlackId: authors.get(row.authorPersonId)?.slackUserId ?? null,
    requireAck: row.requireAck,
    publishAt: row.publishAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    manageable: mayManage(viewer, row),
  }));
}

/** Where the copies of an announcement are (for the author's notices). */
export async function postedCopies(
  announcementId: number,
): Promise<{ channel: string; target: string; state: string }[]> {
  return (await listPosts(announcementId)).map((post) => ({
    channel: post.channel,
    target: post.target,
    state: post.state,
  }));
}

/**
 * The view a copy may show at send time, or null: the sender's defence in depth. The item must be
 * published with a version its review approved, not expired, and the target one of its targets —
 * a channel it names, or, for a restricted item sent by DM, a current member of its audience.
 * Whatever payload reached the fan-out table, an unreviewed item is never rendered.
 */
export async function viewForCopy(
  announcementId: number,
  target: string,
  now = new Date(),
): Promise<AnnouncementView | null> {
  const row = await findAnnouncement(announcementId);
  if (row?.status !== 'published') return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  if (!(await approvedVersionToShow(row))) return null;
  const isTarget =
    row.channelIds.length > 0
      ? row.channelIds.includes(target)
      : row.audience === 'departments' && (await audienceMembers(row.audienceDepartmentIds)).includes(target);
  if (!isTarget) return null;
  return viewOf(row);
}
