import type { Transaction } from 'sequelize';
import type { Department, Person } from '../../db/models';
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
import { type AuditEvent, audit, SYSTEM_ACTORS } from '../audit/audit.service';
import { entryPath, type OrgFile, type OrgFilePerson, type OrgFileProblem, sortProblems } from './org-file';
import { normaliseRoles } from './roles';

/**
 * Brings the org directory in line with an org file. Slack ids of people given only by email are
 * looked up first (slow, outside any transaction); then one transaction checks everything that
 * needs the database, and only when there is no problem at all upserts departments by key and
 * people by Slack id (falling back to email), sets parents and heads, and audits each created or
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

export interface ImportedPerson {
  slackId: string;
  name: string;
}

export interface OrgImportReport {
  departments: { added: string[]; changed: { key: string; fields: string[] }[]; unchanged: number };
  people: { added: ImportedPerson[]; changed: (ImportedPerson & { fields: string[] })[]; unchanged: number };
}

export type OrgImportResult =
  | { ok: true; report: OrgImportReport }
  | { ok: false; problems: OrgFileProblem[] };

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,31}$/;
const isSlackId = (ref: string) => SLACK_USER_ID.test(ref);

/** Field names in reports speak the file's language; audit rows keep the model's attribute names. */
const DEPARTMENT_FIELDS: Record<keyof DepartmentValues, string> = {
  key: 'key',
  name: 'name',
  nameZh: 'name_zh',
  parentId: 'parent',
  headPersonId: 'head',
};
const PERSON_FIELDS: Record<keyof PersonValues, string> = {
  slackUserId: 'slack_id',
  email: 'email',
  name: 'name',
  departmentId: 'department',
  position: 'position',
  contact: 'contact',
  roles: 'roles',
  status: 'status',
  locale: 'locale',
  timezone: 'timezone',
};

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
    const report = await inTransaction((transaction) => applyImport(file, lookups, actor, transaction));
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ImportProblems) return { ok: false, problems: error.problems };
    throw error;
  }
}

const personPath = (index: number, person: OrgFilePerson) =>
  entryPath('people', index, person.email ?? person.slackId ?? person.name);

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

/** Each person's Slack id (undefined where the lookup failed) and the problems of the lookups. */
interface Lookups {
  slackIds: (string | undefined)[];
  problems: OrgFileProblem[];
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

// --- in the transaction ------------------------------------------------------------------------

interface PersonPlan {
  index: number;
  entry: OrgFilePerson;
  /** Always set once the import gets past its checks. */
  slackId: string | undefined;
  existing: Person | undefined;
  id?: number;
}

type HeadTarget = { plan: PersonPlan } | { person: Person } | null;

interface Change {
  row: Department | Person;
  created: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const describePerson = (person: Person) =>
  [person.name, person.slackUserId, person.email].filter((part) => part !== null && part !== '').join(' / ');

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return (a ?? null) === (b ?? null);
}

/** The fields of `desired` that differ from the row, with their values before and after. */
function diff<T extends object>(row: T, desired: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const field of Object.keys(desired) as (keyof T)[]) {
    const current = row[field];
    const wanted = desired[field];
    if (wanted === undefined || sameValue(current, wanted)) continue;
    before[field] = (Array.isArray(current) ? [...current] : (current ?? null)) as T[keyof T];
    after[field] = wanted;
  }
  return { before, after };
}

