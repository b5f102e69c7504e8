/**
 * What the Slack layer (and jobs) receive: views of templates, requests and tasks, pages and
 * filters of lists, and the results of actions. Plain serialisable data: ids are numbers (outbox
 * and event ids are strings, they are BIGINTs), times are ISO 8601 strings in UTC, texts that the
 * engine owns are given in both languages. Refusals are `WorkflowError`s (workflow-errors.ts).
 */
import type { FieldErrors } from './form-types';
import type {
  AutoHandling,
  EventKind,
  FormValue,
  FormValues,
  InstanceStatus,
  LocalizedText,
  RouteFallback,
  TaskStatus,
} from './model';
import type {
  ComputedDefinition,
  FieldDefinition,
  FieldType,
  StepMode,
  TemplateDefinition,
} from './template-schema';

// --- templates --------------------------------------------------------------------------------

/** One stored version of a template. */
export interface TemplateInfo {
  key: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText | null;
  prefix: string;
  purpose: TemplateDefinition['purpose'];
  fields: FieldDefinition[];
  computed: ComputedDefinition[];
  definition: TemplateDefinition;
}

// --- people -----------------------------------------------------------------------------------

/** A person as cards show them; `personId` is null for an unregistered registrant. */
export interface PersonRef {
  personId: number | null;
  slackUserId: string | null;
  name: string;
}

export interface DepartmentRef {
  key: string;
  name: LocalizedText;
}

export interface RequesterView extends PersonRef {
  department: DepartmentRef | null;
}

/** Where the Slack layer posted a card (recorded with `recordCard` or on outbox delivery). */
export interface CardLocation {
  channel: string;
  ts: string;
}

// --- instances --------------------------------------------------------------------------------

/** Finished requests: archived, searchable. A rejected one can still be resubmitted. */
export const FINISHED_STATUSES: readonly InstanceStatus[] = [
  'approved',
  'rejected',
  'withdrawn',
  'cancelled',
];

/** How an approver closes a task; the other ways it closes are someone else's act. */
export const DECIDED_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'approved',
  'rejected',
  'returned',
  'transferred',
]);

/**
 * waiting: not reached yet; in_progress: has pending tasks; approved/rejected/returned: decided;
 * closed: stopped because the request was withdrawn or cancelled.
 */
export type StepStatus = 'waiting' | 'in_progress' | 'approved' | 'rejected' | 'returned' | 'closed';

export interface FieldView {
  id: string;
  type: FieldType | 'computed';
  label: LocalizedText;
  /** The normalised value; null when an optional field was left empty. */
  value: FormValue | null;
  /** Ready to show; for `user` fields the person's name (the raw value is the Slack id). */
  display: LocalizedText | null;
}

export interface TaskSummary {
  taskId: number;
  assignee: PersonRef;
  /** Set when the task was transferred or delegated: the person it was originally assigned to. */
  onBehalfOf: PersonRef | null;
  /** Set when the task went to a delegate while `onBehalfOf` is away (they may still act on it). */
  delegationId: number | null;
  status: TaskStatus;
  createdAt: string;
  decidedAt: string | null;
  /** The approver's comment, or the reason of a rejection/return/transfer. */
  comment: string | null;
  dueAt: string | null;
  /** Set once the task was escalated for being overdue. */
  escalatedAt: string | null;
  /** Set at escalation when the step handles overdue tasks automatically. */
  autoHandling: AutoHandling | null;
  card: CardLocation | null;
}

export interface StepView {
  index: number;
  key: string;
  name: LocalizedText;
  mode: StepMode;
  status: StepStatus;
  /** The approvers planned when the revision was submitted (tasks exist once the step starts). */
  approvers: PersonRef[];
  fallback: RouteFallback | null;
  tasks: TaskSummary[];
}

export interface CommentView {
  id: string;
  author: PersonRef;
  text: string;
  at: string;
}

/** One line of the history (timeline) of a request. */
export interface EventView {
  id: string;
  kind: EventKind;
  at: string;
  actor: PersonRef | null;
  revision: number;
  stepIndex: number | null;
  taskId: number | null;
  text: string | null;
  data: Record<string, unknown>;
}

export interface RevisionView {
  revision: number;
  submittedAt: string;
  fields: FieldView[];
  steps: StepView[];
  /** How the revision ended; null for the current one while it is in review. */
  outcome: InstanceStatus | null;
}

/** Everything a tracking card (or a status reply) shows. */
export interface InstanceView {
  id: number;
  reference: string;
  template: { key: string; version: number; title: LocalizedText; prefix: string };
  /** One line, e.g. "Annual leave · 2026-12-01 – 2026-12-03". */
  subject: LocalizedText;
  status: InstanceStatus;
  revision: number;
  requester: RequesterView;
  /** Fields of the current revision, in template order, computed values last. */
  fields: FieldView[];
  values: FormValues;
  steps: StepView[];
  currentStepIndex: number | null;
  stepCount: number;
  cc: PersonRef[];
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  documentNumber: string | null;
  comments: CommentView[];
  /** The departments the request and its forms name (by key), for views that show a form's keys. */
  departmentNames: Record<string, LocalizedText>;
  /** Every revision, oldest first; the last one is the current revision. */
  revisions: RevisionView[];
  history: EventView[];
  /** The requester's tracking card. */
  card: CardLocation | null;
}

/** An approver's task with its request. */
export interface TaskView {
  taskId: number;
  instance: InstanceView;
  revision: number;
  stepIndex: number;
  stepCount: number;
  stepName: LocalizedText;
  mode: StepMode;
  assignee: PersonRef;
  onBehalfOf: PersonRef | null;
  delegationId: number | null;
  status: TaskStatus;
  createdAt: string;
  decidedAt: string | null;
  comment: string | null;
  /** When the step's SLA (working hours) runs out; null for tasks created before SLAs existed. */
  dueAt: string | null;
  autoHandling: AutoHandling | null;
  card: CardLocation | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface PageRequest {
  offset?: number;
  limit?: number;
}

// --- results of actions -----------------------------------------------------------------------

export type SubmitResult =
  | { ok: true; instanceId: number; reference: string; duplicate: boolean }
  | { ok: false; errors: FieldErrors };

export interface ActionResult {
  instanceId: number;
  reference: string;
  status: InstanceStatus;
  currentStepIndex: number | null;
  /** Present when the action was on a task. */
  taskId?: number;
  /** The task created by a transfer. */
  newTaskId?: number;
  documentNumber?: string | null;
  /**
   * The outbox row of the approver card's update, leased to the caller: the decision came from
   * a click on that very card, which the caller updates itself (see approve's `clickedCardTs`).
   */
  cardUpdateRowId?: string;
}

export interface SearchFilters extends PageRequest {
  /** Matches the reference, the requester's name and the displayed field values (case-insensitive). */
  text?: string;
  /** A request reference or a document number, exactly. */
  reference?: string;
  /** Slack id of the requester. */
  person?: string;
  /** The requester as typed, `@fiona.smith`: the local part of their email (see findPeopleByHandle). */
  personHandle?: string;
  templateKey?: string;
  status?: InstanceStatus;
  /** Submitted on or after this date (YYYY-MM-DD, in the viewer's time zone). */
  from?: string;
  /** Submitted on or before this date (YYYY-MM-DD, in the viewer's time zone). */
  to?: string;
}

export interface MyRequestsFilters extends PageRequest {
  status?: InstanceStatus;
}

export interface Holiday {
  date: string;
  name: LocalizedText;
}
