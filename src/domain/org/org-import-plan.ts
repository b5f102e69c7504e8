import type { DepartmentRecord, DepartmentValues, PersonRecord, PersonValues } from './model';
import { normaliseRoles } from './model';
import { entryPath, type OrgFile, type OrgFilePerson, type OrgFileProblem, sortProblems } from './org-file';

/**
 * What an org import would change, worked out from the file, the people's Slack ids and the rows the
 * database holds now, without touching anything: every check that needs the database, then the
 * departments and people to create and the fields to change on the others (with the values before,
 * for the audit). Plain data in, plain data out, so the rules are unit-tested without PostgreSQL;
 * `org-import.service.ts` reads the rows, and writes the plan in one transaction.
 */

/** Each person's Slack id (undefined where the lookup failed) and the problems of the lookups. */
export interface Lookups {
  slackIds: (string | undefined)[];
  problems: OrgFileProblem[];
}

/** The rows the import needs, read (and locked) in its transaction. */
export interface CurrentDirectory {
  /** The departments with the file's keys. */
  departments: DepartmentRecord[];
  /** The people with the Slack ids and emails of `identitiesToRead`. */
  people: PersonRecord[];
  /** Every department's place in the tree. */
  tree: { id: number; key: string; parentId: number | null }[];
}

/** The id of a row the import creates, unknown until it is written: a department by key, a person by file index. */
export type NewRow = { newDepartment: string } | { newPerson: number };

/** Values to write, where an id may be that of a row the import creates. */
export type Planned<T> = { [K in keyof T]?: T[K] | NewRow };

export interface RowPlan<T> {
  /** The row's id; undefined when the import creates the row. */
  id?: number;
  /** The changed fields before the import; empty for a new row. */
  before: Partial<T>;
  /** Every field of a new row, or only the changed fields of an existing one. */
  after: Planned<T>;
}

export interface DepartmentPlan extends RowPlan<DepartmentValues> {
  key: string;
}

export interface PersonPlan extends RowPlan<PersonValues> {
  slackId: string;
  name: string;
}

export interface OrgImportPlan {
  /** In file order. A department's head is written last, once every person has a row. */
  departments: DepartmentPlan[];
  /** Indexes into `departments`, a parent named in the file before its children. */
  departmentWriteOrder: number[];
  /** In file order. */
  people: PersonPlan[];
}

export type OrgImportPlanResult =
  | { ok: true; plan: OrgImportPlan }
  | { ok: false; problems: OrgFileProblem[] };

export interface ImportedPerson {
  slackId: string;
  name: string;
}

export interface OrgImportReport {
  departments: { added: string[]; changed: { key: string; fields: string[] }[]; unchanged: number };
  people: { added: ImportedPerson[]; changed: (ImportedPerson & { fields: string[] })[]; unchanged: number };
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,31}$/;
export const isSlackId = (ref: string) => SLACK_USER_ID.test(ref);

export const personPath = (index: number, person: OrgFilePerson) =>
  entryPath('people', index, person.email ?? person.slackId ?? person.name);

export const isNewRow = (value: unknown): value is NewRow =>
  typeof value === 'object' && value !== null && ('newDepartment' in value || 'newPerson' in value);

/** The people to read: by the Slack ids known so far and the heads', and by the file's and the heads' emails. */
export function identitiesToRead(
  file: OrgFile,
  slackIds: Lookups['slackIds'],
): { slackUserIds: string[]; emails: string[] } {
  const headRefs = file.departments.flatMap((department) => (department.head ? [department.head] : []));
  const known = slackIds.filter((slackId): slackId is string => slackId !== undefined);
  return {
    slackUserIds: [...new Set([...known, ...headRefs.filter(isSlackId)])],
    emails: [
      ...new Set([
        ...file.people.flatMap((person) => (person.email ? [person.email] : [])),
        ...headRefs.filter((ref) => !isSlackId(ref)),
      ]),
    ],
  };
}

const describePerson = (person: PersonRecord) =>
  [person.name, person.slackUserId, person.email].filter((part) => part !== null && part !== '').join(' / ');

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return (a ?? null) === (b ?? null);
}

/** The fields of `desired` that differ from the row, with their values before and after. */
function diff<T extends object>(row: T, desired: Planned<T>): { before: Partial<T>; after: Planned<T> } {
  const before: Partial<T> = {};
  const after: Planned<T> = {};
  for (const field of Object.keys(desired) as (keyof T)[]) {
    const current = row[field];
    const wanted = desired[field];
    if (wanted === undefined || sameValue(current, wanted)) continue;
    before[field] = (Array.isArray(current) ? [...current] : (current ?? null)) as T[keyof T];
    after[field] = wanted;
  }
  return { before, after };
}

/**
 * Who is who, the heads, and the tree with the parents the file leaves to the database; then what
 * to write. Any problem (the lookups' too) means no plan, and every problem is reported at once.
 */
