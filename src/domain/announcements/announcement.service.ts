import type { Tx } from '../tx';
import { WorkflowError } from '../workflows/workflow-errors';
import { requireManager } from './access';
import { AnnouncementError } from './announcement-errors';
import { validateContent } from './content-validation';
import type { AnnouncementDeps } from './deps';
import type { AnnouncementRow } from './model';
import { fromReviewValues, type ReviewForm, toReviewValues } from './review-form';
import type { AnnouncementContent, AnnouncementInput, AnnouncementSubmitResult } from './types';

/**
 * Writing announcements: a new one, and revising one (resubmitting a returned or rejected review,
 * or a correction of a published item). Every path ends in a review request of the `announcement`
 * template whose form is the content: nothing is ever published without that review's approval
 * (publication.ts runs inside the approving transaction).
 */

/** The announcement columns that mirror the content (the latest submitted, then the published). */
export function rowContent(
  content: AnnouncementContent,
  departments: readonly { id: number; key: string }[],
): Pick<
  AnnouncementRow,
  | 'title'
  | 'category'
  | 'importance'
  | 'audience'
  | 'audienceDepartmentIds'
  | 'channelIds'
  | 'requireAck'
  | 'publishAt'
  | 'expiresAt'
> {
  const ids = new Map(departments.map((d) => [d.key, d.id]));
  return {
    title: content.title,
    category: content.category,
    importance: content.importance,
    audience: content.audience,
    audienceDepartmentIds: content.departmentKeys.flatMap((key) => (ids.has(key) ? [ids.get(key)!] : [])),
    channelIds: content.channelIds,
    requireAck: content.requireAck,
    publishAt: content.publishAt ? new Date(content.publishAt) : null,
    expiresAt: content.expiresAt ? new Date(content.expiresAt) : null,
  };
}

export const auditContent = (content: AnnouncementContent) => ({
  title: content.title,
  bodyLength: [...content.body].length,
  category: content.category,
  importance: content.importance,
  audience: content.audience,
  departments: content.departmentKeys,
  channels: content.channelIds,
  requireAck: content.requireAck,
  publishAt: content.publishAt,
  expiresAt: content.expiresAt,
});

/** A correction keeps the published targets: the composer's are ignored (it shows them read-only). */
function fixedTargets(input: AnnouncementInput, published: AnnouncementContent): AnnouncementInput {
  return {
    ...input,
    audience: published.audience,
    departments: published.departmentKeys,
    // Already checked when first submitted; a correction does not post anywhere new.
    channels: published.channelIds.map((id) => ({
      id,
      kind: published.audience === 'everyone' ? 'public' : 'private',
    })),
    publishAt: null,
  };
}

function keepTargets(content: AnnouncementContent, published: AnnouncementContent): AnnouncementContent {
  return {
    ...content,
    audience: published.audience,
    departmentKeys: published.departmentKeys,
    channelIds: published.channelIds,
    publishAt: published.publishAt,
  };
}

export type Writing = ReturnType<typeof createWriting>;

