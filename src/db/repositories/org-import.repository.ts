import { col, fn, Op, type Transaction, type WhereOptions, where } from 'sequelize';
import type { DepartmentRecord, DepartmentValues, PersonRecord, PersonValues } from '../../domain/org/model';
import { Department, Person } from '../models';

/**
 * Queries of the org directory import. Every function takes the import's transaction; rows the
 * import may change are read with FOR UPDATE. Rows come back as plain records.
 */

export type { DepartmentValues, PersonValues };

const plainDepartment = (row: Department) => row.get({ plain: true }) as DepartmentRecord;
const plainPerson = (row: Person) => row.get({ plain: true }) as PersonRecord;

/** Every department's place in the tree (id, key, parent), to check the tree the import would produce. */
export async function listDepartmentTree(
  transaction: Transaction,
): Promise<{ id: number; key: string; parentId: number | null }[]> {
  return Department.findAll({ attributes: ['id', 'key', 'parentId'], raw: true, transaction });
}

export async function findDepartmentsByKeysForUpdate(
  keys: readonly string[],
  transaction: Transaction,
): Promise<DepartmentRecord[]> {
  if (keys.length === 0) return [];
  const rows = await Department.findAll({
    where: { key: { [Op.in]: [...keys] } },
    order: [['id', 'ASC']],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
  return rows.map(plainDepartment);
}

/** People with any of the Slack ids or (case-insensitively) any of the emails, locked. */
export async function findPeopleByIdentityForUpdate(
  identity: { slackUserIds: readonly string[]; emails: readonly string[] },
  transaction: Transaction,
): Promise<PersonRecord[]> {
  const conditions: WhereOptions<Person>[] = [];
  if (identity.slackUserIds.length > 0)
    conditions.push({ slackUserId: { [Op.in]: [...identity.slackUserIds] } });
  if (identity.emails.length > 0) {
    conditions.push(
      where(fn('lower', col('email')), {
        [Op.in]: identity.emails.map((email) => email.toLowerCase()),
      }),
    );
  }
  if (conditions.length === 0) return [];
  const rows = await Person.findAll({
    where: { [Op.or]: conditions },
    order: [['id', 'ASC']],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
  return rows.map(plainPerson);
}

export async function createDepartment(
  values: DepartmentValues,
  transaction: Transaction,
): Promise<DepartmentRecord> {
  return plainDepartment(await Department.create(values, { transaction }));
}

export async function updateDepartment(
  id: number,
  changes: Partial<DepartmentValues>,
  transaction: Transaction,
): Promise<void> {
  await Department.update(changes, { where: { id }, transaction });
}
