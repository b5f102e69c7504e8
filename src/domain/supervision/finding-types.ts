/**
 * Spot checks (requirements §八, issue 16): what a supervisor samples and what they record. A
 * leaf: `db/` may import it.
 */

export const SPOT_CHECK_TYPES = ['request', 'announcement', 'file'] as const;
export type SpotCheckType = (typeof SPOT_CHECK_TYPES)[number];
export const isSpotCheckType = (value: string): value is SpotCheckType =>
  (SPOT_CHECK_TYPES as readonly string[]).includes(value);

/** One finished record as the supervisor sees it in the sample: enough to judge, no content bytes. */
export interface SpotItem {
  type: SpotCheckType;
  id: number;
  reference: string;
  title: string;
  status: string;
  departmentId: number | null;
  /** When it finished: decided, published, or (files) last changed. */
  finishedAt: Date | null;
  /** The person answerable for it: requester, author, owner. */
  ownerName: string | null;
  /** A few label → value facts (type, confidentiality, metadata completeness…), already plain text. */
  facts: Array<[string, string]>;
}

export type FindingOutcome = 'conforms' | 'problem';
export type FindingStatus = 'open' | 'closed';

export interface FindingRow {
  id: number;
  itemType: SpotCheckType;
  itemId: number;
  itemReference: string;
  seed: number;
  outcome: FindingOutcome;
  /** A conforming item is closed when recorded; a problem stays open until someone closes it. */
  status: FindingStatus;
  note: string;
  departmentId: number | null;
  followUpPersonId: number | null;
  recordedByPersonId: number;
  createdAt: Date;
  closedAt: Date | null;
  closedByPersonId: number | null;
  closingNote: string | null;
  lastRemindedAt: Date | null;
}

export type NewFinding = Pick<
  FindingRow,
  | 'itemType'
  | 'itemId'
  | 'itemReference'
  | 'seed'
  | 'outcome'
  | 'status'
  | 'note'
  | 'departmentId'
  | 'followUpPersonId'
  | 'recordedByPersonId'
> & { closedAt: Date | null; closedByPersonId: number | null };

/** Spot checks and problems recorded per department in a period (the scorecard reads them). */
export interface DepartmentFindings {
  departmentId: number | null;
  checked: number;
  problems: number;
}
