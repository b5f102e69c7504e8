import { Op, type Transaction } from 'sequelize';
import type { PersonRecord } from '../../domain/org/model';
import type { OrgDepartment, OrgPerson } from '../../domain/workflows/model';
import { Department, Person } from '../models';
import { plain, plainAll } from './workflow-records';

/** The directory as the workflow engine needs it, and a registration's effect on it. */

const ORG_PERSON_ATTRIBUTES = ['id', 'slackUserId', 'name', 'departmentId', 'roles', 'status'] as const;

/** Everyone and every department, for planning routes (an organisation's directory is small). */
export async function loadOrgSnapshot(
  transaction: Transaction,
): Promise<{ people: OrgPerson[]; departments: OrgDepartment[] }> {
  const [people, departments] = await Promise.all([
    Person.findAll({ attributes: [...ORG_PERSON_ATTRIBUTES], raw: true, transaction }),
    Department.findAll({ attributes: ['id', 'key', 'parentId', 'headPersonId'], raw: true, transaction }),
  ]);
  return { people: people as OrgPerson[], departments: departments as OrgDepartment[] };
}

export async function findPeopleByIds(
  ids: readonly number[],
  transaction?: Transaction,
): Promise<PersonRecord[]> {
  if (ids.length === 0) return [];
  return plainAll(await Person.findAll({ where: { id: { [Op.in]: [...new Set(ids)] } }, transaction }));
}

export async function listAllDepartments(
  transaction?: Transaction,
): Promise<{ id: number; key: string; name: string; nameZh: string | null }[]> {
  return Department.findAll({ attributes: ['id', 'key', 'name', 'nameZh'], raw: true, transaction });
}

/**
 * Makes an approved registrant a user of the department: creates them, or (if they were added to
 * the directory meanwhile) sets the department, position and contact they registered with.
 */
export async function applyRegistration(
  values: { slackUserId: string; name: string; departmentId: number; position: string; contact: string },
  transaction: Transaction,
): Promise<{ person: PersonRecord; created: boolean; before: Partial<PersonRecord> | null }> {
  const existing = await Person.findOne({
    where: { slackUserId: values.slackUserId },
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!existing) {
    const person = await Person.create(
      {
        ...values,
        email: null,
        roles: ['user'],
        status: 'active',
        locale: null,
        timezone: null,
      },
      { transaction },
    );
    return { person: plain(person), created: true, before: null };
  }
  const before = {
    departmentId: existing.departmentId,
    position: existing.position,
    contact: existing.contact,
  };
  await existing.update(
    { departmentId: values.departmentId, position: values.position, contact: values.contact },
    { transaction },
  );
  return { person: plain(existing), created: false, before };
}
