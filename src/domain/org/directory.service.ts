import {
  countPeople,
  type DepartmentRecord,
  findDepartmentById,
  findDepartmentsHeadedBy,
  findPersonBySlackId,
  listActiveAdmins,
  listDepartments,
  listPeopleInSlack,
  type PersonRecord,
} from '../../db/repositories/org.repository';
import { OrgError } from './org-errors';

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

export function findPerson(slackUserId: string): Promise<PersonRecord | null> {
  return findPersonBySlackId(slackUserId);
}

export async function directoryIsEmpty(): Promise<boolean> {
  return (await countPeople()) === 0;
}

/** The standing of an already-read directory entry (null: not in the directory). */
export function standingFrom(person: PersonRecord | null): ActorStanding {
  if (!person) return { kind: 'unregistered' };
  return person.status === 'active' ? { kind: 'active', person } : { kind: 'suspended', person };
}

export async function standingOf(slackUserId: string): Promise<ActorStanding> {
  return standingFrom(await findPersonBySlackId(slackUserId));
}

/** The person of a standing, refusing unregistered and suspended people. */
export function activePersonOf(standing: ActorStanding): PersonRecord {
  if (standing.kind === 'unregistered') throw new OrgError('not_registered');
  if (standing.kind === 'suspended') throw new OrgError('suspended');
  return standing.person;
}

/** The person behind a Slack user, refusing unregistered and suspended people. */
export async function requireActivePerson(slackUserId: string): Promise<PersonRecord> {
  return activePersonOf(await standingOf(slackUserId));
}

export async function profileOf(slackUserId: string): Promise<PersonProfile | null> {
  const person = await findPersonBySlackId(slackUserId);
  return person ? profileFor(person) : null;
}

/** The profile of an already-read directory entry: its department and the ones it heads. */
export async function profileFor(person: PersonRecord): Promise<PersonProfile> {
  const [department, headOf] = await Promise.all([
    person.departmentId ? findDepartmentById(person.departmentId) : Promise.resolve(null),
    findDepartmentsHeadedBy(person.id),
  ]);
  return {
    ...person,
    department: department ? summariseDepartment(department) : null,
    headOf: headOf.map(summariseDepartment),
  };
}

/** Every department with both names, for pickers (registration). */
export async function departmentChoices(): Promise<{ key: string; name: { en: string; zh: string } }[]> {
  return (await listDepartments()).map((department) => ({
    key: department.key,
    name: { en: department.name, zh: department.nameZh ?? department.name },
  }));
}

/** Who is who, for everyone with a Slack account: roles, status, department, departments headed. */
export interface RosterEntry {
  slackUserId: string;
  roles: PersonRecord['roles'];
  status: PersonRecord['status'];
  department: DepartmentSummary | null;
  headOf: DepartmentSummary[];
}

export async function directoryRoster(): Promise<RosterEntry[]> {
  const [people, departments] = await Promise.all([listPeopleInSlack(), listDepartments()]);
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

const summaryOf = (department: DepartmentRecord | undefined) =>
  department ? summariseDepartment(department) : null;

export async function departmentKeys(): Promise<string[]> {
  return (await listDepartments()).map((department) => department.key);
}

export async function adminSlackIds(): Promise<string[]> {
  return (await listActiveAdmins()).flatMap((admin) => (admin.slackUserId ? [admin.slackUserId] : []));
}
