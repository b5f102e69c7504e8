import {
  type CreationAttributes,
  type InferAttributes,
  type Model,
  type ModelStatic,
  Op,
  QueryTypes,
  type Transaction,
} from 'sequelize';
import type { OrgDepartment, OrgPerson } from '../../domain/workflows/route';
import type { TemplateDefinition } from '../../domain/workflows/template-schema';
import type { InstanceStatus, TaskStatus } from '../../domain/workflows/types';
import {
  Department,
  Person,
  WorkflowEvent,
  WorkflowIdempotencyKey,
  WorkflowInstance,
  WorkflowRevision,
  WorkflowTask,
  WorkflowTemplate,
} from '../models';
import type { PersonRecord } from './org.repository';
import { lockNamed } from './transaction';

/**
 * Queries of the workflow engine's state: templates, requests, revisions, tasks, history,
 * counters and idempotency keys. Functions that take a transaction run inside the caller's change;
 * the others are plain reads.
 */

export type TemplateRecord = InferAttributes<WorkflowTemplate>;
export type InstanceRecord = InferAttributes<WorkflowInstance>;
export type RevisionRecord = InferAttributes<WorkflowRevision>;
export type TaskRecord = InferAttributes<WorkflowTask>;
export type EventRecord = InferAttributes<WorkflowEvent>;

type Plain = { get(options: { plain: true }): unknown };
const plain = <T>(row: Plain): T => row.get({ plain: true }) as T;
const plainAll = <T>(rows: Plain[]): T[] => rows.map((row) => plain<T>(row));

const sequelize = () => {
  const instance = WorkflowInstance.sequelize;
  if (!instance) throw new Error('models are not initialised: call createSequelize() first');
  return instance;
};

// --- raw statements with the models' shapes ---------------------------------------------------

// biome-ignore lint/suspicious/noExplicitAny: any model, whatever its attributes.
type AnyModel = ModelStatic<Model<any, any>>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function attributesOf(model: AnyModel): { name: string; field: string; key: string }[] {
  return Object.entries(model.getAttributes()).map(([name, attribute]) => ({
    name,
    field: attribute.field ?? name,
    // Normalised by Model.init: a data type instance, whose key names the type ('DATE', 'BIGINT'…).
    key: String((attribute.type as { key?: unknown }).key ?? attribute.type),
  }));
}

const columnLists = new Map<string, string>();

/**
 * `alias."column" AS "attribute", …` for every attribute of a model, built from the model so it
 * cannot drift from it. A raw statement selecting (or RETURNING) these gets rows in the shape of
 * `Model.findAll(...)` rows read with `get({ plain: true })`: same keys, same pg type parsing.
 */
export function columnsOf(model: AnyModel, alias?: string): string {
  const cacheKey = `${model.name}:${alias ?? ''}`;
  let list = columnLists.get(cacheKey);
  if (list === undefined) {
    const prefix = alias ? `${alias}.` : '';
    list = attributesOf(model)
      .map(({ name, field }) => `${prefix}${quote(field)} AS ${quote(name)}`)
      .join(', ');
    columnLists.set(cacheKey, list);
  }
  return list;
}

// --- templates --------------------------------------------------------------------------------

/** Two replicas starting at once must not both add version n+1 of the same template. */
export const lockTemplateSync = (transaction: Transaction) =>
  lockNamed('gongwu:workflow-template-sync', transaction);

export async function findLatestTemplateVersion(
  key: string,
  transaction?: Transaction,
): Promise<TemplateRecord | null> {
  const row = await WorkflowTemplate.findOne({ where: { key }, order: [['version', 'DESC']], transaction });
  return row ? plain<TemplateRecord>(row) : null;
}

export async function findTemplateVersionsByIds(
  ids: readonly number[],
  transaction?: Transaction,
): Promise<TemplateRecord[]> {
  if (ids.length === 0) return [];
  return plainAll(await WorkflowTemplate.findAll({ where: { id: { [Op.in]: [...ids] } }, transaction }));
}

