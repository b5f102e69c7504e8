import type { AuditLog } from '../audit/audit.service';
import { type AuditEvent, SYSTEM_ACTORS } from '../audit/model';
import type { Tx } from '../tx';
import type { DepartmentRecord, DepartmentValues, PersonRecord, PersonValues } from './model';
import type { OrgFile, OrgFilePerson, OrgFileProblem } from './org-file';
import {
  identitiesToRead,
  isNewRow,
  isSlackId,
  type Lookups,
  type NewRow,
  type OrgImportPlan,
  type OrgImportReport,
  type Planned,
  personPath,
  planOrgImport,
  type RowPlan,
  summarisePlan,
} from './org-import-plan';
import type { OrgStore } from './store';

/**
 * Brings the org directory in line with an org file. Slack ids of people given only by email are
 * looked up first (slow, outside any transaction); then one transaction reads the rows concerned,
 * works out the plan (`org-import-plan.ts`: every check that needs the database, and what to
 * change) and, only when there is no problem at all, writes it: departments upserted by key, people
 * by Slack id (falling back to email), parents and heads, and an audit row for each created or
 * changed entity with only the changed fields. Importing the same file again changes nothing.
 * People and departments missing from the file are left alone.
 */

export interface OrgImportOptions {
  /** Slack user id for an email, or null when Slack has no such user. May throw; that is a problem too. */
  lookupSlackIdByEmail: (email: string) => Promise<string | null>;
  /** Audit actor; defaults to SYSTEM_ACTORS.import. */
  actor?: string;
  /** Lookups in flight at once (default 4): Slack rate-limits users.lookupByEmail. */
  lookupConcurrency?: number;
}

export type OrgImportResult =
  | { ok: true; report: OrgImportReport }
  | { ok: false; problems: OrgFileProblem[] };

class ImportProblems extends Error {
  constructor(readonly problems: OrgFileProblem[]) {
    super(`${problems.length} problem(s) in the org file`);
  }
}

// --- before the transaction: Slack ids for people given by email --------------------------------

async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function resolveSlackIds(people: OrgFilePerson[], options: OrgImportOptions): Promise<Lookups> {
  const slackIds = people.map((person) => person.slackId);
  const found: { index: number; problem: OrgFileProblem }[] = [];
  const pending = people.flatMap((person, index) =>
    person.slackId === undefined && person.email !== undefined
      ? [{ person, index, email: person.email }]
      : [],
  );
  await forEachConcurrently(pending, options.lookupConcurrency ?? 4, async ({ person, index, email }) => {
    const path = `${personPath(index, person)}.email`;
    try {
      const slackId = await options.lookupSlackIdByEmail(email);
      if (slackId === null) {
        found.push({
          index,
          problem: {
            path,
            message: `no Slack user has the email ${email} (add slack_id, or invite them first)`,
          },
        });
      } else if (!isSlackId(slackId)) {
        found.push({
          index,
          problem: { path, message: `the lookup of ${email} gave "${slackId}", not a Slack user id` },
        });
      } else {
        slackIds[index] = slackId;
      }
    } catch (error) {
      found.push({
        index,
        problem: { path, message: `cannot find the Slack user for ${email}: ${(error as Error).message}` },
      });
    }
  });

  const firstWith = new Map<string, number>();
  people.forEach((person, index) => {
    const slackId = slackIds[index];
    if (slackId === undefined) return;
    const first = firstWith.get(slackId);
    if (first === undefined) firstWith.set(slackId, index);
    else if (person.slackId === undefined || people[first]?.slackId === undefined) {
      // Only a looked-up id can collide here: the file validator already rejects duplicate slack_ids.
      found.push({
        index,
        problem: {
          path: `${personPath(index, person)}.email`,
          message: `${person.email} is Slack user ${slackId}, who is also people[${first}]`,
        },
      });
    }
  });

  found.sort((a, b) => a.index - b.index);
  return { slackIds, problems: found.map(({ problem }) => problem) };
}

// --- in the transaction, once the plan has no problem --------------------------------------------

function auditEvents<T>(
  subjectType: 'department' | 'person',
  actor: string,
  change: RowPlan<T>,
  row: { id: number },
  resolve: (values: Planned<T>) => Partial<T>,
): AuditEvent[] {
  const subjectId = String(row.id);
  if (change.id === undefined) {
    return [
      { actor, action: `${subjectType}.created`, subjectType, subjectId, after: resolve(change.after) },
    ];
  }
  if (Object.keys(change.after).length === 0) return [];
  return [
    {
      actor,
      action: `${subjectType}.updated`,
      subjectType,
      subjectId,
      before: change.before,
      after: resolve(change.after),
    },
  ];
}

