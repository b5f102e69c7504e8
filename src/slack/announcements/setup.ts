import type { Locale } from '../../config';
import type { FanoutPurpose } from '../../delivery/fanout-sender';
import { configureAnnouncementMessages } from '../views/announcements/announcement-message.view';
import { reviewPreviewBlocks } from '../views/announcements/review-preview.view';
import { registerApprovalPreview } from '../views/workflows/approval-card.view';
import { announcementPurposes, type PurposeDeps } from './post-purposes';

/**
 * The Slack side of announcements, set up once at start: channel copies in the organisation's
 * language and zone, the approval card's preview of an `announcement` review, and the fan-out
 * purposes (returned for the composition root to register on its sender).
 */
export function setUpAnnouncements(
  deps: PurposeDeps & { locale: Locale; timezone: string },
): Record<string, FanoutPurpose> {
  configureAnnouncementMessages({ locale: deps.locale, timezone: deps.timezone });
  registerApprovalPreview('announcement', reviewPreviewBlocks);
  return announcementPurposes(deps);
}
