/**
 * Announcement settings, given to the service when the composition root builds it (the domain
 * never reads the environment).
 */
export interface AnnouncementSettings {
  /** Admins review last, as the organisation's publisher, before anything is posted. */
  publisherStep: boolean;
  /** What retraction and expiry do to posted copies: replace them with a notice, or delete them. */
  withdrawMode: 'notice' | 'delete';
}

export const DEFAULT_ANNOUNCEMENT_SETTINGS: Readonly<AnnouncementSettings> = {
  publisherStep: false,
  withdrawMode: 'notice',
};
