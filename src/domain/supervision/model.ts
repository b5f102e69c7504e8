/**
 * The supervision figures as the reports show them (docs/indicators.md defines each one); the
 * database computes them (db/repositories/indicators.repository.ts).
 */

export interface WorkflowIndicators {
  /** Requests submitted in the period, by type and where they stand now. */
  requests: Array<{ template: string; status: string; count: number }>;
  /** Requests decided in the period: turnaround in working hours from first submission. */
  turnaround: Array<{
    template: string;
    decided: number;
    medianHours: number | null;
    p90Hours: number | null;
  }>;
  /** Tasks decided in the period: working hours from assignment to decision, by type and step. */
  steps: Array<{
    template: string;
    stepIndex: number;
    tasks: number;
    medianHours: number | null;
    p90Hours: number | null;
  }>;
  /** Tasks with a due time decided in the period, and how many by their due time. */
  sla: { tasks: number; onTime: number };
  overdueNow: number;
  /** Tasks due in the period that were decided late or are still open past their due time. */
  overdueInPeriod: number;
  escalations: number;
  automaticDecisions: number;
  decided: number;
  rejected: number;
  returned: number;
  resubmissions: number;
}

export interface PublishingIndicators {
  published: number;
  /** Working hours from the draft (submission for review) to publication. */
  toPublication: { medianHours: number | null; p90Hours: number | null };
  /** Published later than the time the author asked for (review still running at that time). */
  publishedLate: number;
  corrections: number;
  withdrawals: number;
  /** Items asking for acknowledgement published in the period: the audience and who acknowledged within 3 working days. */
  acknowledgements: { items: number; audience: number; acknowledgedInTime: number };
  chases: number;
}

export interface FileIndicators {
  created: number;
  /** Active files whose title, abstract, keywords and category are all filled in. */
  completeMetadata: { files: number; complete: number };
  /** Versions after the first added in the period, and how many say what changed. */
  laterVersions: { versions: number; withChangeNote: number };
  /** Downloads of confidential files by someone neither an owner nor in the file's scope now: must be 0. */
  confidentialOutsideScope: number;
  downloads: number;
}

export interface SafeOperationIndicators {
  backups: { succeeded: number; failed: number; lastSuccessAt: Date | null };
  drills: { succeeded: number; failed: number; lastSuccessAt: Date | null };
  suspendedNow: number;
  suspensions: number;
  /** Slack requests refused in the period: a failed signature, or an action the server refused (`refused_interactions`). */
  refusedInteractions: number;
}

export interface UsageIndicators {
  /** People who did something recorded in the audit log in the period. */
  activePeople: number;
  byDepartment: Array<{ departmentId: number | null; requests: number; announcements: number }>;
}

export interface SupervisionFigures {
  workflow: WorkflowIndicators;
  publishing: PublishingIndicators;
  files: FileIndicators;
  safeOperation: SafeOperationIndicators;
  usage: UsageIndicators;
}

/**
 * A person's own figures (everyone who heads no department): the workflow figures of their
 * requests as requester and of their tasks as approver, and the acknowledgements asked of them.
 */
export interface PersonalFigures {
  workflow: WorkflowIndicators;
  /** Items asking for acknowledgement published in the period that they were asked to acknowledge, and how many they acknowledged within 3 working days. */
  acknowledgements: { asked: number; inTime: number };
}
