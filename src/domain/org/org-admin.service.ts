import type { Transaction } from 'sequelize';
import { audit } from '../../db/repositories/audit.repository';
import {
  countActiveAdmins,
  createPerson,
  findDepartmentById,
  findDepartmentByKey,
  findPersonById,
  findPersonBySlackId,
  listDepartments,
  type PersonRecord,
  updateDepartmentHead,
  updatePerson,
} from '../../db/repositories/org.repository';
import { inTransaction, lockNamed } from '../../db/repositories/transaction';
import { SYSTEM_ACTORS } from '../audit/model';
import { type DepartmentSummary, summariseDepartment } from './directory.service';
import { normaliseRoles, type PersonStatus, type Role } from './model';
import { OrgError } from './org-errors';

/**
 * Admin changes to the directory. Each runs in one transaction that re-reads the actor (so a
 * just-suspended admin cannot act), locks the rows it changes, checks the rules and audits.
 */

export interface Change<T> {
  target: PersonRecord;
  before: T;
  after: T;
}

// Changes that can remove an admin take this lock, so two admins demoting each other at once
// cannot both succeed and leave nobody in charge.
const ADMIN_SET_LOCK = 'org-admin-set';

async function requireAdmin(actorSlackId: string, transaction: Transaction): Promise<PersonRecord> {
  const actor = await findPersonBySlackId(actorSlackId, { transaction });
  if (!actor) throw new OrgError('not_registered');
  if (actor.status !== 'active') throw new OrgError('suspended');
  if (!actor.roles.includes('admin')) throw new OrgError('admin_only');
  return actor;
}

async function lockTarget(targetSlackId: string, transaction: Transaction): Promise<PersonRecord> {
  const target = await findPersonBySlackId(targetSlackId, { transaction, lock: true });
  if (!target) throw new OrgError('person_not_found', { who: targetSlackId });
  return target;
}

async function ensureAnotherAdminRemains(target: PersonRecord, transaction: Transaction): Promise<void> {
  const targetCounts = target.status === 'active' && target.roles.includes('admin') ? 1 : 0;
  if ((await countActiveAdmins(transaction)) - targetCounts < 1) throw new OrgError('last_admin');
}

const personSubject = (person: PersonRecord) => ({
  subjectType: 'person',
  subjectId: person.slackUserId ?? `person-${person.id}`,
});

export async function setRoles(
  actorSlackId: string,
  targetSlackId: string,
  roles: Role[],
): Promise<Change<Role[]>> {
  const wanted = normaliseRoles(roles);
  if (wanted.includes('guest') && wanted.length > 1) throw new OrgError('guest_exclusive');
  return inTransaction(async (transaction) => {
    await lockNamed(ADMIN_SET_LOCK, transaction);
    await requireAdmin(actorSlackId, transaction);
    const target = await lockTarget(targetSlackId, transaction);
    const before = normaliseRoles(target.roles);
    if (before.join() === wanted.join()) throw new OrgError('no_change', { who: target.name });
    if (before.includes('admin') && !wanted.includes('admin'))
      await ensureAnotherAdminRemains(target, transaction);
    await updatePerson(target.id, { roles: wanted }, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: 'person.roles_changed',
      ...personSubject(target),
      before: { roles: before },
      after: { roles: wanted },
    });
    return { target, before, after: wanted };
  });
}

export async function movePerson(
  actorSlackId: string,
  targetSlackId: string,
  departmentKey: string,
): Promise<Change<DepartmentSummary | null>> {
  return inTransaction(async (transaction) => {
    await requireAdmin(actorSlackId, transaction);
    const department = await findDepartmentByKey(departmentKey, { transaction });
    if (!department) throw await departmentNotFound(departmentKey);
    const target = await lockTarget(targetSlackId, transaction);
    if (target.departmentId === department.id) throw new OrgError('no_change', { who: target.name });
    const previous = target.departmentId
      ? await findDepartmentById(target.departmentId, { transaction })
      : null;
    await updatePerson(target.id, { departmentId: department.id }, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: 'person.moved',
      ...personSubject(target),
      before: { department: previous?.key ?? null },
      after: { department: department.key },
    });
    return {
      target,
      before: previous ? summariseDepartment(previous) : null,
      after: summariseDepartment(department),
    };
  });
}

