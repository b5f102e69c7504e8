import type { StepMode } from './template-schema';

/**
 * What one approver's decision does to their step — the heart of the modes:
 * - one: the decision is the step's;
 * - any: the first decision wins (approve or not), the other approvers' tasks are superseded;
 * - all: every approver must approve; one rejection or return decides at once.
 */
export type Decision = 'approve' | 'reject' | 'return';

export interface StepOutcome {
  /** continue: the step waits for others; step_approved: move on; rejected/returned: the request stops. */
  result: 'continue' | 'step_approved' | 'rejected' | 'returned';
  /** The step's other pending tasks close as superseded. */
  supersedeOthers: boolean;
}

export function stepOutcome(mode: StepMode, decision: Decision, otherPendingTasks: number): StepOutcome {
  if (decision === 'reject') return { result: 'rejected', supersedeOthers: true };
  if (decision === 'return') return { result: 'returned', supersedeOthers: true };
  if (mode === 'all' && otherPendingTasks > 0) return { result: 'continue', supersedeOthers: false };
  return { result: 'step_approved', supersedeOthers: true };
}
