import { QueryTypes } from 'sequelize';
import { Department, Person } from '../../src/db/models';
import { findAuditRows } from '../../src/db/repositories/audit.repository';
import { OrgError } from '../../src/domain/org/org-errors';
import { createOrg } from '../../src/wiring/org';
import { useTestDatabase } from '../support/database';

const { ensureBootstrapAdmins, movePerson, profileOf, setDepartmentHead, setRoles, setStatus, standingOf } =
  createOrg();

const db = useTestDatabase();

beforeEach(async () => {
  // The audit log refuses TRUNCATE by design; tests only ever add to it and filter by subject.
  await db.sequelize.query('TRUNCATE departments, people RESTART IDENTITY CASCADE');
  const admin = await Person.create({
    slackUserId: 'U0ADMIN01',
    name: 'Ada Admin',
    email: null,
    departmentId: null,
    position: null,
    contact: null,
    locale: null,
    timezone: null,
    roles: ['admin'],
  });
  await Person.create({
    slackUserId: 'U0BOB0001',
    name: 'Bob Builder',
    email: null,
    departmentId: null,
    position: null,
    contact: null,
    locale: null,
    timezone: null,
  });
  await Department.create({
    key: 'finance',
    name: 'Finance',
    nameZh: '財務處',
    parentId: null,
    headPersonId: admin.id,
  });
  await Department.create({
    key: 'hr',
    name: 'Human Resources',
    nameZh: null,
    parentId: null,
    headPersonId: null,
  });
});

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrgError) return error.code;
    throw error;
  }
  throw new Error('expected an OrgError');
};

describe('org admin services', () => {
  it('lets an admin set roles, and audits before and after in the same transaction', async () => {
    const change = await setRoles('U0ADMIN01', 'U0BOB0001', ['user', 'leader']);
    expect(change.after).toEqual(['leader', 'user']);
    expect((await standingOf('U0BOB0001')).kind).toBe('active');
    const rows = await findAuditRows({ subjectType: 'person', subjectId: 'U0BOB0001', actor: 'U0ADMIN01' });
    expect(rows.at(-1)).toMatchObject({
      action: 'person.roles_changed',
      before: { roles: ['user'] },
      after: { roles: ['leader', 'user'] },
    });
  });

  it('refuses non-admins, unregistered and suspended actors, and changes nothing', async () => {
    const before = await findAuditRows({ subjectId: 'U0ADMIN01' });
    expect(await refusal(setRoles('U0BOB0001', 'U0ADMIN01', ['user']))).toBe('admin_only');
    expect(await refusal(setRoles('U0NOBODY1', 'U0BOB0001', ['admin']))).toBe('not_registered');
    await Person.update({ status: 'suspended' }, { where: { slackUserId: 'U0BOB0001' } });
    await Person.update({ roles: ['admin'] }, { where: { slackUserId: 'U0BOB0001' } });
    expect(await refusal(setStatus('U0BOB0001', 'U0ADMIN01', 'suspended'))).toBe('suspended');
    expect((await Person.findOne({ where: { slackUserId: 'U0ADMIN01' } }))!.roles).toEqual(['admin']);
    expect(await findAuditRows({ subjectId: 'U0ADMIN01' })).toHaveLength(before.length);
  });

  it('never leaves the platform without an active admin', async () => {
    expect(await refusal(setRoles('U0ADMIN01', 'U0ADMIN01', ['user']))).toBe('last_admin');
    expect(await refusal(setStatus('U0ADMIN01', 'U0ADMIN01', 'suspended'))).toBe('self_suspend');
    await setRoles('U0ADMIN01', 'U0BOB0001', ['admin']);
    // Two admins demoting each other at the same moment: exactly one may succeed.
    const results = await Promise.allSettled([
      setRoles('U0ADMIN01', 'U0BOB0001', ['user']),
      setRoles('U0BOB0001', 'U0ADMIN01', ['user']),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await Person.count({ where: { status: 'active' }, logging: false }).then(() =>
      db.sequelize.query<{ n: string }>("SELECT count(*) AS n FROM people WHERE 'admin' = ANY(roles)", {
        type: QueryTypes.SELECT,
      }),
    );
    expect(Number(admins[0]!.n)).toBe(1);
  });

  it('rejects guest combined with another role, and no-op changes', async () => {
    expect(await refusal(setRoles('U0ADMIN01', 'U0BOB0001', ['guest', 'user']))).toBe('guest_exclusive');
    expect(await refusal(setRoles('U0ADMIN01', 'U0BOB0001', ['user']))).toBe('no_change');
  });

  it('moves people, sets heads and reports unknown departments with the known keys', async () => {
    await movePerson('U0ADMIN01', 'U0BOB0001', 'hr');
    await setDepartmentHead('U0ADMIN01', 'finance', 'U0BOB0001');
    const profile = await profileOf('U0BOB0001');
    expect(profile?.department?.key).toBe('hr');
    expect(profile?.headOf.map((d) => d.key)).toEqual(['finance']);
    try {
      await movePerson('U0ADMIN01', 'U0BOB0001', 'nowhere');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(OrgError);
      expect((error as OrgError).details).toEqual({ key: 'nowhere', keys: 'finance, hr' });
    }
    const headRow = (await findAuditRows({ subjectType: 'department', subjectId: 'finance' })).at(-1);
    expect(headRow).toMatchObject({ action: 'department.head_changed', after: { head: 'U0BOB0001' } });
  });

  it('suspends at once and reactivates', async () => {
    await setStatus('U0ADMIN01', 'U0BOB0001', 'suspended');
    expect((await standingOf('U0BOB0001')).kind).toBe('suspended');
    await setStatus('U0ADMIN01', 'U0BOB0001', 'active');
    expect((await standingOf('U0BOB0001')).kind).toBe('active');
  });

  it('grants bootstrap admins once: creates missing people, promotes existing ones, then does nothing', async () => {
    const lookup = async (id: string) => ({
      name: `Name of ${id}`,
      email: `${id.toLowerCase()}@example.org`,
    });
    expect(await ensureBootstrapAdmins(['U0BOB0001', 'U0NEW0001'], lookup)).toEqual([
      'U0BOB0001',
      'U0NEW0001',
    ]);
    expect((await profileOf('U0NEW0001'))?.roles).toEqual(['admin']);
    expect((await profileOf('U0BOB0001'))?.roles).toEqual(['admin', 'user']);
    expect(await ensureBootstrapAdmins(['U0BOB0001', 'U0NEW0001'], lookup)).toEqual([]);
  });
});

describe('audit log', () => {
  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await setRoles('U0ADMIN01', 'U0BOB0001', ['leader']);
    const count = async () =>
      Number(
        (
          await db.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM audit_log', {
            type: QueryTypes.SELECT,
          })
        )[0]!.n,
      );
    const before = await count();
    await expect(db.sequelize.query("UPDATE audit_log SET actor = 'someone-else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.sequelize.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.sequelize.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const actors = await db.sequelize.query<{ actor: string }>('SELECT DISTINCT actor FROM audit_log', {
      type: QueryTypes.SELECT,
    });
    expect(actors.map((a) => a.actor)).not.toContain('someone-else');
  });
});
