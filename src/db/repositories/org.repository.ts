import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { DepartmentRecord, PersonRecord, PersonValues } from '../../domain/org/model';
import { Department, Person } from '../models';
import { peopleCache } from '../people-cache';
import { GroupBatcher } from '../sql/group-batcher';
import { selectOnPooledConnection } from '../sql/prepared-statements';

export type { DepartmentRecord, PersonRecord };

// Typed loosely: Sequelize's types do not follow Op.contains into a branded array attribute.
const ACTIVE_ADMINS: WhereOptions = { status: 'active', roles: { [Op.contains]: ['admin'] } };

type Lockable = { transaction?: Transaction; lock?: boolean };

const lockOptions = ({ transaction, lock }: Lockable) =>
  transaction ? { transaction, ...(lock ? { lock: transaction.LOCK.UPDATE } : {}) } : {};

/**
 * `SELECT <every Person column AS its attribute> FROM people WHERE slack_user_id = ANY($1)`,
 * built once from the model so it cannot drift from it. Rows come back in the same shape as
 * `Person.findOne(...).get({ plain: true })` (same keys, same pg type parsing).
 */
let peopleBySlackIdsSql: string | undefined;
function peopleBySlackIdsQuery(): string {
  if (peopleBySlackIdsSql) return peopleBySlackIdsSql;
  const attributes = Person.getAttributes();
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = Object.entries(attributes)
    .map(([name, attribute]) => `${quote(attribute.field ?? name)} AS ${quote(name)}`)
    .join(', ');
  const slackUserIdColumn = quote(attributes.slackUserId.field ?? 'slackUserId');
  const table = Person.getTableName();
  const from = typeof table === 'string' ? quote(table) : `${quote(table.schema)}.${quote(table.tableName)}`;
  peopleBySlackIdsSql = `SELECT ${columns} FROM ${from} WHERE ${slackUserIdColumn} = ANY($1::text[])`;
  return peopleBySlackIdsSql;
}

/**
 * The read of every interaction (language, time zone, standing). One fixed, prepared query with
 * bound parameters on a pooled connection, without the model layer (query building, instances,
 * per-query bookkeeping), which cost about three times the CPU. Reads that arrive while one is
 * running go together in the next statement (`slack_user_id = ANY($1)`): under a burst of
 * commands the round trips and the pg protocol work are shared. A read never joins a statement
 * already sent, so it always sees what was committed before it was asked for.
 */
const peopleBySlackIdReader = new GroupBatcher<string, PersonRecord | null>(
  async (slackUserIds) => {
    const rows = await selectOnPooledConnection<PersonRecord>(peopleBySlackIdsQuery(), [
      [...new Set(slackUserIds)],
    ]);
    const bySlackId = new Map(rows.map((row) => [row.slackUserId, row]));
    return slackUserIds.map((slackUserId) => bySlackId.get(slackUserId) ?? null);
  },
  // An interaction that waited 10 s for its reader is past Slack's deadline: fail it (the person
  // gets the apology) rather than queue it behind one pool timeout per batch when the database hangs.
  { maxBatch: 100, maxConcurrent: 2, maxWaitMs: 10_000 },
);

/** Shared by every reader of the cache: frozen, so no caller can change another's copy. */
async function readPersonBySlackId(slackUserId: string): Promise<PersonRecord | null> {
  const person = await peopleBySlackIdReader.submit(slackUserId);
  if (person) {
    Object.freeze(person.roles);
    Object.freeze(person);
  }
  return person;
}

export async function findPersonBySlackId(
  slackUserId: string,
  options: Lockable = {},
): Promise<PersonRecord | null> {
  // Reads inside a transaction (and locking reads) keep the model path and never the cache:
  // a change decides on the row as it is now.
  if (!options.transaction) return peopleCache.read(slackUserId, () => readPersonBySlackId(slackUserId));
  const person = await Person.findOne({ where: { slackUserId }, ...lockOptions(options) });
  return person ? (person.get({ plain: true }) as PersonRecord) : null;
}

/**
 * The people a typed handle names (`fiona.smith`, as in `@fiona.smith`): the local part of their
 * email, case-insensitive. Slack handles follow the email by default; a handle that matches
 * nobody or several people finds no one to filter by.
 */
export async function findPeopleByHandle(handle: string): Promise<PersonRecord[]> {
  const people = await Person.findAll({
    where: Person.sequelize!.where(
      Person.sequelize!.fn(
        'lower',
        Person.sequelize!.fn('split_part', Person.sequelize!.col('email'), '@', 1),
      ),
      handle.toLowerCase(),
    ),
    limit: 2,
  });
  return people.map((person) => person.get({ plain: true }) as PersonRecord);
}

export async function findPersonById(id: number, options: Lockable = {}): Promise<PersonRecord | null> {
  const person = await Person.findByPk(id, lockOptions(options));
  return person ? (person.get({ plain: true }) as PersonRecord) : null;
}

export async function findDepartmentByKey(
  key: string,
  options: Lockable = {},
): Promise<DepartmentRecord | null> {
  const department = await Department.findOne({ where: { key }, ...lockOptions(options) });
  return department ? (department.get({ plain: true }) as DepartmentRecord) : null;
}

export async function findDepartmentById(
  id: number,
  options: Lockable = {},
): Promise<DepartmentRecord | null> {
  const department = await Department.findByPk(id, lockOptions(options));
  return department ? (department.get({ plain: true }) as DepartmentRecord) : null;
}

export async function listDepartments(): Promise<DepartmentRecord[]> {
  const rows = await Department.findAll({ order: [['key', 'ASC']] });
  return rows.map((row) => row.get({ plain: true }) as DepartmentRecord);
}

export async function findDepartmentsHeadedBy(personId: number): Promise<DepartmentRecord[]> {
  const rows = await Department.findAll({ where: { headPersonId: personId }, order: [['key', 'ASC']] });
  return rows.map((row) => row.get({ plain: true }) as DepartmentRecord);
}

export async function countActiveAdmins(transaction: Transaction): Promise<number> {
  return Person.count({
    where: ACTIVE_ADMINS,
    transaction,
  });
}

/** Everyone in the directory with a Slack account (the directory is small). */
export async function listPeopleInSlack(): Promise<PersonRecord[]> {
  const rows = await Person.findAll({ where: { slackUserId: { [Op.ne]: null } }, order: [['name', 'ASC']] });
  return rows.map((row) => row.get({ plain: true }) as PersonRecord);
}

export async function listActiveAdmins(): Promise<PersonRecord[]> {
  const rows = await Person.findAll({
    where: ACTIVE_ADMINS,
    order: [['name', 'ASC']],
  });
  return rows.map((row) => row.get({ plain: true }) as PersonRecord);
}

export async function updatePerson(
  id: number,
  changes: Partial<PersonValues>,
  transaction: Transaction,
): Promise<void> {
  await Person.update(changes, { where: { id }, transaction });
}

export async function createPerson(values: PersonValues, transaction: Transaction): Promise<PersonRecord> {
  const person = await Person.create(values, { transaction });
  return person.get({ plain: true }) as PersonRecord;
}

export async function countPeople(): Promise<number> {
  return Person.count();
}
