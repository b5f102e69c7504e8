export const ROLES = ['admin', 'leader', 'user', 'guest'] as const;
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
