import { createWorkflowStore } from '../db/workflow-store';
import type { AnnouncementService, AnnouncementSettings } from '../domain/announcements';
import type { FileLibrary } from '../domain/files/file-library.service';
import type { OrgService } from '../domain/org';
import type { Reports } from '../domain/supervision/report.service';
import type { RefusalRecorder } from '../domain/supervision/store';
import { type Clock, systemClock } from '../domain/tx';
import { createWorkflowEngine, type WorkflowEngine } from '../domain/workflows/engine.service';
import type { WorkflowSettings } from '../domain/workflows/settings';
import { announcementReviewEffects, createAnnouncements } from './announcements';
import { createFileLibrary, type FileLibraryConfig, type MemberChannels } from './files';
import { createOrg } from './org';
import { createRefusalRecorder, createSupervisionReports } from './reports';

export interface Domains {
  workflows: WorkflowEngine;
  announcements: AnnouncementService;
  org: OrgService;
  reports: Reports;
  /** Refused interactions, counted per day for the safe-operation indicators. */
  refusals: RefusalRecorder;
  files: FileLibrary;
}

/**
 * Every domain service, built once over the database (main.ts; tests build theirs the same way):
 * the workflow engine with its store, clock and settings and the announcements' review effect; the
 * announcements on the engine; the org directory; the supervision reports; the file library
 * (its bytes in PostgreSQL unless `files.config` names S3, channel scopes from `memberChannels`).
 */
export function createDomains(settings: {
  workflows: WorkflowSettings;
  announcements: AnnouncementSettings;
  clock?: Clock;
  files?: { config?: FileLibraryConfig; memberChannels?: MemberChannels };
}): Domains {
  const clock = settings.clock ?? systemClock;
  let announcements: AnnouncementService | undefined;
  const workflows = createWorkflowEngine({
    store: createWorkflowStore(),
    clock,
    settings: settings.workflows,
    reviewEffects: announcementReviewEffects(() => {
      if (!announcements) throw new Error('an announcement review ended before the announcements were built');
      return announcements;
    }),
  });
  announcements = createAnnouncements(settings.announcements, workflows, clock);
  return {
    workflows,
    announcements,
    org: createOrg(),
    reports: createSupervisionReports(settings.workflows, clock),
    refusals: createRefusalRecorder(settings.workflows),
    files: createFileLibrary({
      config: settings.files?.config,
      memberChannels: settings.files?.memberChannels,
      clock,
      timeZone: settings.workflows.defaultTimeZone,
    }),
  };
}
