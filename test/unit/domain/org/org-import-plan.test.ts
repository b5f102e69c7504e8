import type { DepartmentRecord, PersonRecord } from '../../../../src/db/repositories/org.repository';
import type { OrgFile } from '../../../../src/domain/org/org-file';
import {
  type CurrentDirectory,
  identitiesToRead,
  type Lookups,
  type OrgImportPlan,
  type OrgImportPlanResult,
  planOrgImport,
  summarisePlan,
} from '../../../../src/domain/org/org-import-plan';

// The plan step is pure: the file, the Slack ids and the rows the database holds go in, plain data
// comes out. No database here.

/** Admin (head Alice) with HR under it (head Carol, given by email); Alice, Bob (HR) and Carol (HR). */
function file(): OrgFile {
  return {
    departments: [
      { key: 'hr', name: 'Human Resources', parent: 'admin', head: 'carol@example.org' },
      { key: 'admin', name: 'Administration', nameZh: '行政處', parent: null, head: 'U0ALICE01' },
    ],
    people: [
      {
        slackId: 'U0ALICE01',
        email: 'alice@example.org',
        name: 'Alice',
        department: 'admin',
        roles: ['admin'],
      },
      { slackId: 'U0BOB0001', email: 'bob@example.org', name: 'Bob', department: 'hr' },
      { slackId: 'U0CAROL01', email: 'carol@example.org', name: 'Carol', department: 'hr', status: 'active' },
    ],
  };
}

const lookupsOf = (org: OrgFile): Lookups => ({
  slackIds: org.people.map((person) => person.slackId),
  problems: [],
});

const empty: CurrentDirectory = { departments: [], people: [], tree: [] };

/** The rows a first import of `file()` leaves: admin 1, hr 2; Alice 11, Bob 12, Carol 13. */
function imported(): CurrentDirectory {
  const departments: DepartmentRecord[] = [
    { id: 1, key: 'admin', name: 'Administration', nameZh: '行政處', parentId: null, headPersonId: 11 },
    { id: 2, key: 'hr', name: 'Human Resources', nameZh: null, parentId: 1, headPersonId: 13 },
  ];
  const person = (id: number, slack: string, name: string, departmentId: number): PersonRecord => ({
    id,
    slackUserId: slack,
    email: `${name.toLowerCase()}@example.org`,
    name,
    departmentId,
    position: null,
    contact: null,
    roles: ['user'],
    status: 'active',
    locale: null,
    timezone: null,
  });
  const people = [
    { ...person(11, 'U0ALICE01', 'Alice', 1), roles: ['admin' as const] },
    person(12, 'U0BOB0001', 'Bob', 2),
    person(13, 'U0CAROL01', 'Carol', 2),
  ];
  return {
    departments,
    people,
    tree: departments.map(({ id, key, parentId }) => ({ id, key, parentId })),
  };
}

