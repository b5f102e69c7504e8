import type { Transaction } from 'sequelize';
import type { Department, Person } from '../../db/models';
import { audit } from '../../db/repositories/audit.repository';
import {
  createDepartment,
  createPerson,
  type DepartmentValues,
  findDepartmentsByKeysForUpdate,
  findPeopleByIdentityForUpdate,
  listDepartmentTree,
  lockOrgImport,
  type PersonValues,
  updateDepartment,
  updatePerson,
} from '../../db/repositories/org-import.repository';
import { inTransaction } from '../../db/repositories/transaction';
import { type AuditEvent, SYSTEM_ACTORS } from '../audit/model';
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

export async function importOrgFile(file: OrgFile, options: OrgImportOptions): Promise<OrgImportResult> {
  // Lookups can be slow (Slack rate limits): they run before the transaction, which stays short.
  const lookups = await resolveSlackIds(file.people, options);
  const actor = options.actor ?? SYSTEM_ACTORS.import;
  try {
    const report = await inTransaction(async (transaction) => {
      await lockOrgImport(transaction);
      const departments = await findDepartmentsByKeysForUpdate(
        file.departments.map((department) => department.key),
        transaction,
      );
      const people = await findPeopleByIdentityForUpdate(
        identitiesToRead(file, lookups.slackIds),
        transaction,
      );
      const tree = await listDepartmentTree(transaction);
      const planned = planOrgImport(file, lookups, { departments, people, tree });
      if (!planned.ok) throw new ImportProblems(planned.problems);
      await applyPlan(planned.plan, { departments, people }, actor, transaction);
      return summarisePlan(planned.plan);
    });
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ImportProblems) return { ok: false, problems: error.problems };
    throw error;
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

/**
 * Writes the plan: departments parents first (so that a new parent has an id), then people, then
 * the heads (now that every head has a row), each audited with its plan's before and after.
 */
async function applyPlan(
  plan: OrgImportPlan,
  rows: { departments: Department[]; people: Person[] },
  actor: string,
  transaction: Transaction,
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

  const departments: Department[] = [];
  for (const index of plan.departmentWriteOrder) {
    const department = plan.departments[index] as OrgImportPlan['departments'][number];
    // The head is set last, when every head has a row.
    const { headPersonId: _head, ...values } = resolve(department.after);
    if (department.id === undefined) {
      const row = await createDepartment(
        { ...(values as DepartmentValues), headPersonId: null },
        transaction,
      );
      newDepartmentIds.set(department.key, row.id);
      departments[index] = row;
    } else {
      const row = departmentRows.get(department.id) as Department;
      if (Object.keys(values).length > 0) await updateDepartment(row, values, transaction);
      departments[index] = row;
    }
  }

  const people: Person[] = [];
  for (const [index, person] of plan.people.entries()) {
    const values = resolve(person.after);
    if (person.id === undefined) {
      const row = await createPerson(values as PersonValues, transaction);
      newPersonIds.set(index, row.id);
      people.push(row);
    } else {
      const row = personRows.get(person.id) as Person;
      if (Object.keys(values).length > 0) await updatePerson(row, values, transaction);
      people.push(row);
    }
  }
  await audit(
    transaction,
    ...plan.people.flatMap((person, index) =>
      auditEvents('person', actor, person, people[index] as Person, resolve),
    ),
  );

  for (const [index, department] of plan.departments.entries()) {
    const head = department.after.headPersonId;
    // A new department was written without a head; one that gets none needs no second write.
    if (head === undefined || (head === null && department.id === undefined)) continue;
    await updateDepartment(
      departments[index] as Department,
      { headPersonId: isNewRow(head) ? idOf(head) : head },
      transaction,
    );
  }
  await audit(
    transaction,
    ...plan.departments.flatMap((department, index) =>
      auditEvents('department', actor, department, departments[index] as Department, resolve),
    ),
  );
}

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
