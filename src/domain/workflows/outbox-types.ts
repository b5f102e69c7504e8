/**
 * The outbox's notifications as the engine writes them and the courier reads them: a payload per
 * kind (ids and codes only) and the message rows.
 */
import type { OutboxKind } from './model';

// --- outbox -----------------------------------------------------------------------------------

/** Why an approver's pending task closed without their decision. */
export type SupersededReason =
  | 'decided_by_other' // another approver of an `any` step, or a rejection/return in an `all` step
  | 'request_withdrawn'
  | 'request_cancelled';

export type TaskDecision = 'approved' | 'rejected' | 'returned' | 'transferred';

/** Payloads hold ids and codes only: the courier re-reads the current state when it renders. */
export interface OutboxPayloads {
  /** FYI to an approver who is away: the task went to their delegate (they may still decide it). */
  task_delegated: { instanceId: number; taskId: number };
  /** An approver's morning list of pending tasks (read at delivery); `localDate` is their date. */
  daily_digest: { localDate: string };
  /** An admin's weekly summary of overdue tasks per department (read at delivery). */
  weekly_summary: { localDate: string };
  /** DM a card with buttons to the approver. */
  task_assigned: { instanceId: number; taskId: number; stepIndex: number; revision: number };
  /** Update the approver's card: the task closed without their decision. */
  task_superseded: { instanceId: number; taskId: number; reason: SupersededReason };
  /** Update the approver's card with their own decision. */
  task_decided: { instanceId: number; taskId: number; decision: TaskDecision };
  /** Post (event `submitted`, when no card is recorded) or update the requester's tracking card. */
  request_updated: {
    instanceId: number;
    event:
      | 'submitted'
      | 'resubmitted'
      | 'step_decided'
      | 'transferred'
      | 'withdrawn'
      | 'decided'
      | 'commented'
      | 'escalated'
      // the library stored or refused the request's attachments (attachments.service.ts)
      | 'attachments';
  };
  /** Tell the requester the outcome (a new message, so that Slack notifies them). */
  request_decided: { instanceId: number; outcome: 'approved' | 'rejected' | 'returned' | 'cancelled' };
  /** FYI to a CC'd person once the request is decided. */
  cc_notified: { instanceId: number; outcome: 'approved' | 'rejected' };
  /** A participant commented; `eventId` is the comment in the history. */
  comment_added: { instanceId: number; eventId: string };
  /** Remind the approver of a pending task: scheduled (reminder `n`) or nudged by the requester. */
  task_reminder: { instanceId: number; taskId: number; reason: 'scheduled' | 'nudge'; n?: number };
  /** An overdue task: to the escalation target(s) (`target`) or the requester (`requester`). */
  task_escalated: {
    instanceId: number;
    taskId: number;
    audience: 'target' | 'requester';
    targetPersonIds: number[];
  };
}

/** Kinds about no single request: their rows have no instance. */
export type DigestKind = 'daily_digest' | 'weekly_summary';

export type OutboxMessage = {
  [K in OutboxKind]: {
    id: string;
    kind: K;
    recipientPersonId: number | null;
    recipientSlackId: string;
    instanceId: K extends DigestKind ? null : number;
    taskId: number | null;
    payload: OutboxPayloads[K];
    createdAt: string;
    deliveredAt: string | null;
    attempts: number;
    lastError: string | null;
  };
}[OutboxKind];

/** A row about one request (every kind but the digests). */
export type InstanceOutboxMessage = Exclude<OutboxMessage, { kind: DigestKind }>;
