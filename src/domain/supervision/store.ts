import type { Transactions, Tx } from '../tx';
import type { DepartmentFindings, FindingRow, NewFinding, SpotCheckType, SpotItem } from './finding-types';
import type { IndicatorKey } from './indicator-keys';
import type { PersonalFigures, SupervisionFigures } from './model';

export type { IndicatorKey } from './indicator-keys';
export type { PersonalFigures } from './model';

/**
 * What the supervision reports read: every indicator of a period for a set of departments
 * (null: the whole organisation), computed from the records (db/repositories/indicators.repository.ts).
 */
export interface IndicatorScope {
  fromDate: string;
  toDate: string;
  /** null: the whole organisation. */
  departmentIds: readonly number[] | null;
  calendar: {
    timeZone: string;
    dayStartMinute: number;
    dayEndMinute: number;
    workingDays: readonly number[];
  };
  now: Date;
  /** A person's own figures: their requests, their tasks, their acknowledgements. */
  personId?: number | null;
}

export interface IndicatorStore {
  figures(scope: IndicatorScope): Promise<SupervisionFigures>;
  personal(scope: IndicatorScope): Promise<PersonalFigures>;
  /** The records behind `key`'s figure (`/oa report … detail`), the first `limit` if given. */
  rows(key: IndicatorKey, scope: IndicatorScope, limit?: number): Promise<Array<Record<string, unknown>>>;
}

/**
 * Where refused interactions are counted (a request Slack did not sign, an action the server
 * refused): `slackUserId` null when the request cannot be trusted to say who sent it.
 */
export interface RefusalRecorder {
  record(reason: string, slackUserId: string | null): Promise<void>;
}

/** The monthly report's recipients and claims (monthly-report.ts; SQL in db/repositories). */
export interface MonthlyRecipient {
  personId: number;
  slackUserId: string;
}

export interface MonthlyReportSends {
  /** Active people who head a department, supervise or administer, with a Slack id. */
  recipients(): Promise<MonthlyRecipient[]>;
  /** Public holidays (YYYY-MM-DD) from `from` to `to`, inclusive. */
  holidays(from: string, to: string): Promise<Set<string>>;
  /** True if `recipient` was not claimed for `month` yet (and now is). */
  claim(month: string, recipient: MonthlyRecipient): Promise<boolean>;
  markSent(month: string, recipient: MonthlyRecipient): Promise<void>;
  /** The send failed: the next check tries again. */
  release(month: string, recipient: MonthlyRecipient): Promise<void>;
}

/** What spot checks read and write (SQL in `db/repositories/findings.repository.ts`). */
export interface FindingStore extends Transactions {
  /** Ids of the finished items of a type, in the departments given (null: all). */
  finishedItemIds(type: SpotCheckType, departmentIds: readonly number[] | null): Promise<number[]>;
  /** The record summaries of these items (any order). */
  itemSummaries(type: SpotCheckType, ids: readonly number[]): Promise<SpotItem[]>;
  /** The verdict already recorded for this item in this check (same seed, same supervisor). */
  findVerdict(
    key: { itemType: SpotCheckType; itemId: number; seed: number; recordedByPersonId: number },
    tx: Tx,
  ): Promise<FindingRow | null>;
  insertFinding(row: NewFinding, tx: Tx): Promise<FindingRow>;
  /** The finding, locked for update in `tx`. */
  lockFinding(id: number, tx: Tx): Promise<FindingRow | null>;
  closeFinding(id: number, close: { personId: number; note: string; at: Date }, tx: Tx): Promise<FindingRow>;
  /** Open findings, oldest first; `followUpPersonId` narrows to one person's. */
  openFindings(filter: { followUpPersonId?: number; limit: number }): Promise<FindingRow[]>;
  /**
   * Open findings recorded before `recordedBefore` whose owner was not reminded since
   * `remindedBefore`, marked reminded at `now` in the same statement (so one replica sends each).
   */
  claimReminders(at: { recordedBefore: Date; remindedBefore: Date; now: Date }): Promise<FindingRow[]>;
  /** Spot checks recorded in [from, to) per responsible department. */
  findingsByDepartment(from: Date, to: Date): Promise<DepartmentFindings[]>;
}

export interface AuditListRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export type AuditQuerySubject =
  | { kind: 'reference'; reference: string }
  | { kind: 'person'; slackUserId: string; personId: number | null };

export interface AuditQueryStore {
  auditRows(query: {
    subject: AuditQuerySubject | null;
    /** Local dates in `timeZone`, [from, to). */
    period: { fromDate: string; toDate: string; timeZone: string } | null;
    limit: number;
  }): Promise<AuditListRow[]>;
}
