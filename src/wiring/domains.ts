import { createWorkflowStore } from '../db/workflow-store';
import type { AnnouncementService, AnnouncementSettings } from '../domain/announcements';
import type { FileLibrary } from '../domain/files/file-library.service';
import type { IncidentService } from '../domain/incidents/incident.service';
import type { Maintenance } from '../domain/incidents/maintenance.service';
import type { OrgService } from '../domain/org';
import type { AuditReader } from '../domain/supervision/audit-reader';
import type { Reports } from '../domain/supervision/report.service';
import type { Scorecards } from '../domain/supervision/scorecard.service';
import type { SpotChecks } from '../domain/supervision/spot-check.service';
import type { RefusalRecorder } from '../domain/supervision/store';
import { type Clock, systemClock } from '../domain/tx';
import { createWorkflowEngine, type WorkflowEngine } from '../domain/workflows/engine.service';
import type { WorkflowSettings } from '../domain/workflows/settings';
import { announcementReviewEffects, createAnnouncements } from './announcements';
import {
  createFileLibrary,
  type FileLibraryConfig,
  fileVersionReviewEffects,
  type MemberChannels,
  requestVisibilityOf,
} from './files';
import { createIncidents } from './incidents';
import { createOrg } from './org';
import { createRefusalRecorder, createSupervisionReports } from './reports';
import { createSupervision, type SupervisionSettings } from './supervision';

export interface Domains {
  workflows: WorkflowEngine;
  announcements: AnnouncementService;
  org: OrgService;
  reports: Reports;
  /** Refused interactions, counted per day for the safe-operation indicators. */
  refusals: RefusalRecorder;
  files: FileLibrary;
  /** Incidents (`/oa incident`) and maintenance mode (`/oa maintenance`). */
  incidents: IncidentService;
  maintenance: Maintenance;
  spotChecks: SpotChecks;
  scorecards: Scorecards;
  auditReader: AuditReader;
}

/**
 * Every domain service, built once over the database (main.ts; tests build theirs the same way):
 * the workflow engine with its store, clock and settings and the announcements' review effect; the
 * announcements on the engine; the org directory; the supervision reports; the file library
 * (its bytes in PostgreSQL unless `files.config` names S3, channel scopes from `memberChannels`,
 * request attachments read by whoever may view the request).
 */
export function createDomains(settings: {
  workflows: WorkflowSettings;
  announcements: AnnouncementSettings;
  clock?: Clock;
  files?: { config?: FileLibraryConfig; memberChannels?: MemberChannels };
  supervision?: SupervisionSettings;
}): Domains {
  const clock = settings.clock ?? systemClock;
  let announcements: AnnouncementService | undefined;
  let files: FileLibrary | undefined;
  const workflows = createWorkflowEngine({
    store: createWorkflowStore(),
    clock,
    settings: settings.workflows,
    reviewEffects: {
      ...announcementReviewEffects(() => {
        if (!announcements)
          throw new Error('an announcement review ended before the announcements were built');
        return announcements;
      }),
      ...fileVersionReviewEffects(() => {
        if (!files) throw new Error('a file version review ended before the library was built');
        return files;
      }),
    },
  });
  announcements = createAnnouncements(settings.announcements, workflows, clock);
  files = createFileLibrary({
    config: settings.files?.config,
    memberChannels: settings.files?.memberChannels,
    clock,
    timeZone: settings.workflows.defaultTimeZone,
    workflows,
    requestVisibility: requestVisibilityOf(workflows),
  });
  return {
    workflows,
    announcements,
    org: createOrg(),
    reports: createSupervisionReports(settings.workflows, clock),
    files,
    ...createIncidents({ clock, timeZone: settings.workflows.defaultTimeZone }),
    ...createSupervision(settings.workflows, clock, settings.supervision),
    refusals: createRefusalRecorder(settings.workflows),
  };
}
