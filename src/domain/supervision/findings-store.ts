import type { Transactions, Tx } from '../tx';
import type { DepartmentFindings, FindingRow, NewFinding, SpotCheckType, SpotItem } from './findings';

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