export function createWriting({ store, reviews, audit, clock, settings }: AnnouncementDeps) {
  async function validate(input: AnnouncementInput, tx?: Tx) {
    const departments = await store.listAllDepartments(tx);
    const keys = new Set(departments.map((d) => d.key));
    return validateContent(input, { now: clock.now(), departmentExists: (key) => keys.has(key) });
  }

  /** A new announcement: its reference, and its review request with the author as requester. */
  async function submitAnnouncement(
    authorSlackId: string,
    input: AnnouncementInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<AnnouncementSubmitResult> {
    return store.inTransaction(async (tx) => {
      await store.lockSubmissionsOf(authorSlackId, tx);
      const author = await reviews.requireMember(authorSlackId, tx);
      if (options.idempotencyKey) {
        const earlier = await store.findIdempotentReviewId(authorSlackId, options.idempotencyKey, tx);
        if (earlier !== null) return earlierResult(earlier, tx);
      }
      const validation = await validate(input, tx);
      if (!validation.ok) return validation;
      const { content } = validation;
      const departments = await store.listAllDepartments(tx);
      const reference = await reviews.nextReference(tx);
      const announcement = await store.insertAnnouncement(
        {
          reference,
          authorPersonId: author.id,
          departmentId: author.departmentId,
          reviewInstanceId: null,
          currentVersion: 1,
          status: 'in_review',
          ...rowContent(content, departments),
        },
        tx,
      );
      const form: ReviewForm = {
        reference,
        change: 'new',
        content,
        publisherReview: settings.publisherStep,
        previous: null,
      };
      const review = await reviews.startReview(tx, {
        requester: author,
        slackUserId: authorSlackId,
        departmentId: author.departmentId,
        values: toReviewValues(form),
        idempotencyKey: options.idempotencyKey,
      });
      await store.updateAnnouncement(announcement.id, { reviewInstanceId: review.instanceId }, tx);
      await audit(tx, {
        actor: authorSlackId,
        action: 'announcement.submitted',
        subjectType: 'announcement',
        subjectId: reference,
        before: null,
        after: { review: review.reference, ...auditContent(content) },
      });
      return { ok: true, announcementId: announcement.id, reference, reviewReference: review.reference };
    });
  }

  async function earlierResult(instanceId: number, tx: Tx): Promise<AnnouncementSubmitResult> {
    const instance = await store.findReview(instanceId, tx);
    const form = instance ? fromReviewValues(instance.form) : null;
    const announcementId = form ? await store.findAnnouncementIdByReference(form.reference, tx) : null;
    if (!instance || !form || announcementId === null)
      throw new WorkflowError('not_found', { what: 'request' });
    return { ok: true, announcementId, reference: form.reference, reviewReference: instance.reference };
  }

  /**
   * Changing an announcement from the composer: resubmits its review when that was returned or
   * rejected (never published yet, or a correction sent back), or starts a correction of the
   * published item. A correction may change the text, category, importance, acknowledgement and
   * expiry; its targets and publication time stay those of the published item.
   */
  async function reviseAnnouncement(
    actorSlackId: string,
    announcementId: number,
    input: AnnouncementInput,
  ): Promise<AnnouncementSubmitResult> {
    const announcement = await store.findAnnouncement(announcementId);
    if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
    const review = announcement.reviewInstanceId
      ? await store.findReview(announcement.reviewInstanceId)
      : null;
    if (review && (review.status === 'returned' || review.status === 'rejected'))
      return resubmitReview(actorSlackId, announcement, review.id, fromReviewValues(review.form), input);
    return submitCorrection(actorSlackId, announcementId, input);
  }

  async function resubmitReview(
    actorSlackId: string,
    announcement: AnnouncementRow,
    reviewId: number,
    reviewed: ReviewForm,
    input: AnnouncementInput,
  ): Promise<AnnouncementSubmitResult> {
    const correction = reviewed.change === 'correction';
    const validation = await validate(correction ? fixedTargets(input, reviewed.content) : input);
    if (!validation.ok) return validation;
    const content = correction ? keepTargets(validation.content, reviewed.content) : validation.content;
    const form: ReviewForm = { ...reviewed, content, publisherReview: settings.publisherStep };
    // The engine checks that the actor is the review's requester and that it may be resubmitted.
    const result = await reviews.resubmit(actorSlackId, reviewId, toReviewValues(form));
    if (!result.ok) throw new Error(`announcement review form refused: ${JSON.stringify(result.errors)}`);
    if (!correction) {
      const departments = await store.listAllDepartments();
      await store.inTransaction(async (tx) => {
        // Mirrors the draft for lists; publication copies the approved form again anyway.
        const locked = await store.lockAnnouncement(announcement.id, tx);
        if (locked?.status === 'in_review')
          await store.updateAnnouncement(announcement.id, rowContent(content, departments), tx);
      });
    }
    return {
      ok: true,
      announcementId: announcement.id,
      reference: announcement.reference,
      reviewReference: result.reference,
    };
  }

  async function submitCorrection(
    actorSlackId: string,
    announcementId: number,
    input: AnnouncementInput,
  ): Promise<AnnouncementSubmitResult> {
    return store.inTransaction(async (tx) => {
      await store.lockSubmissionsOf(actorSlackId, tx);
      const announcement = await store.lockAnnouncement(announcementId, tx);
      if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
      const actor = await reviews.requireMember(actorSlackId, tx);
      requireManager(actor, announcement);
      if (announcement.status !== 'published' || announcement.publishedVersion === null)
        throw new AnnouncementError('invalid_state', { status: announcement.status });
      const pending = announcement.reviewInstanceId
        ? await store.findReview(announcement.reviewInstanceId, tx)
        : null;
      if (pending?.status === 'in_review')
        throw new AnnouncementError('review_pending', { reference: pending.reference });
      const published = await store.findApprovedVersion(announcement.id, announcement.publishedVersion, tx);
      if (!published)
        throw new Error(
          `announcement ${announcement.reference} has no approved version ${announcement.publishedVersion}`,
        );
      const departments = await store.listAllDepartments(tx);
      const keyOf = new Map(departments.map((d) => [d.id, d.key]));
      const current: AnnouncementContent = {
        title: published.title,
        body: published.body,
        category: published.category as AnnouncementContent['category'],
        importance: published.importance as AnnouncementContent['importance'],
        audience: published.audience as AnnouncementContent['audience'],
        departmentKeys: published.audienceDepartmentIds.flatMap((id) =>
          keyOf.has(id) ? [keyOf.get(id)!] : [],
        ),
        channelIds: published.channelIds,
        requireAck: published.requireAck,
        publishAt: published.publishAt ? published.publishAt.toISOString() : null,
        expiresAt: published.expiresAt ? published.expiresAt.toISOString() : null,
      };
      const validation = await validate(fixedTargets(input, current), tx);
      if (!validation.ok) return validation;
      const content = keepTargets(validation.content, current);
      const unchanged = (
        ['title', 'body', 'category', 'importance', 'requireAck', 'expiresAt'] as const
      ).every((field) => content[field] === current[field]);
      if (unchanged) throw new AnnouncementError('no_changes');
      const form: ReviewForm = {
        reference: announcement.reference,
        change: 'correction',
        content,
        publisherReview: settings.publisherStep,
        previous: {
          title: current.title,
          body: current.body,
          category: current.category,
          importance: current.importance,
          requireAck: current.requireAck,
          expiresAt: current.expiresAt,
        },
      };
      const review = await reviews.startReview(tx, {
        requester: actor,
        slackUserId: actorSlackId,
        // The providing department reviews the correction, whoever (author or admin) wrote it.
        departmentId: announcement.departmentId,
        values: toReviewValues(form),
        idempotencyKey: undefined,
      });
      await store.updateAnnouncement(
        announcement.id,
        { reviewInstanceId: review.instanceId, currentVersion: announcement.publishedVersion + 1 },
        tx,
      );
      await audit(tx, {
        actor: actorSlackId,
        action: 'announcement.correction_submitted',
        subjectType: 'announcement',
        subjectId: announcement.reference,
        before: { version: announcement.publishedVersion, ...auditContent(current) },
        after: {
          review: review.reference,
          version: announcement.publishedVersion + 1,
          ...auditContent(content),
        },
      });
      return {
        ok: true,
        announcementId: announcement.id,
        reference: announcement.reference,
        reviewReference: review.reference,
      };
    });
  }

  return { submitAnnouncement, reviseAnnouncement };
}