export async function listLatestTemplateVersions(): Promise<TemplateRecord[]> {
  const ids = await sequelize().query<{ id: number }>(
    'SELECT DISTINCT ON (key) id FROM workflow_templates ORDER BY key, version DESC',
    { type: QueryTypes.SELECT },
  );
  const rows = await findTemplateVersionsByIds(ids.map((row) => row.id));
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

export async function insertTemplateVersion(
  values: { key: string; version: number; definition: TemplateDefinition; checksum: string },
  transaction: Transaction,
): Promise<TemplateRecord> {
  return plain(await WorkflowTemplate.create(values, { transaction }));
}

// --- counters ---------------------------------------------------------------------------------

/**
 * The next number of a scope and year. The upsert takes the counter row's lock until the
 * transaction ends, so numbers are handed out in order, and a rollback returns its number.
 */
export async function nextCounterValue(
  scope: string,
  year: number,
  transaction: Transaction,
): Promise<number> {
  const [row] = await sequelize().query<{ value: number }>(
    `INSERT INTO reference_counters (scope, year, value) VALUES (:scope, :year, 1)
     ON CONFLICT (scope, year) DO UPDATE SET value = reference_counters.value + 1
     RETURNING value`,
    { replacements: { scope, year }, type: QueryTypes.SELECT, transaction },
  );
  return Number(row!.value);
}

// --- requests ---------------------------------------------------------------------------------

export async function createInstance(
  values: CreationAttributes<WorkflowInstance>,
  transaction: Transaction,
): Promise<InstanceRecord> {
  return plain(await WorkflowInstance.create(values, { transaction }));
}

/** SELECT … FOR UPDATE: every change to a request starts here. */
export async function lockInstance(id: number, transaction: Transaction): Promise<InstanceRecord | null> {
  const row = await WorkflowInstance.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  return row ? plain<InstanceRecord>(row) : null;
}

export async function findInstanceById(
  id: number,
  transaction?: Transaction,
): Promise<InstanceRecord | null> {
  const row = await WorkflowInstance.findByPk(id, { transaction });
  return row ? plain<InstanceRecord>(row) : null;
}

/** By request reference or document number (both stored upper-case). */
export async function findInstanceIdByReference(reference: string): Promise<number | null> {
  const row = await WorkflowInstance.findOne({
    attributes: ['id'],
    where: { [Op.or]: [{ reference }, { documentNumber: reference }] },
  });
  return row ? row.id : null;
}

export async function findInstancesByIds(ids: readonly number[]): Promise<InstanceRecord[]> {
  if (ids.length === 0) return [];
  return plainAll(await WorkflowInstance.findAll({ where: { id: { [Op.in]: [...ids] } } }));
}

export async function updateInstance(
  id: number,
  changes: Partial<Omit<InstanceRecord, 'id' | 'createdAt'>>,
  transaction: Transaction,
): Promise<void> {
  await WorkflowInstance.update(changes, { where: { id }, transaction });
}

export async function findInstanceIdOfTask(
  taskId: number,
  transaction?: Transaction,
): Promise<number | null> {
  const row = await WorkflowTask.findByPk(taskId, { attributes: ['instanceId'], transaction });
  return row ? row.instanceId : null;
}

export async function recordInstanceCard(instanceId: number, channel: string, ts: string): Promise<boolean> {
  const [count] = await WorkflowInstance.update(
    { cardChannel: channel, cardTs: ts },
    { where: { id: instanceId } },
  );
  return count > 0;
}

// --- revisions --------------------------------------------------------------------------------

export async function createRevision(
  values: CreationAttributes<WorkflowRevision>,
  transaction: Transaction,
): Promise<void> {
  await WorkflowRevision.create(values, { transaction });
}

export async function setRevisionOutcome(
  instanceId: number,
  revision: number,
  outcome: InstanceStatus | null,
  transaction: Transaction,
): Promise<void> {
  await WorkflowRevision.update({ outcome }, { where: { instanceId, revision }, transaction });
}

export async function findRevisionsOf(instanceIds: readonly number[]): Promise<RevisionRecord[]> {
  if (instanceIds.length === 0) return [];
  return plainAll(
    await WorkflowRevision.findAll({
      where: { instanceId: { [Op.in]: [...instanceIds] } },
      order: [
        ['instanceId', 'ASC'],
        ['revision', 'ASC'],
      ],
    }),
  );
}

// --- tasks ------------------------------------------------------------------------------------

export async function createTasks(
  rows: CreationAttributes<WorkflowTask>[],
  transaction: Transaction,
): Promise<TaskRecord[]> {
  if (rows.length === 0) return [];
  return plainAll(await WorkflowTask.bulkCreate(rows, { transaction, returning: true }));
}

export async function findTask(id: number, transaction?: Transaction): Promise<TaskRecord | null> {
  const row = await WorkflowTask.findByPk(id, { transaction });
  return row ? plain<TaskRecord>(row) : null;
}

export async function findTasksByIds(ids: readonly number[]): Promise<TaskRecord[]> {
  if (ids.length === 0) return [];
  return plainAll(
    await WorkflowTask.findAll({ where: { id: { [Op.in]: [...ids] } }, order: [['id', 'ASC']] }),
  );
}

export async function findStepTasks(
  instanceId: number,
  revision: number,
  stepIndex: number,
  transaction: Transaction,
): Promise<TaskRecord[]> {
  return plainAll(
    await WorkflowTask.findAll({
      where: { instanceId, revision, stepIndex },
      order: [['id', 'ASC']],
      transaction,
    }),
  );
}

export async function findPendingTasksOf(
  instanceId: number,
  transaction: Transaction,
): Promise<TaskRecord[]> {
  return plainAll(
    await WorkflowTask.findAll({
      where: { instanceId, status: 'pending' },
      order: [['id', 'ASC']],
      transaction,
    }),
  );
}

export async function findTasksOf(
  instanceIds: readonly number[],
  transaction?: Transaction,
): Promise<TaskRecord[]> {
  if (instanceIds.length === 0) return [];
  return plainAll(
    await WorkflowTask.findAll({
      where: { instanceId: { [Op.in]: [...instanceIds] } },
      order: [['id', 'ASC']],
      transaction,
    }),
  );
}

/** Closes tasks with a status; only those still pending, so a closed task never changes again. */
export async function closeTasks(
  ids: readonly number[],
  changes: { status: Exclude<TaskStatus, 'pending'>; decidedAt: Date; comment?: string | null },
  transaction: Transaction,
): Promise<void> {
  if (ids.length === 0) return;
  await WorkflowTask.update(changes, {
    where: { id: { [Op.in]: [...ids] }, status: 'pending' },
    transaction,
  });
}

export async function recordTaskCard(taskId: number, channel: string, ts: string): Promise<boolean> {
  const [count] = await WorkflowTask.update({ cardChannel: channel, cardTs: ts }, { where: { id: taskId } });
  return count > 0;
}

export async function pageOfPendingTaskIds(
  personId: number,
  offset: number,
  limit: number,
): Promise<{ ids: number[]; total: number }> {
  const { rows, count } = await WorkflowTask.findAndCountAll({
    attributes: ['id'],
    where: { assigneePersonId: personId, status: 'pending' },
    order: [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
    offset,
    limit,
  });
  return { ids: rows.map((row) => row.id), total: count };
}

// --- history ----------------------------------------------------------------------------------

export async function insertEvents(
  rows: CreationAttributes<WorkflowEvent>[],
  transaction: Transaction,
): Promise<EventRecord[]> {
  if (rows.length === 0) return [];
  return plainAll(await WorkflowEvent.bulkCreate(rows, { transaction, returning: true }));
}

export async function findEventsOf(instanceIds: readonly number[]): Promise<EventRecord[]> {
  if (instanceIds.length === 0) return [];
  return plainAll(
    await WorkflowEvent.findAll({
      where: { instanceId: { [Op.in]: [...instanceIds] } },
      order: [['id', 'ASC']],
    }),
  );
}

export async function findLastEventOfKind(
  instanceId: number,
  kinds: readonly EventRecord['kind'][],
  transaction: Transaction,
): Promise<EventRecord | null> {
  const row = await WorkflowEvent.findOne({
    where: { instanceId, kind: { [Op.in]: [...kinds] } },
    order: [['id', 'DESC']],
    transaction,
  });
  return row ? plain<EventRecord>(row) : null;
}

// --- idempotency ------------------------------------------------------------------------------

export async function findIdempotentInstanceId(
  actorSlackId: string,
  key: string,
  transaction: Transaction,
): Promise<number | null> {
  const row = await WorkflowIdempotencyKey.findOne({ where: { actorSlackId, key }, transaction });
  return row?.instanceId ?? null;
}

export async function saveIdempotencyKey(
  actorSlackId: string,
  key: string,
  instanceId: number,
  transaction: Transaction,
): Promise<void> {
  await WorkflowIdempotencyKey.create({ actorSlackId, key, instanceId }, { transaction });
}

/** Serialises one person's submissions: the idempotency and overlap checks then see each other's work. */
export const lockSubmissionsOf = (slackUserId: string, transaction: Transaction) =>
  lockNamed(`gongwu:workflow-submit:${slackUserId}`, transaction);

// --- the directory, as the engine needs it ----------------------------------------------------

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

export async function findPeopleBySlackIds(slackIds: readonly string[]): Promise<PersonRecord[]> {
  if (slackIds.length === 0) return [];
  return plainAll(await Person.findAll({ where: { slackUserId: { [Op.in]: [...new Set(slackIds)] } } }));
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