export function planOrgImport(
  file: OrgFile,
  lookups: Lookups,
  current: CurrentDirectory,
): OrgImportPlanResult {
  const problems: OrgFileProblem[] = [...lookups.problems];
  const existingDepartments = new Map(current.departments.map((department) => [department.key, department]));
  const dbBySlackId = new Map<string, PersonRecord>();
  const dbByEmail = new Map<string, PersonRecord>();
  for (const person of current.people) {
    if (person.slackUserId) dbBySlackId.set(person.slackUserId, person);
    if (person.email) dbByEmail.set(person.email.toLowerCase(), person);
  }

  // Who is who: the Slack id decides, the email is the fallback for people known only by email.
  const existingPeople = file.people.map((entry, index) => {
    const slackId = lookups.slackIds[index];
    // Without a Slack id the entry already has a problem; there will be no plan.
    if (slackId === undefined) return undefined;
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
    return bySlackId ?? byEmail;
  });

  // A head is a person of the file first, else one of the database.
  const personRef = (index: number): number | NewRow => existingPeople[index]?.id ?? { newPerson: index };
  const fileIndexBySlackId = new Map<string, number>();
  const fileIndexByEmail = new Map<string, number>();
  file.people.forEach((entry, index) => {
    const slackId = lookups.slackIds[index];
    if (slackId) fileIndexBySlackId.set(slackId, index);
    if (entry.email) fileIndexByEmail.set(entry.email, index);
  });
  const heads = new Map<string, number | NewRow | null>();
  file.departments.forEach((department, index) => {
    if (department.head === undefined) return;
    if (department.head === null) {
      heads.set(department.key, null);
      return;
    }
    const ref = department.head;
    const inFile = isSlackId(ref) ? fileIndexBySlackId.get(ref) : fileIndexByEmail.get(ref);
    const inDatabase = isSlackId(ref) ? dbBySlackId.get(ref) : dbByEmail.get(ref);
    if (inFile !== undefined) heads.set(department.key, personRef(inFile));
    else if (inDatabase) heads.set(department.key, inDatabase.id);
    else {
      problems.push({
        path: `${entryPath('departments', index, department.key)}.head`,
        message: `"${ref}" is neither among the people in the file nor in the database`,
      });
    }
  });

  problems.push(...parentCyclesWithDatabase(file, current.tree));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const departmentRef = (key: string): number | NewRow =>
    existingDepartments.get(key)?.id ?? { newDepartment: key };

  const departments = file.departments.map((department): DepartmentPlan => {
    const parentId =
      department.parent === undefined || department.parent === null
        ? department.parent
        : departmentRef(department.parent);
    const headPersonId = heads.get(department.key);
    const existing = existingDepartments.get(department.key);
    if (!existing) {
      const after = {
        key: department.key,
        name: department.name,
        nameZh: department.nameZh ?? null,
        parentId: parentId ?? null,
        headPersonId: headPersonId ?? null,
      };
      return { key: department.key, before: {}, after };
    }
    const changes = diff<DepartmentValues>(existing, {
      name: department.name,
      nameZh: department.nameZh,
      parentId,
      headPersonId,
    });
    return { key: department.key, id: existing.id, ...changes };
  });

  const people = file.people.map((entry, index): PersonPlan => {
    const slackId = lookups.slackIds[index] as string;
    const departmentId = departmentRef(entry.department);
    const existing = existingPeople[index];
    if (!existing) {
      const after = {
        slackUserId: slackId,
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
      return { slackId, name: entry.name, before: {}, after };
    }
    const changes = diff<PersonValues>(existing, {
      slackUserId: slackId,
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
    return { slackId, name: entry.name, id: existing.id, ...changes };
  });

  return { ok: true, plan: { departments, departmentWriteOrder: parentsFirst(file), people } };
}

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

/** What the plan adds and changes, in the file's order and words. */
export function summarisePlan(plan: OrgImportPlan): OrgImportReport {
  return {
    departments: summarise(
      plan.departments,
      DEPARTMENT_FIELDS,
      (department) => department.key,
      (department, fields) => ({ key: department.key, fields }),
    ),
    people: summarise(
      plan.people,
      PERSON_FIELDS,
      ({ slackId, name }) => ({ slackId, name }),
      ({ slackId, name }, fields) => ({ slackId, name, fields }),
    ),
  };
}

function summarise<Row extends RowPlan<object>, Added, Changed>(
  rows: Row[],
  fieldNames: Record<string, string>,
  added: (row: Row) => Added,
  changed: (row: Row, fields: string[]) => Changed,
): { added: Added[]; changed: Changed[]; unchanged: number } {
  const report = { added: [] as Added[], changed: [] as Changed[], unchanged: 0 };
  for (const row of rows) {
    const fields = Object.keys(row.after).map((field) => fieldNames[field] ?? field);
    if (row.id === undefined) report.added.push(added(row));
    else if (fields.length > 0) report.changed.push(changed(row, fields));
    else report.unchanged++;
  }
  return report;
}

/** Indexes of the file's departments, a parent named in the file before its children. */
function parentsFirst(file: OrgFile): number[] {
  const indexByKey = new Map(file.departments.map((department, index) => [department.key, index]));
  const ordered: number[] = [];
  const placed = new Set<number>();
  const place = (index: number | undefined) => {
    if (index === undefined || placed.has(index)) return;
    placed.add(index);
    const parent = file.departments[index]?.parent;
    if (parent) place(indexByKey.get(parent));
    ordered.push(index);
  };
  file.departments.forEach((_department, index) => {
    place(index);
  });
  return ordered;
}

/**
 * The file's own tree is acyclic (the validator checks), but a department whose `parent` the file
 * leaves out keeps its parent from the database, and that can close a loop with the file's parents.
 */
function parentCyclesWithDatabase(file: OrgFile, tree: CurrentDirectory['tree']): OrgFileProblem[] {
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