function planOf(result: OrgImportPlanResult): OrgImportPlan {
  if (!result.ok) throw new Error(`expected a plan: ${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

function problemsOf(result: OrgImportPlanResult) {
  if (result.ok) throw new Error(`expected problems: ${JSON.stringify(result.plan, null, 2)}`);
  return result.problems;
}

describe('planOrgImport', () => {
  it('creates everything in an empty directory, naming rows that do not exist yet', () => {
    const plan = planOf(planOrgImport(file(), lookupsOf(file()), empty));

    expect(plan.departments).toEqual([
      {
        key: 'hr',
        before: {},
        after: {
          key: 'hr',
          name: 'Human Resources',
          nameZh: null,
          parentId: { newDepartment: 'admin' },
          headPersonId: { newPerson: 2 },
        },
      },
      {
        key: 'admin',
        before: {},
        after: {
          key: 'admin',
          name: 'Administration',
          nameZh: '行政處',
          parentId: null,
          headPersonId: { newPerson: 0 },
        },
      },
    ]);
    // admin is written before hr, which it is the parent of.
    expect(plan.departmentWriteOrder).toEqual([1, 0]);
    expect(plan.people[1]).toEqual({
      slackId: 'U0BOB0001',
      name: 'Bob',
      before: {},
      after: {
        slackUserId: 'U0BOB0001',
        email: 'bob@example.org',
        name: 'Bob',
        departmentId: { newDepartment: 'hr' },
        position: null,
        contact: null,
        roles: ['user'],
        status: 'active',
        locale: null,
        timezone: null,
      },
    });
    expect(summarisePlan(plan)).toEqual({
      departments: { added: ['hr', 'admin'], changed: [], unchanged: 0 },
      people: {
        added: [
          { slackId: 'U0ALICE01', name: 'Alice' },
          { slackId: 'U0BOB0001', name: 'Bob' },
          { slackId: 'U0CAROL01', name: 'Carol' },
        ],
        changed: [],
        unchanged: 0,
      },
    });
  });

  it('plans no change when the directory already matches the file', () => {
    const plan = planOf(planOrgImport(file(), lookupsOf(file()), imported()));

    expect(plan.departments.map((department) => department.after)).toEqual([{}, {}]);
    expect(plan.people.map((person) => [person.id, person.after])).toEqual([
      [11, {}],
      [12, {}],
      [13, {}],
    ]);
    expect(summarisePlan(plan)).toEqual({
      departments: { added: [], changed: [], unchanged: 2 },
      people: { added: [], changed: [], unchanged: 3 },
    });
  });

  it('plans a suspension, a role change and a move with only the changed fields before and after', () => {
    const org = file();
    Object.assign(org.people[1] ?? {}, {
      status: 'suspended',
      roles: ['user', 'leader'],
      department: 'admin',
    });

    const plan = planOf(planOrgImport(org, lookupsOf(org), imported()));

    expect(plan.people[1]).toEqual({
      slackId: 'U0BOB0001',
      name: 'Bob',
      id: 12,
      before: { departmentId: 2, roles: ['user'], status: 'active' },
      after: { departmentId: 1, roles: ['leader', 'user'], status: 'suspended' },
    });
    expect(summarisePlan(plan).people.changed).toEqual([
      { slackId: 'U0BOB0001', name: 'Bob', fields: ['department', 'roles', 'status'] },
    ]);
  });

  it('leaves a field the file leaves out, clears one the file sets to null, and moves a head', () => {
    const org = file();
    const [hr, admin] = org.departments;
    Object.assign(hr ?? {}, { head: 'U0BOB0001' });
    delete admin?.head;
    delete admin?.nameZh;
    Object.assign(org.people[0] ?? {}, { position: null, contact: 'ext. 12' });
    delete org.people[0]?.roles;
    const current = imported();
    Object.assign(current.people[0] ?? {}, { position: 'Director', roles: ['admin', 'user'] });

    const plan = planOf(planOrgImport(org, lookupsOf(org), current));

    expect(plan.departments).toEqual([
      { key: 'hr', id: 2, before: { headPersonId: 13 }, after: { headPersonId: 12 } },
      { key: 'admin', id: 1, before: {}, after: {} },
    ]);
    expect(plan.people[0]).toMatchObject({
      before: { position: 'Director', contact: null },
      after: { position: null, contact: 'ext. 12' },
    });
    expect(summarisePlan(plan).departments.changed).toEqual([{ key: 'hr', fields: ['head'] }]);
  });

  it('gives a person known only by email their Slack id, and accepts a head only the database has', () => {
    const org = file();
    org.people = org.people.filter((person) => person.slackId !== 'U0CAROL01');
    const current = imported();
    current.people = current.people.map((person) =>
      person.id === 12 ? { ...person, slackUserId: null, email: 'Bob@Example.org' } : person,
    );

    const plan = planOf(planOrgImport(org, lookupsOf(org), current));

    expect(plan.people[1]).toMatchObject({
      id: 12,
      before: { slackUserId: null, email: 'Bob@Example.org' },
      after: { slackUserId: 'U0BOB0001', email: 'bob@example.org' },
    });
    // Carol is no longer in the file but still heads HR: the database has her.
    expect(plan.departments[0]?.after).toEqual({});
  });

  it('lists every problem that needs the database, with the lookups', () => {
    const org = file();
    Object.assign(org.departments[0] ?? {}, { head: 'ghost@example.org' });
    delete org.departments[1]?.parent; // admin keeps its parent from the database: hr, a loop.
    org.people.push({ email: 'dan@example.org', name: 'Dan', department: 'hr' });
    const current = imported();
    current.tree = [
      { id: 1, key: 'admin', parentId: 2 },
      { id: 2, key: 'hr', parentId: null },
    ];
    current.people.push({
      ...(current.people[1] as PersonRecord),
      id: 14,
      slackUserId: 'U0OTHER01',
      email: 'carol@example.org',
      name: 'Other Carol',
    });
    const lookups: Lookups = {
      slackIds: [...lookupsOf(org).slackIds],
      problems: [{ path: 'people[3] (dan@example.org).email', message: 'no Slack user has the email' }],
    };

    expect(problemsOf(planOrgImport(org, lookups, current))).toEqual([
      {
        path: 'departments[0] (hr).head',
        message: '"ghost@example.org" is neither among the people in the file nor in the database',
      },
      {
        path: 'departments[0] (hr).parent',
        message: 'with the parents already in the database this makes a parent cycle hr → admin → hr',
      },
      {
        path: 'people[2] (carol@example.org).email',
        message:
          'carol@example.org already belongs to another person in the database (Other Carol / U0OTHER01 / carol@example.org)',
      },
      { path: 'people[3] (dan@example.org).email', message: 'no Slack user has the email' },
    ]);
  });

  it('refuses an email the database has for another Slack user', () => {
    const current = imported();
    current.people = current.people.map((person) =>
      person.id === 12 ? { ...person, slackUserId: 'U0OTHER01' } : person,
    );

    expect(problemsOf(planOrgImport(file(), lookupsOf(file()), current))).toEqual([
      {
        path: 'people[1] (bob@example.org).slack_id',
        message: 'the database has bob@example.org as Slack user U0OTHER01, not U0BOB0001',
      },
    ]);
  });
});

describe('identitiesToRead', () => {
  it('asks for the Slack ids known so far and every email, the heads included', () => {
    const org = file();
    const slackIds = lookupsOf(org).slackIds;
    slackIds[1] = undefined;
    Object.assign(org.departments[1] ?? {}, { head: 'U0ZED0001' });

    expect(identitiesToRead(org, slackIds)).toEqual({
      slackUserIds: ['U0ALICE01', 'U0CAROL01', 'U0ZED0001'],
      emails: ['alice@example.org', 'bob@example.org', 'carol@example.org'],
    });
  });
});
