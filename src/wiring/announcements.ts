import { announcementStore } from '../db/stores/announcement.store';
import { auditStore } from '../db/stores/audit.store';
import { orgStore } from '../db/stores/org.store';
import {
  type AnnouncementService,
  type AnnouncementSettings,
  createAnnouncementService,
  REVIEW_TEMPLATE,
  type ReviewEngine,
} from '../domain/announcements';
import { createAuditLog } from '../domain/audit/audit.service';
import { type Clock, systemClock } from '../domain/tx';
import { activeActor, memberActor } from '../domain/workflows/actors';
import type { ReviewFinishedEffect, WorkflowEngine } from '../domain/workflows/engine.service';
import { validateValues } from '../domain/workflows/form-validation';

/**
 * The review engine announcements are given: the workflow engine's own methods, in the
 * announcement's transaction (both domains hold the same opaque `Tx`).
 */
export function announcementReviews(workflows: WorkflowEngine): ReviewEngine {
  return {
    requireActive: async (slackUserId, tx) =>
      activeActor(await orgStore.findPersonBySlackId(slackUserId, { tx })),
    requireMember: async (slackUserId, tx) =>
      memberActor(await orgStore.findPersonBySlackId(slackUserId, { tx })),
    nextReference: (tx) => workflows.nextNumber('doc', 'ANN', tx),
    async startReview(tx, { requester, slackUserId, departmentId, values, idempotencyKey }) {
      const template = await workflows.latestTemplate(REVIEW_TEMPLATE);
      // The engine's own checks of the review form (types, limits), in the change's transaction.
      const validation = await validateValues(
        template.definition,
        values,
        workflows.validationContext({
          requesterSlackId: requester.slackUserId ?? '',
          templateKey: template.key,
          timeZone: workflows.timeZoneOf(requester),
          transaction: tx,
        }),
      );
      if (!validation.ok)
        throw new Error(`announcement review form refused: ${JSON.stringify(validation.errors)}`);
      const review = await workflows.createRequest(tx, {
        template,
        requester: { personId: requester.id, slackUserId, name: requester.name, departmentId },
        values: validation.normalized,
        idempotencyKey,
      });
      if (!review.ok) throw new Error(`announcement review refused: ${JSON.stringify(review.errors)}`);
      return review;
    },
    resubmit: (actorSlackId, reviewId, values) => workflows.resubmit(actorSlackId, reviewId, values),
  };
}

/**
 * What the workflow engine does when an announcement review ends: the announcement service
 * publishes on approval, in the approving transaction. The engine is built before the service
 * (the service starts its reviews on the engine), so the effect reaches the service through
 * `announcements()` once both exist.
 */
export function announcementReviewEffects(
  announcements: () => AnnouncementService,
): Readonly<Record<string, ReviewFinishedEffect>> {
  return {
    [REVIEW_TEMPLATE]: (review, outcome) =>
      announcements().reviewFinished(
        {
          tx: review.transaction,
          instance: review.instance,
          actorSlackId: review.actor.slackUserId ?? '',
          now: review.now,
        },
        outcome,
      ),
  };
}

/** The announcement services over the database store, the workflow engine, the audit log. */
export function createAnnouncements(
  settings: AnnouncementSettings,
  workflows: WorkflowEngine,
  clock: Clock = systemClock,
): AnnouncementService {
  return createAnnouncementService({
    store: announcementStore,
    reviews: announcementReviews(workflows),
    audit: createAuditLog(auditStore),
    clock,
    settings,
  });
}
