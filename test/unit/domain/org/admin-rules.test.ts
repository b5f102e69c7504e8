import type { AuditEvent } from '../../../../src/domain/audit/model';
import { createOrgService } from '../../../../src/domain/org';
import type { DepartmentRecord, PersonRecord } from '../../../../src/domain/org/model';
import type { OrgStore } from '../../../../src/domain/org/store';
import type { Tx } from '../../../../src/domain/tx';

/**
 * Admin rules of the directory against an in-memory store (no PostgreSQL): someone must stay in
 * charge, and only admins change roles. The store keeps rows in arrays and rolls a transaction
 * back when it throws; it does not lock.
 */
const TX = { __brand: 'Tx' } as const satisfies Tx;

function memoryOrgStore(people: PersonRecord[], departments: DepartmentRecord[] = []): OrgStore {
  let rows = { people, departments };
  const person = (id: number) => rows.people.find((p) => p.id === id) ?? null;
  const activeAdmins = () => rows.people.filter((p) => p.status === 'active' && p.roles.includes('admin'));
  const unsupported = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  return {
    async inTransaction(fn) {
      const before = structuredClone(rows);
      try {
        return await fn(TX);
      } catch (error) {
        rows = before;
        throw error;
      }
    },
    lockNamed: async () => undefined,
    findPersonBySlackId: async (slackUserId) =>
      rows.people.find((p) => p.slackUserId === slackUserId) ?? null,
    findPersonById: async (id) => person(id),
    findDepartmentByKey: async (key) => rows.departments.find((d) => d.key === key) ?? null,
    findDepartmentById: async (id) => rows.departments.find((d) => d.id === id) ?? null,
    listDepartments: async () => rows.departments,
    findDepartmentsHeadedBy: async (personId) => rows.departments.filter((d) => d.headPersonId === personId),
    listPeopleInSlack: async () => rows.people.filter((p) => p.slackUserId),
    listActiveAdmins: async () => activeAdmins(),
    countActiveAdmins: async () => activeAdmins().length,
    countPeople: async () => rows.people.length,
    createPerson: unsupported,
    async updatePerson(id, changes) {
      Object.assign(person(id)!, changes);
    },
    createDepartment: unsupported,
    updateDepartment: unsupported,
    listDepartmentTree: unsupported,
    findDepartmentsByKeysForUpdate: unsupported,
    findPeopleByIdentityForUpdate: unsupported,
  };
}

const someone = (id: number, slackUserId: string, roles: PersonRecord['roles']): PersonRecord => ({
  id,
  slackUserId,
  email: null,
  name: slackUserId,
  departmentId: null,
  position: null,
  contact: null,
  roles,
  status: 'active',
  locale: null,
  timezone: null,
});

function org(people: PersonRecord[]) {
  const audits: AuditEvent[] = [];
  const service = createOrgService({
    store: memoryOrgStore(people),
    audit: async (_tx, ...events) => {
      audits.push(...events);
    },
  });
  return { service, audits };
}

it('refuses to demote or suspend the last active admin, and audits what it does', async () => {
  const { service, audits } = org([someone(1, 'U0ADA', ['admin']), someone(2, 'U0BOB', ['user'])]);
  await expect(service.setRoles('U0ADA', 'U0ADA', ['user'])).rejects.toMatchObject({ code: 'last_admin' });
  await expect(service.setStatus('U0ADA', 'U0ADA', 'suspended')).rejects.toMatchObject({
    code: 'self_suspend',
  });
  await service.setRoles('U0ADA', 'U0BOB', ['admin', 'user']);
  // Now that Bob is an admin too, Ada may step down.
  await service.setRoles('U0ADA', 'U0ADA', ['user']);
  expect(await service.adminSlackIds()).toEqual(['U0BOB']);
  expect(audits.map((event) => [event.action, event.subjectId, event.after])).toEqual([
    ['person.roles_changed', 'U0BOB', { roles: ['admin', 'user'] }],
    ['person.roles_changed', 'U0ADA', { roles: ['user'] }],
  ]);
});

it('lets only active admins change roles', async () => {
  const { service, audits } = org([someone(1, 'U0ADA', ['admin']), someone(2, 'U0BOB', ['user'])]);
  await expect(service.setRoles('U0BOB', 'U0BOB', ['admin'])).rejects.toMatchObject({ code: 'admin_only' });
  await expect(service.setRoles('U0NOBODY', 'U0BOB', ['admin'])).rejects.toMatchObject({
    code: 'not_registered',
  });
  await expect(service.setRoles('U0ADA', 'U0BOB', ['guest', 'user'])).rejects.toMatchObject({
    code: 'guest_exclusive',
  });
  expect(audits).toEqual([]);
  expect((await service.findPerson('U0BOB'))?.roles).toEqual(['user']);
});
