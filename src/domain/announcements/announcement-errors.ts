/**
 * Refusals of the announcements domain that the workflow engine's codes do not cover. The Slack
 * layer turns each into a message from its catalogs.
 */
export type AnnouncementErrorCode =
  /** Unknown reference/id, or one the actor may not see. details: { reference } */
  | 'not_found'
  /** Only the author or an admin may edit or retract it. */
  | 'not_author'
  /** details: { status } — e.g. retracting something never published, editing a retracted item. */
  | 'invalid_state'
  /** A correction is already being reviewed. details: { reference } (the review request) */
  | 'review_pending'
  /** A correction identical to the published version. */
  | 'no_changes';

export class AnnouncementError extends Error {
  constructor(
    readonly code: AnnouncementErrorCode,
    readonly details: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'AnnouncementError';
  }
}
