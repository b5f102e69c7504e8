import type { Transaction } from 'sequelize';
import {
  type AnnouncementRow,
  findAnnouncement,
  findAnnouncementIdByReference,
  findApprovedVersion,
  insertAnnouncement,
  lockAnnouncement,
  updateAnnouncement,
} from '../../db/repositories/announcements.repository';
import { audit } from '../../db/repositories/audit.repository';
import type { PersonRecord } from '../../db/repositories/org.repository';
import { inTransaction } from '../../db/repositories/transaction';
import { listAllDepartments } from '../../db/repositories/workflow-directory.repository';
import {
  findIdempotentInstanceId,
  findInstanceById,
  lockSubmissionsOf,
} from '../../db/repositories/workflow-instances.repository';
import { requireMember } from '../workflows/actors';
import { createRequest, latestTemplate, nextNumber, resubmit } from '../workflows/engine.service';
import { validateValues } from '../workflows/form-validation';
import { timeZoneOf } from '../workflows/settings';
import { validationContext } from '../workflows/validation-context';
import { WorkflowError } from '../workflows/workflow-errors';
import { requireManager } from './access';
import { AnnouncementError } from './announcement-errors';
import { validateContent } from './content-validation';
import { fromReviewValues, type ReviewForm, toReviewValues } from './review-form';
import { announcementSettings } from './settings';
import type { AnnouncementContent, AnnouncementInput, AnnouncementSubmitResult } from './types';

/**
 * Writing announcements: a new one, and revising one (resubmitting a returned or rejected review,
 * or a correction of a published item). Every path ends in a review request of the `announcement`
 * template whose form is the content: nothing is ever published without that review's approval
 * (publication.ts runs inside the approving transaction).
 */

const REVIEW_TEMPLATE = 'announcement';

async function validate(input: AnnouncementInput, transaction?: Transaction) {
  const departments = await listAllDepartments(transaction);
  const keys = new Set(departments.map((d) => d.key));
  return validateContent(input, { now: new Date(), departmentExists: (key) => keys.has(key) });
}

/** The engine's own checks of the review form (types, limits), in the change's transaction. */
async function reviewValues(form: ReviewForm, person: PersonRecord, transaction: Transaction) {
  const template = await latestTemplate(REVIEW_TEMPLATE);
  const validation = await validateValues(
    template.definition,
    toReviewValues(form),
    validationContext({
      requesterSlackId: person.slackUserId ?? '',
      templateKey: template.key,
      timeZone: timeZoneOf(person),
      transaction,
    }),
  );
  if (!validation.ok)
    throw new Error(`announcement review form refused: ${JSON.stringify(validation.errors)}`);
  return { template, values: validation.normalized };
}

