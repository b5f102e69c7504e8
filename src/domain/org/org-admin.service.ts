import type { AuditLog } from '../audit/audit.service';
import { SYSTEM_ACTORS } from '../audit/model';
import type { Tx } from '../tx';
import { type DepartmentSummary, summariseDepartment } from './directory.service';
import type { PersonRecord, PersonStatus, Role } from './model';
import { normaliseRoles } from './model';
import { OrgError } from './org-errors';
import type { OrgStore } from './store';

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

const personSubject = (person: PersonRecord) => ({
  subjectType: 'person',
  subjectId: person.slackUserId ?? `person-${person.id}`,
});

export interface SlackProfile {
  name: string;
  email?: string | undefined;
  timezone?: string | undefined;
}

export type OrgAdmin = ReturnType<typeof createOrgAdmin>;

export function createOrgAdmin({ store, audit }: { store: OrgStore; audit: AuditLog }) {
  async function requireAdmin(actorSlackId: string, tx: Tx): Promise<PersonRecord> {
    const actor = await store.findPersonBySlackId(actorSlackId, { tx });
    if (!actor) throw new OrgError('not_registered');
    if (actor.status !== 'active') throw new OrgError('suspended');
    if (!actor.roles.includes('admin')) throw new OrgError('admin_only');
    return actor;
  }

  async function lockTarget(targetSlackId: string, tx: Tx): Promise<PersonRecord> {
    const target = await store.findPersonBySlackId(targetSlackId, { tx, lock: true });
    if (!target) throw new OrgError('person_not_found', { who: targetSlackId });
    return target;
  }

  async function ensureAnotherAdminRemains(target: PersonRecord, tx: Tx): Promise<void> {
    const targetCounts = target.status === 'active' && target.roles.includes('admin') ? 1 : 0;
    if ((await store.countActiveAdmins(tx)) - targetCounts < 1) throw new OrgError('last_admin');
  }

  async function setRoles(
    actorSlackId: string,
    targetSlackId: string,
    roles: Role[],
  ): Promise<Change<Role[]>> {
    const wanted = normaliseRoles(roles);
    if (wanted.includes('guest') && wanted.length > 1) throw new OrgError('guest_exclusive');
    return store.inTransaction(async (tx) => {
      await store.lockNamed(ADMIN_SET_LOCK, tx);
      await requireAdmin(actorSlackId, tx);
      const target = await lockTarget(targetSlackId, tx);
      const before = normaliseRoles(target.roles);
      if (before.join() === wanted.join()) throw new OrgError('no_change', { who: target.name });
      if (before.includes('admin') && !wanted.includes('admin')) await ensureAnotherAdminRemains(target, tx);
      await store.updatePerson(target.id, { roles: wanted }, tx);
      await audit(tx, {
        actor: actorSlackId,
        action: 'person.roles_changed',
        ...personSubject(target),
        before: { roles: before },
        after: { roles: wanted },
      });
      return { target, before, after: wanted };
    });
  }

  async function movePerson(
    actorSlackId: string,
    targetSlackId: string,
    departmentKey: string,
  ): Promise<Change<DepartmentSummary | null>> {
    return store.inTransaction(async (tx) => {
      await requireAdmin(actorSlackId, tx);
      const department = await store.findDepartmentByKey(departmentKey, { tx });
      if (!department) throw await departmentNotFound(departmentKey);
      const target = await lockTarget(targetSlackId, tx);
      if (target.departmentId === department.id) throw new OrgError('no_change', { who: target.name });
      const previous = target.departmentId
        ? await store.findDepartmentById(target.departmentId, { tx })
        : null;
      await store.updatePerson(target.id, { departmentId: department.id }, tx);
      await audit(tx, {
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

  async function setDepartmentHead(
    actorSlackId: string,
    departmentKey: string,
    targetSlackId: string,
  ): Promise<Change<string | null> & { department: DepartmentSummary }> {
    return store.inTransaction(async (tx) => {
      await requireAdmin(actorSlackId, tx);
      const department = await store.findDepartmentByKey(departmentKey, { tx, lock: true });
      if (!department) throw await departmentNotFound(departmentKey);
      const target = await lockTarget(targetSlackId, tx);
      if (department.headPersonId === target.id) throw new OrgError('no_change', { who: target.name });
      const previous = department.headPersonId
        ? await store.findPersonById(department.headPersonId, { tx })
        : null;
      await store.updateDepartment(department.id, { headPersonId: target.id }, tx);
      await audit(tx, {
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

  async function setStatus(
    actorSlackId: string,
    targetSlackId: string,
    status: PersonStatus,
  ): Promise<Change<PersonStatus>> {
    return store.inTransaction(async (tx) => {
      await store.lockNamed(ADMIN_SET_LOCK, tx);
      await requireAdmin(actorSlackId, tx);
      if (status === 'suspended' && actorSlackId === targetSlackId) throw new OrgError('self_suspend');
      const target = await lockTarget(targetSlackId, tx);
      if (target.status === status) throw new OrgError('no_change', { who: target.name });
      if (status === 'suspended') await ensureAnotherAdminRemains(target, tx);
      await store.updatePerson(target.id, { status }, tx);
      await audit(tx, {
        actor: actorSlackId,
        action: status === 'suspended' ? 'person.suspended' : 'person.reactivated',
        ...personSubject(target),
        before: { status: target.status },
        after: { status },
      });
      return { target, before: target.status, after: status };
    });
  }

  /**
   * A person who finds their account misused locks it at once (requirements §三.(三).3): suspended
   * like an admin would, with what they say happened in the audit log; an admin reactivates it after
   * checking. Anyone active may lock their own account, the last admin too: a misused admin account
   * is the one that most needs stopping (BOOTSTRAP_ADMINS or the org file bring an admin back).
   */
  async function lockOwnAccount(slackUserId: string, whatHappened: string): Promise<PersonRecord> {
    const reason = whatHappened.trim();
    return store.inTransaction(async (tx) => {
      await store.lockNamed(ADMIN_SET_LOCK, tx);
      const person = await store.findPersonBySlackId(slackUserId, { tx, lock: true });
      if (!person) throw new OrgError('not_registered');
      if (person.status !== 'active') throw new OrgError('suspended');
      await store.updatePerson(person.id, { status: 'suspended' }, tx);
      await audit(tx, {
        actor: slackUserId,
        action: 'person.self_locked',
        ...personSubject(person),
        before: { status: person.status },
        after: { status: 'suspended', reason },
      });
      return person;
    });
  }

  /** A person's own language preference; `null` means "follow Slack". */
  async function setLocalePreference(actorSlackId: string, locale: string | null): Promise<void> {
    await store.inTransaction(async (tx) => {
      const actor = await store.findPersonBySlackId(actorSlackId, { tx, lock: true });
      if (!actor) throw new OrgError('not_registered');
      if (actor.status !== 'active') throw new OrgError('suspended');
      if (actor.locale === locale) return;
      await store.updatePerson(actor.id, { locale }, tx);
      await audit(tx, {
        actor: actorSlackId,
        action: 'person.locale_changed',
        ...personSubject(actor),
        before: { locale: actor.locale },
        after: { locale },
      });
    });
  }

  async function departmentNotFound(key: string): Promise<OrgError> {
    const keys = (await store.listDepartments()).map((department) => department.key).join(', ');
    return new OrgError('department_not_found', { key, keys });
  }

  /**
   * BOOTSTRAP_ADMINS are admins from the first start: missing people are created with the admin
   * role, existing ones get it added. Already-admins are left alone, so restarts write nothing.
   */
  async function ensureBootstrapAdmins(
    slackIds: string[],
    profileOf: (slackId: string) => Promise<SlackProfile>,
  ): Promise<string[]> {
    const changed: string[] = [];
    for (const slackId of slackIds) {
      const existing = await store.findPersonBySlackId(slackId);
      if (existing?.roles.includes('admin')) continue;
      const profile = existing ? undefined : await profileOf(slackId);
      await store.inTransaction(async (tx) => {
        const person = await store.findPersonBySlackId(slackId, { tx, lock: true });
        if (person?.roles.includes('admin')) return;
        if (person) {
          const roles = normaliseRoles([...person.roles.filter((role) => role !== 'guest'), 'admin']);
          await store.updatePerson(person.id, { roles }, tx);
          await audit(tx, {
            actor: SYSTEM_ACTORS.bootstrap,
            action: 'person.roles_changed',
            ...personSubject(person),
            before: { roles: person.roles },
            after: { roles },
          });
        } else {
          const created = await store.createPerson(
            {
              slackUserId: slackId,
              name: profile?.name ?? slackId,
              email: profile?.email?.toLowerCase() ?? null,
              departmentId: null,
              position: null,
              contact: null,
              roles: ['admin'],
              status: 'active',
              locale: null,
              timezone: profile?.timezone ?? null,
            },
            tx,
          );
          await audit(tx, {
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

  return {
    setRoles,
    movePerson,
    setDepartmentHead,
    setStatus,
    setLocalePreference,
    lockOwnAccount,
    ensureBootstrapAdmins,
  };
}
