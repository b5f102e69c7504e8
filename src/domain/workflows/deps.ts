import type { InstanceRecord, TemplateRecord } from './records';
import type { WorkflowSettings } from './settings';
import type { Tx, WorkflowStore } from './store';
import type { InstanceView, TaskView } from './view-types';

/**
 * What every part of the engine runs with, built once by `createWorkflowEngine` (engine.service.ts)
 * and passed down: the store, the clock, the settings and the effects of finished reviews. The
 * domain keeps no state of its own between calls other than what this holds.
 */

import type { Clock } from '../tx';

export { type Clock, systemClock } from '../tx';

export interface Actor {
  personId: number | null;
  slackUserId: string;
}

/** What a review effect sees of the change that ends a review (a `Change` is one). */
export interface FinishedReview {
  readonly transaction: Tx;
  readonly instance: InstanceRecord;
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * What a template purpose does, in the change's transaction, when a review ends (the announcements
 * domain publishes on approval). A purpose other than `request`/`registration` must have one:
 * an approval with nobody to act on it is refused rather than silently lost.
 */
export type ReviewFinishedEffect = (
  change: FinishedReview,
  outcome: 'approved' | 'rejected' | 'returned',
) => Promise<void>;

export interface WorkflowDeps {
  readonly store: WorkflowStore;
  readonly clock: Clock;
  readonly settings: Readonly<WorkflowSettings>;
  /** By template purpose. */
  readonly reviewEffects: Readonly<Partial<Record<string, ReviewFinishedEffect>>>;
  /** Template versions read so far: a version never changes, so each is read once. */
  readonly templateVersions: Map<number, TemplateRecord>;
  /** Trusted view reads, batched (query.service.ts `createViewReads`). */
  readonly viewReads: ViewReads;
}

/** A request's or a task's current view; undefined when it does not exist. */
export interface ViewReads {
  instance(id: number): Promise<InstanceView | undefined>;
  task(taskId: number): Promise<TaskView | undefined>;
}
