/**
 * The directory as the domain and the database both know it: stored enums (roles, statuses) and
 * the rows the org store hands out. A leaf: `db/` may import it, it imports nothing.
 */
export const ROLES = ['admin', 'leader', 'supervisor', 'user', 'guest'] as const;
export type Role = (typeof ROLES)[number];

export const PERSON_STATUSES = ['active', 'suspended'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles are stored sorted and without duplicates so that before/after comparisons are stable. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  const unique = new Set(roles);
  return ROLES.filter((role) => unique.has(role));
}

/** A person of the directory, as the store hands it out: plain data. */
export interface PersonRecord {
  id: number;
  slackUserId: string | null;
  email: string | null;
  name: string;
  departmentId: number | null;
  position: string | null;
  contact: string | null;
  roles: Role[];
  status: PersonStatus;
  locale: string | null;
  timezone: string | null;
}

export interface DepartmentRecord {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
  parentId: number | null;
  headPersonId: number | null;
}

/** The stored columns of a department / person, without the generated id. */
export type DepartmentValues = Omit<DepartmentRecord, 'id'>;
export type PersonValues = Omit<PersonRecord, 'id'>;
