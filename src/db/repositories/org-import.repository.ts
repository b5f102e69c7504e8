import { col, fn, Op, type Transaction, type WhereOptions, where } from 'sequelize';
import { Department, Person } from '../models';
import type { DepartmentRecord, PersonRecord } from './org.repository';
import { lockNamed } from './transaction';

/**
 * Queries of the org directory import. Every function takes the import's transaction; rows the
 * import may change are read with FOR UPDATE.
 */

/** The stored columns of a department / person, without the generated id. */
export type DepartmentValues = Omit<DepartmentRecord, 'id'>;
export type PersonValues = Omit<PersonRecord, 'id'>;

/**
 * Two imports at once would race on inserting the same new department or person; a
 * transaction-scoped advisory lock makes the second wait for the first and then find its work done.
 */
export async function lockOrgImport(transaction: Transaction): Promise<void> {
  await lockNamed('gongwu:org-import', transaction);
}

/** Every department's place in the tree (id, key, parent), to check the tree the import would produce. */
export async function listDepartmentTree(
  transaction: Transaction,
): Promise<{ id: number; key: string; parentId: number | null }[]> {
  return Department.findAll({ attributes: ['id', 'key', 'parentId'], raw: true, transaction });
}

export async function findDepartmentsByKeysForUpdate(
  keys: readonly string[],
  transaction: Transaction,
): Promise<Department[]> {
  if (keys.length === 0) return [];
  return Department.findAll({
    where: { key: { [Op.in]: [...keys] } },
    order: [['id', 'ASC']],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
}

/** People with any of the Slack ids or (case-insensitively) any of the emails, locked. */
export async function findPeopleByIdentityForUpdate(
  identity: { slackUserIds: readonly string[]; emails: readonly string[] },
  transaction: Transaction,
): Promise<Person[]> {
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
  return Person.findAll({
    where: { [Op.or]: conditions },
    order: [['id', 'ASC']],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
}

export async function createDepartment(
  values: DepartmentValues,
  transaction: Transaction,
): Promise<Department> {
  return Department.create(values, { transaction });
}

export async function updateDepartment(
  department: Department,
  changes: Partial<DepartmentValues>,
  transaction: Transaction,
): Promise<void> {
  await department.update(changes, { transaction });
}

export async function createPerson(values: PersonValues, transaction: Transaction): Promise<Person> {
  return Person.create(values, { transaction });
}

export async function updatePerson(
  person: Person,
  changes: Partial<PersonValues>,
  transaction: Transaction,
): Promise<void> {
  await person.update(changes, { transaction });
}
