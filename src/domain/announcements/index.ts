/**
 * Announcements (issue 5): the public entry points. Writing goes through a review request of the
 * workflow engine's `announcement` template; approval publishes (publication.service.ts) in the
 * approving transaction; the fan-out engine sends the copies. Types: types.ts.
 */
import { requireMember } from '../workflows/actors';
import { onReviewFinished } from '../workflows/engine.service';
import { reviewFinished } from './publication.service';
import { type AnnouncementSettings, setAnnouncementSettings } from './settings';

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
  await requireMember(slackUserId);
}

/** Call at start (and in tests): settings, and publication on the approval of a review. */
export function configureAnnouncements(settings: Partial<AnnouncementSettings> = {}): void {
  setAnnouncementSettings(settings);
  onReviewFinished('announcement', reviewFinished);
}
