import { findPersonBySlackId } from '../../db/repositories/org.repository';
/**
 * Announcements (issue 5): the public entry points. Writing goes through a review request of the
 * workflow engine's `announcement` template; approval publishes (publication.service.ts) in the
 * approving transaction; the fan-out engine sends the copies. Types: types.ts.
 */
import { memberActor } from '../workflows/actors';
import type { WorkflowEngine } from '../workflows/engine.service';
import { reviewFinished } from './publication.service';
import { type AnnouncementSettings, setAnnouncementSettings, setWorkflowEngine } from './settings';

export { mayManage, maySee } from './access';
export { reviseAnnouncement, submitAnnouncement } from './announcement.service';
export { AnnouncementError } from './announcement-errors';
export { recordSettledItem, recordSettledNotice } from './delivery.service';
export { type NoticeKind, type NoticeSubject, PURPOSES } from './fanout-items';
export {
  approvedVersionToShow,
  audienceMembers,
  expireAnnouncement,
  retractAnnouncement,
} from './publication.service';
export {
  getAnnouncement,
  listAnnouncements,
  postedCopies,
  readAnnouncementView,
  viewForCopy,
} from './query.service';
export { contentDiff, type DiffField, fromReviewValues, type ReviewForm } from './review-form';
export { announcementSettings } from './settings';
export * from './types';

/** Guests and people outside the directory may not draft (throws the engine's refusal). */
export async function checkMayDraft(slackUserId: string): Promise<void> {
  memberActor(await findPersonBySlackId(slackUserId));
}

/**
 * Call at start (and in tests): settings, and the workflow engine the reviews run on. That engine
 * must have been built with `announcementReviewEffects` (publication on the approval of a review).
 */
export function configureAnnouncements(
  workflows: WorkflowEngine,
  settings: Partial<AnnouncementSettings> = {},
): void {
  setAnnouncementSettings(settings);
  setWorkflowEngine(workflows);
}

/** The workflow engine's effects of a finished announcement review (`createWorkflowEngine`). */
export const announcementReviewEffects = { announcement: reviewFinished } as const;