/**
 * Two imports at once would race on inserting the same new department or person; a
 * transaction-scoped advisory lock makes the second wait for the first and then find its work done.
 */
const IMPORT_LOCK = 'gongwu:org-import';

export type OrgImport = ReturnType<typeof createOrgImport>;

export function createOrgImport({ store, audit }: { store: OrgStore; audit: AuditLog }) {
  async function importOrgFile(file: OrgFile, options: OrgImportOptions): Promise<OrgImportResult> {
    // Lookups can be slow (Slack rate limits): they run before the transaction, which stays short.
    const lookups = await resolveSlackIds(file.people, options);
    const actor = options.actor ?? SYSTEM_ACTORS.import;
    try {
      const report = await store.inTransaction(async (tx) => {
        await store.lockNamed(IMPORT_LOCK, tx);
        const departments = await store.findDepartmentsByKeysForUpdate(
          file.departments.map((department) => department.key),
          tx,
        );
        const people = await store.findPeopleByIdentityForUpdate(
          identitiesToRead(file, lookups.slackIds),
          tx,
        );
        const tree = await store.listDepartmentTree(tx);
        const planned = planOrgImport(file, lookups, { departments, people, tree });
        if (!planned.ok) throw new ImportProblems(planned.problems);
        await applyPlan(planned.plan, { departments, people }, actor, tx);
        return summarisePlan(planned.plan);
      });
      return { ok: true, report };
    } catch (error) {
      if (error instanceof ImportProblems) return { ok: false, problems: error.problems };
      throw error;
    }
  }

  /**
   * Writes the plan: departments parents first (so that a new parent has an id), then people, then
   * the heads (now that every head has a row), each audited with its plan's before and after.
   */
  async function applyPlan(
    plan: OrgImportPlan,
    rows: { departments: DepartmentRecord[]; people: PersonRecord[] },
    actor: string,
    tx: Tx,
  ): Promise<void> {
    const departmentRows = new Map(rows.departments.map((row) => [row.id, row]));
    const personRows = new Map(rows.people.map((row) => [row.id, row]));
    const newDepartmentIds = new Map<string, number>();
    const newPersonIds = new Map<number, number>();
    const idOf = (ref: NewRow) =>
      ('newDepartment' in ref
        ? newDepartmentIds.get(ref.newDepartment)
        : newPersonIds.get(ref.newPerson)) as number;
    const resolve = <T>(values: Planned<T>): Partial<T> =>
      Object.fromEntries(
        Object.entries(values).map(([field, value]) => [field, isNewRow(value) ? idOf(value) : value]),
      ) as Partial<T>;

    const departments: DepartmentRecord[] = [];
    for (const index of plan.departmentWriteOrder) {
      const department = plan.departments[index] as OrgImportPlan['departments'][number];
      // The head is set last, when every head has a row.
      const { headPersonId: _head, ...values } = resolve(department.after);
      if (department.id === undefined) {
        const row = await store.createDepartment({ ...(values as DepartmentValues), headPersonId: null }, tx);
        newDepartmentIds.set(department.key, row.id);
        departments[index] = row;
      } else {
        const row = departmentRows.get(department.id) as DepartmentRecord;
        if (Object.keys(values).length > 0) await store.updateDepartment(row.id, values, tx);
        departments[index] = row;
      }
    }

    const people: PersonRecord[] = [];
    for (const [index, person] of plan.people.entries()) {
      const values = resolve(person.after);
      if (person.id === undefined) {
        const row = await store.createPerson(values as PersonValues, tx);
        newPersonIds.set(index, row.id);
        people.push(row);
      } else {
        const row = personRows.get(person.id) as PersonRecord;
        if (Object.keys(values).length > 0) await store.updatePerson(row.id, values, tx);
        people.push(row);
      }
    }
    await audit(
      tx,
      ...plan.people.flatMap((person, index) =>
        auditEvents('person', actor, person, people[index] as PersonRecord, resolve),
      ),
    );

    for (const [index, department] of plan.departments.entries()) {
      const head = department.after.headPersonId;
      // A new department was written without a head; one that gets none needs no second write.
      if (head === undefined || (head === null && department.id === undefined)) continue;
      await store.updateDepartment(
        (departments[index] as DepartmentRecord).id,
        { headPersonId: isNewRow(head) ? idOf(head) : head },
        tx,
      );
    }
    await audit(
      tx,
      ...plan.departments.flatMap((department, index) =>
        auditEvents('department', actor, department, departments[index] as DepartmentRecord, resolve),
      ),
    );
  }

  return { importOrgFile };
}