/** A new announcement: its reference, and its review request with the author as requester. */
export async function submitAnnouncement(
  authorSlackId: string,
  input: AnnouncementInput,
  options: { idempotencyKey?: string } = {},
): Promise<AnnouncementSubmitResult> {
  return inTransaction(async (transaction) => {
    await lockSubmissionsOf(authorSlackId, transaction);
    const author = await requireMember(authorSlackId, transaction);
    if (options.idempotencyKey) {
      const earlier = await findIdempotentInstanceId(authorSlackId, options.idempotencyKey, transaction);
      if (earlier !== null) return earlierResult(earlier, transaction);
    }
    const validation = await validate(input, transaction);
    if (!validation.ok) return validation;
    const { content } = validation;
    const departments = await listAllDepartments(transaction);
    const reference = await nextNumber('doc', 'ANN', transaction);
    const announcement = await insertAnnouncement(
      {
        reference,
        authorPersonId: author.id,
        departmentId: author.departmentId,
        reviewInstanceId: null,
        currentVersion: 1,
        status: 'in_review',
        ...rowContent(content, departments),
      },
      transaction,
    );
    const form: ReviewForm = {
      reference,
      change: 'new',
      content,
      publisherReview: announcementSettings().publisherStep,
      previous: null,
    };
    const { template, values } = await reviewValues(form, author, transaction);
    const review = await createRequest(transaction, {
      template,
      requester: {
        personId: author.id,
        slackUserId: authorSlackId,
        name: author.name,
        departmentId: author.departmentId,
      },
      values,
      idempotencyKey: options.idempotencyKey,
    });
    if (!review.ok) throw new Error(`announcement review refused: ${JSON.stringify(review.errors)}`);
    await updateAnnouncement(announcement.id, { reviewInstanceId: review.instanceId }, transaction);
    await audit(transaction, {
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

async function earlierResult(
  instanceId: number,
  transaction: Transaction,
): Promise<AnnouncementSubmitResult> {
  const instance = await findInstanceById(instanceId, transaction);
  const form = instance ? fromReviewValues(instance.form) : null;
  const announcementId = form ? await findAnnouncementIdByReference(form.reference, transaction) : null;
  if (!instance || !form || announcementId === null)
    throw new WorkflowError('not_found', { what: 'request' });
  return { ok: true, announcementId, reference: form.reference, reviewReference: instance.reference };
}

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

/** Author or admin, active and not a guest. */
/**
 * Changing an announcement from the composer: resubmits its review when that was returned or
 * rejected (never published yet, or a correction sent back), or starts a correction of the
 * published item. A correction may change the text, category, importance, acknowledgement and
 * expiry; its targets and publication time stay those of the published item.
 */
export async function reviseAnnouncement(
  actorSlackId: string,
  announcementId: number,
  input: AnnouncementInput,
): Promise<AnnouncementSubmitResult> {
  const announcement = await findAnnouncement(announcementId);
  if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
  const review = announcement.reviewInstanceId ? await findInstanceById(announcement.reviewInstanceId) : null;
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
  const form: ReviewForm = { ...reviewed, content, publisherReview: announcementSettings().publisherStep };
  // The engine checks that the actor is the review's requester and that it may be resubmitted.
  const result = await resubmit(actorSlackId, reviewId, toReviewValues(form));
  if (!result.ok) throw new Error(`announcement review form refused: ${JSON.stringify(result.errors)}`);
  if (!correction) {
    const departments = await listAllDepartments();
    await inTransaction(async (transaction) => {
      // Mirrors the draft for lists; publication copies the approved form again anyway.
      const locked = await lockAnnouncement(announcement.id, transaction);
      if (locked?.status === 'in_review')
        await updateAnnouncement(announcement.id, rowContent(content, departments), transaction);
    });
  }
  return {
    ok: true,
    announcementId: announcement.id,
    reference: announcement.reference,
    reviewReference: result.reference,
  };
}

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

async function submitCorrection(
  actorSlackId: string,
  announcementId: number,
  input: AnnouncementInput,
): Promise<AnnouncementSubmitResult> {
  return inTransaction(async (transaction) => {
    await lockSubmissionsOf(actorSlackId, transaction);
    const announcement = await lockAnnouncement(announcementId, transaction);
    if (!announcement) throw new AnnouncementError('not_found', { reference: String(announcementId) });
    const actor = await requireMember(actorSlackId, transaction);
    requireManager(actor, announcement);
    if (announcement.status !== 'published' || announcement.publishedVersion === null)
      throw new AnnouncementError('invalid_state', { status: announcement.status });
    const pending = announcement.reviewInstanceId
      ? await findInstanceById(announcement.reviewInstanceId, transaction)
      : null;
    if (pending?.status === 'in_review')
      throw new AnnouncementError('review_pending', { reference: pending.reference });
    const published = await findApprovedVersion(announcement.id, announcement.publishedVersion, transaction);
    if (!published)
      throw new Error(
        `announcement ${announcement.reference} has no approved version ${announcement.publishedVersion}`,
      );
    const departments = await listAllDepartments(transaction);
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
    const validation = await validate(fixedTargets(input, current), transaction);
    if (!validation.ok) return validation;
    const content = keepTargets(validation.content, current);
    const unchanged = (['title', 'body', 'category', 'importance', 'requireAck', 'expiresAt'] as const).every(
      (field) => content[field] === current[field],
    );
    if (unchanged) throw new AnnouncementError('no_changes');
    const form: ReviewForm = {
      reference: announcement.reference,
      change: 'correction',
      content,
      publisherReview: announcementSettings().publisherStep,
      previous: {
        title: current.title,
        body: current.body,
        category: current.category,
        importance: current.importance,
        requireAck: current.requireAck,
        expiresAt: current.expiresAt,
      },
    };
    const { template, values } = await reviewValues(form, actor, transaction);
    const review = await createRequest(transaction, {
      template,
      // The providing department reviews the correction, whoever (author or admin) wrote it.
      requester: {
        personId: actor.id,
        slackUserId: actorSlackId,
        name: actor.name,
        departmentId: announcement.departmentId,
      },
      values,
      idempotencyKey: undefined,
    });
    if (!review.ok) throw new Error(`announcement review refused: ${JSON.stringify(review.errors)}`);
    await updateAnnouncement(
      announcement.id,
      { reviewInstanceId: review.instanceId, currentVersion: announcement.publishedVersion + 1 },
      transaction,
    );
    await audit(transaction, {
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
