import type { ClickedCard } from '../delivery/outbox-courier';
import type { AnnouncementService } from '../domain/announcements';
import type { FileLibrary } from '../domain/files/file-library.service';
import type { OrgService } from '../domain/org';
import type { Reports } from '../domain/supervision/report.service';
import type { RefusalRecorder } from '../domain/supervision/store';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { Logger } from '../logger';
import type { UserContextResolver } from './user-context';

/** What listeners need from the rest of the app, passed in by the composition root. */
export interface SlackDeps {
  logger: Logger;
  users: UserContextResolver;
  /** The workflow engine (built once in main.ts). */
  workflows: WorkflowEngine;
  /** Supervision reports (`/oa report`), built once with the other domain services. */
  reports: Reports;
  /** Refused interactions (forged requests, actions refused by the server), counted per day. */
  refusals?: RefusalRecorder;
  /** The file library (`/files`, file cards, request attachments), built once with the others. */
  files: FileLibrary;
  /** Restore drills started by an admin (`/oa drill`); absent where backups are not scheduled. */
  backups?: { requestDrill(requestedBy: string): 'started' | 'running' };
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
