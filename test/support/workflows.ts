import { type AnnouncementSettings, DEFAULT_ANNOUNCEMENT_SETTINGS } from '../../src/domain/announcements';
import {
  type WorkflowSettings,
  type WorkflowSettingsChanges,
  workflowSettingsWith,
} from '../../src/domain/workflows/settings';
import { createDomains } from '../../src/wiring/domains';

/**
 * The domain services of a test file, on the test database, built as main.ts builds them: the
 * workflow engine (with the announcements' review effect), the announcements, the org directory,
 * the supervision reports and the file library (request attachments read through the engine).
 * Their settings objects belong to the test file (jest gives each file its own modules):
 * `configureWorkflows` and `configureAnnouncements` change them in place for the tests that need
 * other deadlines, calendars, digests or review chains, and the services — and any scheduler
 * built on them — see the change.
 */
const settings: WorkflowSettings = workflowSettingsWith({});
const announcementSettings: AnnouncementSettings = { ...DEFAULT_ANNOUNCEMENT_SETTINGS };

export const { workflows, announcements, org, reports, files, spotChecks, scorecards, auditReader } =
  createDomains({
    workflows: settings,
    announcements: announcementSettings,
  });

export function configureWorkflows(changes: WorkflowSettingsChanges): void {
  Object.assign(settings, workflowSettingsWith(changes, settings));
}

export function workflowSettings(): Readonly<WorkflowSettings> {
  return settings;
}

export function configureAnnouncements(changes: Partial<AnnouncementSettings>): void {
  Object.assign(announcementSettings, changes);
}
