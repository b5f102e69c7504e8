import type { PersonRecord } from '../org/model';
import { isAdmin } from '../workflows/actors';
import { mayManage, maySee } from './access';
import { AnnouncementError } from './announcement-errors';
import type { AnnouncementDeps } from './deps';
import type { AnnouncementRow } from './model';
import type { Publication } from './publication.service';
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

export type Queries = ReturnType<typeof createQueries>;

export function createQueries(
  { store, reviews, clock }: Pick<AnnouncementDeps, 'store' | 'reviews' | 'clock'>,
  publication: Pick<Publication, 'approvedVersionToShow' | 'audienceMembers'>,
) {
  async function readAnnouncementView(id: number): Promise<AnnouncementView> {
    const row = await store.findAnnouncement(id);
    if (!row) throw new AnnouncementError('not_found', { reference: String(id) });
    return viewOf(row);
  }

  async function viewOf(row: AnnouncementRow): Promise<AnnouncementView> {
    const [author, department, departments, review, published] = await Promise.all([
      store.findPersonById(row.authorPersonId),
      row.departmentId === null ? null : store.findDepartmentById(row.departmentId),
      store.listAllDepartments(),
      row.reviewInstanceId === null ? null : store.findReview(row.reviewInstanceId),
      row.publishedVersion === null ? null : store.findApprovedVersion(row.id, row.publishedVersion),
    ]);
    const keyOf = new Map(departments.map((d) => [d.id, d]));
    const withdrawnBy =
      row.withdrawnByPersonId === null ? null : await store.findPersonById(row.withdrawnByPersonId);
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
  async function getAnnouncement(
    viewerSlackId: string,
    referenceOrId: string | number,
  ): Promise<{ view: AnnouncementView; manageable: boolean }> {
    const viewer = await reviews.requireActive(viewerSlackId);
    const id =
      typeof referenceOrId === 'number'
        ? referenceOrId
        : await store.findAnnouncementIdByReference(referenceOrId);
    const row = id === null ? null : await store.findAnnouncement(id);
    if (!row || !maySee(viewer, row))
      throw new AnnouncementError('not_found', { reference: String(referenceOrId).slice(0, 40) });
    return { view: await viewOf(row), manageable: mayManage(viewer, row) };
  }

  async function listAnnouncements(
    viewerSlackId: string,
    options: { category?: Category; limit?: number } = {},
  ): Promise<AnnouncementSummary[]> {
    const viewer = await reviews.requireActive(viewerSlackId);
    const rows = await store.listVisibleAnnouncements({
      viewerPersonId: viewer.id,
      viewerDepartmentId: viewer.departmentId,
      viewerIsAdmin: isAdmin(viewer),
      ...(options.category ? { category: options.category } : {}),
      limit: options.limit ?? 10,
    });
    const authors = new Map<number, PersonRecord | null>();
    for (const row of rows)
      if (!authors.has(row.authorPersonId))
        authors.set(row.authorPersonId, await store.findPersonById(row.authorPersonId));
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
  async function postedCopies(
    announcementId: number,
  ): Promise<{ channel: string; target: string; state: string }[]> {
    return (await store.listPosts(announcementId)).map((post) => ({
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
  async function viewForCopy(
    announcementId: number,
    target: string,
    now = clock.now(),
  ): Promise<AnnouncementView | null> {
    const row = await store.findAnnouncement(announcementId);
    if (row?.status !== 'published') return null;
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
    if (!(await publication.approvedVersionToShow(row))) return null;
    const isTarget =
      row.channelIds.length > 0
        ? row.channelIds.includes(target)
        : row.audience === 'departments' &&
          (await publication.audienceMembers(row.audienceDepartmentIds)).includes(target);
    if (!isTarget) return null;
    return viewOf(row);
  }

  return { readAnnouncementView, getAnnouncement, listAnnouncements, postedCopies, viewForCopy };
}
