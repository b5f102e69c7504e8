import { createWorkflowStore } from '../../src/db/workflow-store';
import { announcementReviewEffects } from '../../src/domain/announcements';
import { createWorkflowEngine } from '../../src/domain/workflows/engine.service';
import {
  type WorkflowSettings,
  type WorkflowSettingsChanges,
  workflowSettingsWith,
} from '../../src/domain/workflows/settings';

/**
 * The workflow engine of a test file, on the test database, built as main.ts builds it (with the
 * announcements' review effects). Its settings object belongs to the test file (jest gives each
 * file its own modules): `configureWorkflows` changes it in place for the tests that need other
 * deadlines, calendars or digests, and the engine — and any scheduler built on it — sees the change.
 */
const settings: WorkflowSettings = workflowSettingsWith({});

export const workflows = createWorkflowEngine({
  store: createWorkflowStore(),
  settings,
  reviewEffects: announcementReviewEffects,
});

export function configureWorkflows(changes: WorkflowSettingsChanges): void {
  Object.assign(settings, workflowSettingsWith(changes, settings));
}

export function workflowSettings(): Readonly<WorkflowSettings> {
  return settings;
}
