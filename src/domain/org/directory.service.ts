import type { DepartmentRecord, PersonRecord } from './model';
import { OrgError } from './org-errors';
import type { OrgStore } from './store';

/** Read side of the org directory: who someone is, what they may do. */

export interface DepartmentSummary {
  key: string;
  name: string;
  nameZh: string | null;
}

export interface PersonProfile extends PersonRecord {
  department: DepartmentSummary | null;
  headOf: DepartmentSummary[];
}

export type ActorStanding =
  | { kind: 'unregistered' }
  | { kind: 'suspended'; person: PersonRecord }
  | { kind: 'active'; person: PersonRecord };

export const summariseDepartment = (department: DepartmentRecord): DepartmentSummary => ({
  key: department.key,
  name: department.name,
  nameZh: department.nameZh,
});

/** The standing of an already-read directory entry (null: not in the directory). */
export function standingFrom(person: PersonRecord | null): ActorStanding {
  if (!person) return { kind: 'unregistered' };
  return person.status === 'active' ? { kind: 'active', person } : { kind: 'suspended', person };
}

/** The person of a standing, refusing unregistered and suspended people. */
export function activePersonOf(standing: ActorStanding): PersonRecord {
  if (standing.kind === 'unregistered') throw new OrgError('not_registered');
  if (standing.kind === 'suspended') throw new OrgError('suspended');
  return standing.person;
}

/** Who is who, for everyone with a Slack account: roles, status, department, departments headed. */
export interface RosterEntry {
  slackUserId: string;
  roles: PersonRecord['roles'];
  status: PersonRecord['status'];
  department: DepartmentSummary | null;
  headOf: DepartmentSummary[];
}

const summaryOf = (department: DepartmentRecord | undefined) =>
  department ? summariseDepartment(department) : null;

type DirectoryReads =
  | 'findPersonBySlackId'
  | 'countPeople'
  | 'findDepartmentById'
  | 'findDepartmentsHeadedBy'
  | 'listDepartments'
  | 'listPeopleInSlack'
  | 'listActiveAdmins';

export type Directory = ReturnType<typeof createDirectory>;

/** The directory's reads over its store. */
export function createDirectory(store: Pick<OrgStore, DirectoryReads>) {
  function findPerson(slackUserId: string): Promise<PersonRecord | null> {
    return store.findPersonBySlackId(slackUserId);
  }

  async function directoryIsEmpty(): Promise<boolean> {
    return (await store.countPeople()) === 0;
  }

  async function standingOf(slackUserId: string): Promise<ActorStanding> {
    return standingFrom(await store.findPersonBySlackId(slackUserId));
  }

  /** The person behind a Slack user, refusing unregistered and suspended people. */
  async function requireActivePerson(slackUserId: string): Promise<PersonRecord> {
    return activePersonOf(await standingOf(slackUserId));
  }

  async function profileOf(slackUserId: string): Promise<PersonProfile | null> {
    const person = await store.findPersonBySlackId(slackUserId);
    return person ? profileFor(person) : null;
  }

  /** The profile of an already-read directory entry: its department and the ones it heads. */
  async function profileFor(person: PersonRecord): Promise<PersonProfile> {
    const [department, headOf] = await Promise.all([
      person.departmentId ? store.findDepartmentById(person.departmentId) : Promise.resolve(null),
      store.findDepartmentsHeadedBy(person.id),
    ]);
    return {
      ...person,
      department: department ? summariseDepartment(department) : null,
      headOf: headOf.map(summariseDepartment),
    };
  }

  /** Every department with both names, for pickers (registration). */
  async function departmentChoices(): Promise<{ key: string; name: { en: string; zh: string } }[]> {
    return (await store.listDepartments()).map((department) => ({
      key: department.key,
      name: { en: department.name, zh: department.nameZh ?? department.name },
    }));
  }

  async function directoryRoster(): Promise<RosterEntry[]> {
    const [people, departments] = await Promise.all([store.listPeopleInSlack(), store.listDepartments()]);
    return people.flatMap((person) =>
      person.slackUserId
        ? [
            {
              slackUserId: person.slackUserId,
              roles: person.roles,
              status: person.status,
              department: summaryOf(departments.find((d) => d.id === person.departmentId)),
              headOf: departments.filter((d) => d.headPersonId === person.id).map(summariseDepartment),
            },
          ]
        : [],
    );
  }

  async function departmentKeys(): Promise<string[]> {
    return (await store.listDepartments()).map((department) => department.key);
  }

  async function adminSlackIds(): Promise<string[]> {
    return (await store.listActiveAdmins()).flatMap((admin) =>
      admin.slackUserId ? [admin.slackUserId] : [],
    );
  }

  return {
    findPerson,
    directoryIsEmpty,
    standingOf,
    requireActivePerson,
    profileOf,
    profileFor,
    departmentChoices,
    directoryRoster,
    departmentKeys,
    adminSlackIds,
  };
}
