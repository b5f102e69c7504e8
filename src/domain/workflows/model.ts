import type { PersonStatus, Role } from '../org/model';
import type { StepMode } from './template-schema';

/**
 * What the workflow engine stores and the database knows too: statuses, event and outbox kinds,
 * form values and the planned route (JSONB). A leaf module: the models in src/db name these
 * types without importing the engine's services.
 */

export interface LocalizedText {
  en: string;
  zh: string;
}

export type HalfDayPart = 'full' | 'am' | 'pm';

/** A date (YYYY-MM-DD) with the part of the day: a whole day, the morning or the afternoon. */
export interface HalfDayDate {
  date: string;
  part: HalfDayPart;
}

/**
 * A file attached in Slack, kept by reference: the engine never stores file contents. After the
 * request is created the app copies it into the file library (docs/files-attachments.md):
 * `stored` names the library file, `refused` why the library would not take it; neither means
 * the copy is still on its way (or the request predates the library).
 */
export interface SlackFileRef {
  id: string;
  name: string;
  stored?: { reference: string; size: number };
  refused?: AttachmentRefusal;
}

/** Why an attachment did not reach the library (shown on the cards and in the requester's DM). */
export type AttachmentRefusal = 'empty' | 'too_large' | 'type_not_allowed' | 'infected' | 'unreadable';

/** What became of one attachment: stored under a library reference, or refused with a reason. */
export type AttachmentOutcome =
  | { slackFileId: string; stored: { reference: string; size: number } }
  | { slackFileId: string; refused: AttachmentRefusal };

/**
 * A normalised value per field type: text/long_text/date (YYYY-MM-DD)/select (option value)/
 * user (Slack user id)/department (key) → string; number → number; checkbox → boolean;
 * half_day_date → HalfDayDate; files → SlackFileRef[]. Computed values (working_days) are numbers.
 */
export type FormValue = string | number | boolean | HalfDayDate | SlackFileRef[];

export type FormValues = Record<string, FormValue>;

export const INSTANCE_STATUSES = [
  'in_review',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'cancelled',
] as const;

export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export const TASK_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'returned',
  'superseded',
  'transferred',
  'withdrawn',
  'cancelled',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Why a step went to someone other than its rule's first answer (audited too). */
export type RouteFallback =
  /** The rule named the requester; the step went one level up. */
  | 'self_escalated'
  /** The rule named nobody; the step went to the admins (or the leaders, if the requester is the only admin). */
  | 'admins';

/** What a step does with an overdue task after its escalation (template `overdue.action`). */
export type AutoAction = 'auto_approve' | 'auto_reject' | 'reassign';

/**
 * Automatic handling of an overdue task, planned when it is escalated: `action` at `at`, after the
 * approver had `hours` working hours. `handledAt` is set once it ran; `outcome` says whether it
 * acted (`done`) or found nothing to do (`skipped`: a reassignment with nobody to take it).
 */
export interface AutoHandling {
  action: AutoAction;
  at: string;
  hours: number;
  handledAt?: string;
  outcome?: 'done' | 'skipped';
}

export type EventKind =
  | 'submitted'
  | 'resubmitted'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'transferred'
  | 'withdrawn'
  | 'cancelled'
  | 'commented'
  | 'completed'
  | 'routed'
  /** A task went overdue and its approver's next level up was told (data: taskId, targets). */
  | 'escalated'
  /** A task went to the delegate of an approver who is away (data: fromPersonId, toPersonId, delegationId). */
  | 'delegated';

export const OUTBOX_KINDS = [
  'task_assigned',
  'task_superseded',
  'task_decided',
  'request_updated',
  'request_decided',
  'cc_notified',
  'comment_added',
  'task_reminder',
  'task_escalated',
  'task_delegated',
  'daily_digest',
  'weekly_summary',
] as const;

export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface RouteStep {
  key: string;
  name: LocalizedText;
  mode: StepMode;
  approverPersonIds: number[];
  fallback: RouteFallback | null;
}

export interface RouteCc {
  personId: number;
  when: 'approved' | 'decided';
}

/** Stored with each revision (JSONB). */
export interface StoredRoute {
  steps: RouteStep[];
  cc: RouteCc[];
}

export interface OrgPerson {
  id: number;
  slackUserId: string | null;
  name: string;
  departmentId: number | null;
  roles: Role[];
  status: PersonStatus;
}

export interface OrgDepartment {
  id: number;
  key: string;
  parentId: number | null;
  headPersonId: number | null;
}
