/**
 * Announcements (issue 5): the public entry points. Writing goes through a review request of the
 * workflow engine's `announcement` template; approval publishes (publication.service.ts) in the
 * approving transaction; the fan-out engine sends the copies. Types: types.ts.
 *
 * The services are built once, by `createAnnouncementService`, from a store, the review engine,
 * the audit log, a clock and the settings (deps.ts); nothing here is configured at module level.
 */
import { createAcknowledgements } from './acknowledgements';
import { createWriting } from './announcement.service';
import { createChase } from './chase';
import { createChaseCopies } from './chase-copies';
import { createDelivery } from './delivery.service';
import type { AnnouncementDeps } from './deps';
import { createPublication } from './publication.service';
import { createQueries } from './query.service';

export { mayManage, maySee } from './access';
export type { AckResult, MembersOf, StatusResult } from './acknowledgements';
export { AnnouncementError } from './announcement-errors';
export type { ChaseResult } from './chase';
export type { AnnouncementDeps } from './deps';
export {
  CHASE_PURPOSE,
  type ChaseSubject,
  type NoticeKind,
  type NoticeSubject,
  PURPOSES,
} from './fanout-items';
export type { FinishedReview } from './publication.service';
export { contentDiff, type DiffField, fromReviewValues, type ReviewForm } from './review-form';
export { REVIEW_TEMPLATE, type ReviewEngine } from './reviews';
export { type AnnouncementSettings, DEFAULT_ANNOUNCEMENT_SETTINGS } from './settings';
export type { AnnouncementStore } from './store';
export * from './types';

export type AnnouncementService = ReturnType<typeof createAnnouncementService>;

export function createAnnouncementService(deps: AnnouncementDeps) {
  const delivery = createDelivery(deps);
  const chaseCopies = createChaseCopies(deps);
  const publication = createPublication(deps, { delivery, chaseCopies });
  const acknowledgements = createAcknowledgements(deps, publication);
  return {
    settings: deps.settings,
    ...createWriting(deps),
    ...publication,
    ...createQueries(deps, publication),
    ...acknowledgements,
    ...createChase(deps, acknowledgements),
    recordSettledItem: delivery.recordSettledItem,
    recordSettledNotice: delivery.recordSettledNotice,
    recordSettledChase: chaseCopies.recordSettledChase,
    /** Guests and people outside the directory may not draft (throws the engine's refusal). */
    async checkMayDraft(slackUserId: string): Promise<void> {
      await deps.reviews.requireMember(slackUserId);
    },
  };
}
