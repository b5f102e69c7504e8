/**
 * Announcement settings the composition root may adjust (the domain never reads the environment).
 */
export interface AnnouncementSettings {
  /** Admins review last, as the organisation's publisher, before anything is posted. */
  publisherStep: boolean;
  /** What retraction and expiry do to posted copies: replace them with a notice, or delete them. */
  withdrawMode: 'notice' | 'delete';
}

const settings: AnnouncementSettings = { publisherStep: false, withdrawMode: 'notice' };

export function announcementSettings(): Readonly<AnnouncementSettings> {
  return settings;
}

export function setAnnouncementSettings(changes: Partial<AnnouncementSettings>): void {
  Object.assign(settings, changes);
}
