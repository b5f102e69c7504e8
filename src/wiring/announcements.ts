import { sql, txOf } from '../db/repositories/transaction';
import { announcementStore } from '../db/stores/announcement.store';
import { auditStore } from '../db/stores/audit.store';
import {
  type AnnouncementService,
  type AnnouncementSettings,
  createAnnouncementService,
  REVIEW_TEMPLATE,
  type ReviewEngine,
} from '../domain/announcements';
import { createAuditLog } from '../domain/audit/audit.service';
import { type Clock, systemClock } from '../domain/tx';
import { requireActive, requireMember } from '../domain/workflows/actors';
import {
  createRequest,
  latestTemplate,
  nextNumber,
  onReviewFinished,
  resubmit,
} from '../domain/workflows/engine.service';
import { validateValues } from '../domain/workflows/form-validation';
import { timeZoneOf } from '../domain/workflows/settings';
import { validationContext } from '../domain/workflows/validation-context';

/**
 * The review engine announcements are given: the workflow engine's functions, which still take
 * Sequelize's transaction (until the workflows domain takes the same `Tx`, see its store).
 */
export const announcementReviews: ReviewEngine = {
  requireActive: (slackUserId, tx) => requireActive(slackUserId, tx && sql(tx)),
  requireMember: (slackUserId, tx) => requireMember(slackUserId, tx && sql(tx)),
  nextReference: (tx) => nextNumber('doc', 'ANN', sql(tx)),
  async startReview(tx, { requester, slackUserId, departmentId, values, idempotencyKey }) {
    const transaction = sql(tx);
    const template = await latestTemplate(REVIEW_TEMPLATE);
    // The engine's own checks of the review form (types, limits), in the change's transaction.
    const validation = await validateValues(
      template.definition,
      values,
      validationContext({
        requesterSlackId: requester.slackUserId ?? '',
        templateKey: template.key,
        timeZone: timeZoneOf(requester),
        transaction,
      }),
    );
    if (!validation.ok)
      throw new Error(`announcement review form refused: ${JSON.stringify(validation.errors)}`);
    const review = await createRequest(transaction, {
      template,
      requester: { personId: requester.id, slackUserId, name: requester.name, departmentId },
      values: validation.normalized,
      idempotencyKey,
    });
    if (!review.ok) throw new Error(`announcement review refused: ${JSON.stringify(review.errors)}`);
    return review;
  },
  resubmit,
};

/**
 * The announcement services, built once at start (main.ts; tests build their own): the database
 * store, the review engine, the audit log, the clock and the settings. Registers publication on the
 * approval of an `announcement` review with the engine.
 */
export function createAnnouncements(
  settings: AnnouncementSettings,
  clock: Clock = systemClock,
): AnnouncementService {
  const announcements = createAnnouncementService({
    store: announcementStore,
    reviews: announcementReviews,
    audit: createAuditLog(auditStore),
    clock,
    settings,
  });
  onReviewFinished(REVIEW_TEMPLATE, (change, outcome) =>
    announcements.reviewFinished(
      {
        tx: txOf(change.transaction),
        instance: change.instance,
        actorSlackId: change.actor.slackUserId,
        now: change.now,
      },
      outcome,
    ),
  );
  return announcements;
}
