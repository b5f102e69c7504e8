import type { PersonRecord } from '../org/model';
import type { Tx } from '../tx';
import type { RawFormValues } from '../workflows/form-types';
import type { SubmitResult } from '../workflows/view-types';

/**
 * What announcements ask of the workflow engine: who may act, references, and the review
 * requests nothing is published without. Built by the composition root over the engine
 * (`wiring/announcements.ts`); a unit test gives its own.
 */
export interface ReviewEngine {
  /** The active person behind a Slack user (the engine's refusal otherwise). */
  requireActive(slackUserId: string, tx?: Tx): Promise<PersonRecord>;
  /** As `requireActive`, and not a guest: a member may draft. */
  requireMember(slackUserId: string, tx?: Tx): Promise<PersonRecord>;
  /** The next announcement reference (`ANN-2026-0012`), numbered in the change's transaction. */
  nextReference(tx: Tx): Promise<string>;
  /**
   * A review request of the `announcement` template with `values` as its form, in `tx`: the
   * engine checks the form and plans the review chain (throws if it refuses either).
   */
  startReview(tx: Tx, review: NewReview): Promise<{ instanceId: number; reference: string }>;
  /** Resubmits a returned or rejected review with a new form (the engine checks who may). */
  resubmit(actorSlackId: string, reviewId: number, values: RawFormValues): Promise<SubmitResult>;
}

export interface NewReview {
  /** Who writes it (the author, or an admin correcting): their time zone checks the dates. */
  requester: PersonRecord;
  slackUserId: string;
  /** The department that reviews: the requester's, or the providing department of a correction. */
  departmentId: number | null;
  values: RawFormValues;
  idempotencyKey: string | undefined;
}

/** The workflow template of announcement reviews (its purpose, too: approval publishes). */
export const REVIEW_TEMPLATE = 'announcement';