export async function setDepartmentHead(
  actorSlackId: string,
  departmentKey: string,
  targetSlackId: string,
): Promise<Change<string | null> & { department: DepartmentSummary }> {
  return inTransaction(async (transaction) => {
    await requireAdmin(actorSlackId, transaction);
    const department = await findDepartmentByKey(departmentKey, { transaction, lock: true });
    if (!department) throw await departmentNotFound(departmentKey);
    const target = await lockTarget(targetSlackId, transaction);
    if (department.headPersonId === target.id) throw new OrgError('no_change', { who: target.name });
    const previous = department.headPersonId
      ? await findPersonById(department.headPersonId, { transaction })
      : null;
    await updateDepartmentHead(department.id, target.id, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: 'department.head_changed',
      subjectType: 'department',
      subjectId: department.key,
      before: { head: previous?.slackUserId ?? previous?.email ?? null },
      after: { head: target.slackUserId ?? target.email },
    });
    return {
      target,
      before: previous?.name ?? null,
      after: target.name,
      department: summariseDepartment(department),
    };
  });
}

export async function setStatus(
  actorSlackId: string,
  targetSlackId: string,
  status: PersonStatus,
): Promise<Change<PersonStatus>> {
  return inTransaction(async (transaction) => {
    await lockNamed(ADMIN_SET_LOCK, transaction);
    await requireAdmin(actorSlackId, transaction);
    if (status === 'suspended' && actorSlackId === targetSlackId) throw new OrgError('self_suspend');
    const target = await lockTarget(targetSlackId, transaction);
    if (target.status === status) throw new OrgError('no_change', { who: target.name });
    if (status === 'suspended') await ensureAnotherAdminRemains(target, transaction);
    await updatePerson(target.id, { status }, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: status === 'suspended' ? 'person.suspended' : 'person.reactivated',
      ...personSubject(target),
      before: { status: target.status },
      after: { status },
    });
    return { target, before: target.status, after: status };
  });
}

/** A person's own language preference; `null` means "follow Slack". */
export async function setLocalePreference(actorSlackId: string, locale: string | null): Promise<void> {
  await inTransaction(async (transaction) => {
    const actor = await findPersonBySlackId(actorSlackId, { transaction, lock: true });
    if (!actor) throw new OrgError('not_registered');
    if (actor.status !== 'active') throw new OrgError('suspended');
    if (actor.locale === locale) return;
    await updatePerson(actor.id, { locale }, transaction);
    await audit(transaction, {
      actor: actorSlackId,
      action: 'person.locale_changed',
      ...personSubject(actor),
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}

async function departmentNotFound(key: string): Promise<OrgError> {
  const keys = (await listDepartments()).map((department) => department.key).join(', ');
  return new OrgError('department_not_found', { key, keys });
}

export interface SlackProfile {
  name: string;
  email?: string | undefined;
  timezone?: string | undefined;
}

/**
 * BOOTSTRAP_ADMINS are admins from the first start: missing people are created with the admin
 * role, existing ones get it added. Already-admins are left alone, so restarts write nothing.
 */
export async function ensureBootstrapAdmins(
  slackIds: string[],
  profileOf: (slackId: string) => Promise<SlackProfile>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const slackId of slackIds) {
    const existing = await findPersonBySlackId(slackId);
    if (existing?.roles.includes('admin')) continue;
    const profile = existing ? undefined : await profileOf(slackId);
    await inTransaction(async (transaction) => {
      const person = await findPersonBySlackId(slackId, { transaction, lock: true });
      if (person?.roles.includes('admin')) return;
      if (person) {
        const roles = normaliseRoles([...person.roles.filter((role) => role !== 'guest'), 'admin']);
        await updatePerson(person.id, { roles }, transaction);
        await audit(transaction, {
          actor: SYSTEM_ACTORS.bootstrap,
          action: 'person.roles_changed',
          ...personSubject(person),
          before: { roles: person.roles },
          after: { roles },
        });
      } else {
        const created = await createPerson(
          {
            slackUserId: slackId,
            name: profile?.name ?? slackId,
            email: profile?.email?.toLowerCase() ?? null,
            timezone: profile?.timezone ?? null,
            roles: ['admin'],
          },
          transaction,
        );
        await audit(transaction, {
          actor: SYSTEM_ACTORS.bootstrap,
          action: 'person.created',
          ...personSubject(created),
          after: { name: created.name, roles: created.roles },
        });
      }
      changed.push(slackId);
    });
  }
  return changed;
}