async function applyImport(
  file: OrgFile,
  lookups: Lookups,
  actor: string,
  transaction: Transaction,
): Promise<OrgImportReport> {
  await lockOrgImport(transaction);
  // Problems of the lookups do not stop the checks below: the operator gets every problem at once.
  const problems: OrgFileProblem[] = [...lookups.problems];
  const slackIds = lookups.slackIds;
  const knownSlackIds = slackIds.filter((slackId): slackId is string => slackId !== undefined);

  const existingDepartments = await findDepartmentsByKeysForUpdate(
    file.departments.map((department) => department.key),
    transaction,
  );
  const departmentByKey = new Map(existingDepartments.map((department) => [department.key, department]));

  const headRefs = file.departments.flatMap((department) => (department.head ? [department.head] : []));
  const existingPeople = await findPeopleByIdentityForUpdate(
    {
      slackUserIds: [...new Set([...knownSlackIds, ...headRefs.filter(isSlackId)])],
      emails: [
        ...new Set([
          ...file.people.flatMap((person) => (person.email ? [person.email] : [])),
          ...headRefs.filter((ref) => !isSlackId(ref)),
        ]),
      ],
    },
    transaction,
  );
  const dbBySlackId = new Map<string, Person>();
  const dbByEmail = new Map<string, Person>();
  for (const person of existingPeople) {
    if (person.slackUserId) dbBySlackId.set(person.slackUserId, person);
    if (person.email) dbByEmail.set(person.email.toLowerCase(), person);
  }

  // Who is who: the Slack id decides, the email is the fallback for people known only by email.
  const plans: PersonPlan[] = file.people.map((entry, index) => {
    const slackId = slackIds[index];
    // Without a Slack id the entry already has a problem; nothing will be written.
    if (slackId === undefined) return { index, entry, slackId, existing: undefined };
    const bySlackId = dbBySlackId.get(slackId);
    const byEmail = entry.email ? dbByEmail.get(entry.email) : undefined;
    if (bySlackId && byEmail && bySlackId !== byEmail) {
      problems.push({
        path: `${personPath(index, entry)}.email`,
        message: `${entry.email} already belongs to another person in the database (${describePerson(byEmail)})`,
      });
    } else if (!bySlackId && byEmail?.slackUserId) {
      problems.push({
        path: `${personPath(index, entry)}.slack_id`,
        message: `the database has ${entry.email} as Slack user ${byEmail.slackUserId}, not ${slackId}`,
      });
    }
    return { index, entry, slackId, existing: bySlackId ?? byEmail };
  });

  const planBySlackId = new Map(
    plans.flatMap((plan) => (plan.slackId ? [[plan.slackId, plan] as const] : [])),
  );
  const planByEmail = new Map(
    plans.flatMap((plan) => (plan.entry.email ? [[plan.entry.email, plan] as const] : [])),
  );
  const heads = new Map<string, HeadTarget>();
  file.departments.forEach((department, index) => {
    if (department.head === undefined) return;
    if (department.head === null) {
      heads.set(department.key, null);
      return;
    }
    const ref = department.head;
    const plan = isSlackId(ref) ? planBySlackId.get(ref) : planByEmail.get(ref);
    const person = isSlackId(ref) ? dbBySlackId.get(ref) : dbByEmail.get(ref);
    if (plan) heads.set(department.key, { plan });
    else if (person) heads.set(department.key, { person });
    else {
      problems.push({
        path: `${entryPath('departments', index, department.key)}.head`,
        message: `"${ref}" is neither among the people in the file nor in the database`,
      });
    }
  });

  problems.push(...parentCyclesWithDatabase(file, await listDepartmentTree(transaction)));
  if (problems.length > 0) throw new ImportProblems(sortProblems(problems));

  // Departments, parents before children so that a new parent has an id.
  const departmentIds = new Map(existingDepartments.map((department) => [department.key, department.id]));
  const departmentChanges = new Map<string, Change>();
  for (const department of parentsFirst(file)) {
    const parentId =
      department.parent === undefined
        ? undefined
        : department.parent === null
          ? null
          : (departmentIds.get(department.parent) as number);
    const existing = departmentByKey.get(department.key);
    if (!existing) {
      const values: DepartmentValues = {
        key: department.key,
        name: department.name,
        nameZh: department.nameZh ?? null,
        parentId: parentId ?? null,
        headPersonId: null,
      };
      const row = await createDepartment(values, transaction);
      departmentIds.set(department.key, row.id);
      departmentChanges.set(department.key, { row, created: true, before: {}, after: { ...values } });
    } else {
      const changes = diff<DepartmentValues>(existing, {
        name: department.name,
        nameZh: department.nameZh,
        parentId,
      });
      if (Object.keys(changes.after).length > 0) await updateDepartment(existing, changes.after, transaction);
      departmentChanges.set(department.key, { row: existing, created: false, ...changes });
    }
  }

  // People.
  const personChanges: Change[] = [];
  for (const plan of plans) {
    const { entry } = plan;
    const departmentId = departmentIds.get(entry.department) as number;
    if (!plan.existing) {
      const values: PersonValues = {
        slackUserId: plan.slackId as string,
        email: entry.email ?? null,
        name: entry.name,
        departmentId,
        position: entry.position ?? null,
        contact: entry.contact ?? null,
        roles: normaliseRoles(entry.roles ?? ['user']),
        status: entry.status ?? 'active',
        locale: entry.locale ?? null,
        timezone: entry.timezone ?? null,
      };
      const row = await createPerson(values, transaction);
      plan.id = row.id;
      personChanges.push({ row, created: true, before: {}, after: { ...values } });
    } else {
      const changes = diff<PersonValues>(plan.existing, {
        slackUserId: plan.slackId,
        email: entry.email,
        name: entry.name,
        departmentId,
        position: entry.position,
        contact: entry.contact,
        roles: entry.roles && normaliseRoles(entry.roles),
        status: entry.status,
        locale: entry.locale,
        timezone: entry.timezone,
      });
      if (Object.keys(changes.after).length > 0)
        await updatePerson(plan.existing, changes.after, transaction);
      plan.id = plan.existing.id;
      personChanges.push({ row: plan.existing, created: false, ...changes });
    }
  }
  await audit(transaction, ...auditEvents('person', actor, personChanges));

  // Heads, now that every head has an id.
  for (const department of file.departments) {
    const target = heads.get(department.key);
    const change = departmentChanges.get(department.key) as Change;
    if (target === undefined) continue;
    const headPersonId =
      target === null ? null : 'plan' in target ? (target.plan.id as number) : target.person.id;
    const row = change.row as Department;
    if (row.headPersonId === headPersonId) continue;
    if (!change.created) change.before.headPersonId = row.headPersonId;
    change.after.headPersonId = headPersonId;
    await updateDepartment(row, { headPersonId }, transaction);
  }
  const departmentChangeList = file.departments.map(
    (department) => departmentChanges.get(department.key) as Change,
  );
  await audit(transaction, ...auditEvents('department', actor, departmentChangeList));

  return {
    departments: summarise(
      departmentChangeList,
      DEPARTMENT_FIELDS,
      (change) => (change.row as Department).key,
      (change, fields) => ({ key: (change.row as Department).key, fields }),
    ),
    people: summarise(personChanges, PERSON_FIELDS, importedPerson, (change, fields) => ({
      ...importedPerson(change),
      fields,
    })),
  };
}

