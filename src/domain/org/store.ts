import type { Transactions, Tx } from '../tx';
import type { DepartmentRecord, DepartmentValues, PersonRecord, PersonValues } from './model';

/** A read in the caller's transaction, optionally locking the row (FOR UPDATE) until it ends. */
export type Lockable = { tx?: Tx; lock?: boolean };

/**
 * The org directory as its services read and write it (implemented by `db/stores/org.store.ts`).
 * Reads without a `tx` are outside any transaction (the by-Slack-id read is cached and batched).
 */
export interface OrgStore extends Transactions {
  findPersonBySlackId(slackUserId: string, options?: Lockable): Promise<PersonRecord | null>;
  findPersonById(id: number, options?: Lockable): Promise<PersonRecord | null>;
  findDepartmentByKey(key: string, options?: Lockable): Promise<DepartmentRecord | null>;
  findDepartmentById(id: number, options?: Lockable): Promise<DepartmentRecord | null>;
  /** Every department, by key. */
  listDepartments(): Promise<DepartmentRecord[]>;
  findDepartmentsHeadedBy(personId: number): Promise<DepartmentRecord[]>;
  /** Everyone with a Slack account, by name. */
  listPeopleInSlack(): Promise<PersonRecord[]>;
  listActiveAdmins(): Promise<PersonRecord[]>;
  countActiveAdmins(tx: Tx): Promise<number>;
  countPeople(): Promise<number>;

  createPerson(values: PersonValues, tx: Tx): Promise<PersonRecord>;
  updatePerson(id: number, changes: Partial<PersonValues>, tx: Tx): Promise<void>;
  createDepartment(values: DepartmentValues, tx: Tx): Promise<DepartmentRecord>;
  updateDepartment(id: number, changes: Partial<DepartmentValues>, tx: Tx): Promise<void>;

  // the org import: every department's place in the tree, and the rows it may change, locked
  listDepartmentTree(tx: Tx): Promise<{ id: number; key: string; parentId: number | null }[]>;
  findDepartmentsByKeysForUpdate(keys: readonly string[], tx: Tx): Promise<DepartmentRecord[]>;
  /** People with any of the Slack ids or (case-insensitively) any of the emails, locked. */
  findPeopleByIdentityForUpdate(
    identity: { slackUserIds: readonly string[]; emails: readonly string[] },
    tx: Tx,
  ): Promise<PersonRecord[]>;
}
