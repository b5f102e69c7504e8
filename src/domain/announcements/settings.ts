import type { WorkflowEngine } from '../workflows/engine.service';
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

/**
 * The workflow engine the announcements' reviews run on, given by `configureAnnouncements`.
 * A bridge until this domain is built with its dependencies too (issue 14, item 3).
 */
let engine: WorkflowEngine | undefined;

export function workflowEngine(): WorkflowEngine {
  if (!engine) throw new Error('announcements are not configured: call configureAnnouncements() first');
  return engine;
}

export function setWorkflowEngine(workflows: WorkflowEngine): void {
  engine = workflows;
}