function importedPerson(change: Change): ImportedPerson {
  const person = change.row as Person;
  return { slackId: person.slackUserId as string, name: person.name };
}

function auditEvents(subjectType: 'department' | 'person', actor: string, changes: Change[]): AuditEvent[] {
  return changes.flatMap((change): AuditEvent[] => {
    if (change.created) {
      return [
        {
          actor,
          action: `${subjectType}.created`,
          subjectType,
          subjectId: String(change.row.id),
          after: change.after,
        },
      ];
    }
    if (Object.keys(change.after).length === 0) return [];
    return [
      {
        actor,
        action: `${subjectType}.updated`,
        subjectType,
        subjectId: String(change.row.id),
        before: change.before,
        after: change.after,
      },
    ];
  });
}

function summarise<Added, Changed>(
  changes: Change[],
  fieldNames: Record<string, string>,
  added: (change: Change) => Added,
  changed: (change: Change, fields: string[]) => Changed,
): { added: Added[]; changed: Changed[]; unchanged: number } {
  const report = { added: [] as Added[], changed: [] as Changed[], unchanged: 0 };
  for (const change of changes) {
    const fields = Object.keys(change.after).map((field) => fieldNames[field] ?? field);
    if (change.created) report.added.push(added(change));
    else if (fields.length > 0) report.changed.push(changed(change, fields));
    else report.unchanged++;
  }
  return report;
}

/** File departments ordered so that a parent named in the file comes before its children. */
function parentsFirst(file: OrgFile): OrgFile['departments'] {
  const byKey = new Map(file.departments.map((department) => [department.key, department]));
  const ordered: OrgFile['departments'] = [];
  const placed = new Set<string>();
  const place = (key: string) => {
    const department = byKey.get(key);
    if (!department || placed.has(key)) return;
    placed.add(key);
    if (department.parent) place(department.parent);
    ordered.push(department);
  };
  for (const department of file.departments) place(department.key);
  return ordered;
}

/**
 * The file's own tree is acyclic (the validator checks), but a department whose `parent` the file
 * leaves out keeps its parent from the database, and that can close a loop with the file's parents.
 */
function parentCyclesWithDatabase(
  file: OrgFile,
  tree: { id: number; key: string; parentId: number | null }[],
): OrgFileProblem[] {
  const keyById = new Map(tree.map((row) => [row.id, row.key]));
  const parentOf = new Map<string, string | null>(
    tree.map((row) => [row.key, row.parentId === null ? null : (keyById.get(row.parentId) ?? null)]),
  );
  for (const department of file.departments) {
    if (department.parent !== undefined) parentOf.set(department.key, department.parent);
    else if (!parentOf.has(department.key)) parentOf.set(department.key, null);
  }
  const problems: OrgFileProblem[] = [];
  const reported = new Set<string>();
  file.departments.forEach((department, index) => {
    const chain: string[] = [];
    let current: string | null | undefined = department.key;
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = parentOf.get(current);
    }
    if (current !== department.key || reported.has(department.key)) return;
    for (const key of chain) reported.add(key);
    problems.push({
      path: `${entryPath('departments', index, department.key)}.parent`,
      message: `with the parents already in the database this makes a parent cycle ${[...chain, department.key].join(' → ')}`,
    });
  });
  return problems;
}
