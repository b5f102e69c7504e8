import type { ClickedCard } from '../delivery/outbox-courier';
import type { AnnouncementService } from '../domain/announcements';
import type { FileLibrary } from '../domain/files/file-library.service';
import type { IncidentService } from '../domain/incidents/incident.service';
import type { Maintenance } from '../domain/incidents/maintenance.service';
import type { MaintenanceLog } from '../domain/maintenance/maintenance-log.service';
import type { OrgService } from '../domain/org';
import type { AuditReader } from '../domain/supervision/audit-reader';
import type { Reports } from '../domain/supervision/report.service';
import type { Scorecards } from '../domain/supervision/scorecard.service';
import type { SpotChecks } from '../domain/supervision/spot-check.service';
import type { RefusalRecorder } from '../domain/supervision/store';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { Logger } from '../logger';
import type { FileKind } from '../storage/content-type';
import type { UserContextResolver } from './user-context';

/** What listeners need from the rest of the app, passed in by the composition root. */
export interface SlackDeps {
  logger: Logger;
  users: UserContextResolver;
  /** The workflow engine (built once in main.ts). */
  workflows: WorkflowEngine;
  /** Supervision reports (`/oa report`), built once with the other domain services. */
  reports: Reports;
  /** Spot checks and their findings (`/oa spotcheck`, the Home's open findings). */
  spotChecks: SpotChecks;
  /** Department scorecards (`/oa scorecard`). */
  scorecards: Scorecards;
  /** The audit log read by supervisors and admins (`/oa audit`). */
  auditReader: AuditReader;
  /** Refused interactions (forged requests, actions refused by the server), counted per day. */
  refusals?: RefusalRecorder;
  /** The file library (`/files`, file cards, request attachments), built once with the others. */
  files: FileLibrary;
  /** Incidents (`/oa incident`), built once with the other domain services. */
  incidents: IncidentService;
  /** Maintenance mode: `refuseIfMaintenance` (maintenance-guard.ts) reads it before new submissions. */
  maintenance: Maintenance;
  /**
   * What the upload modal offers (config.files): how many files one upload takes and which types
   * its picker lists. The library checks the bytes again whatever the picker let through.
   * Absent (tests of other listeners): 5 files, every kind the library knows.
   */
  fileLimits?: { maxPerUpload: number; allowed: readonly FileKind[]; maxBytes: number };
  /** Restore drills started by an admin (`/oa drill`); absent where backups are not scheduled. */
  backups?: { requestDrill(requestedBy: string): 'started' | 'running' };
  /** The maintenance log (`/oa maintenance log`, the admins' Home, admin changes); absent in some tests. */
  maintenanceLog?: MaintenanceLog;
  /** The announcement services, built once by the composition root. */
  announcements: AnnouncementService;
  /** Admin changes to the directory, built once by the composition root. */
  org: OrgService;
  /** Asks for the person's App Home to be re-rendered soon (coalesced through the queue). */
  refreshHome(slackUserId: string): Promise<void>;
  /** Sends what the last change put in the outbox now, instead of at the next reconciliation. */
  outbox: {
    kick(): void;
    /** The clicked card's `task_decided` row, delivered through the click's response_url. */
    deliverVia(row: ClickedCard, responseUrl: string): Promise<boolean>;
  };
  /**
   * Sends what was just put in `fanout_items` (bulk sends) now; without it (tests of other
   * listeners) the items wait for the sender's reconciliation.
   */
  fanout?: { kick(): void };
  /** How often a posted acknowledgement count is refreshed; how often a chase may be repeated. */
  acks?: { refreshSeconds: number; chaseIntervalMinutes: number };
}
