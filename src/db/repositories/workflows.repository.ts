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
import { selectInTransaction, selectOnPooledConnection } from '../prepared-statements';
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

/**
 * `json_build_object('attribute', alias."column", …)`: one row inside a JSON aggregate, read back
 * by `fromJsonRow`. BIGINT goes as text, as pg returns it.
 */
function jsonRowOf(model: AnyModel, alias: string): string {
  const pairs = attributesOf(model).map(
    ({ name, field, key }) => `'${name}', ${alias}.${quote(field)}${key === 'BIGINT' ? '::text' : ''}`,
  );
  return `json_build_object(${pairs.join(', ')})`;
}

const jsonRowReaders = new Map<AnyModel, (row: Record<string, unknown>) => unknown>();

/** A row built by `jsonRowOf`, with its timestamps (ISO strings in JSON) as Dates again. */
function fromJsonRow<T>(model: AnyModel): (row: Record<string, unknown>) => T {
  let read = jsonRowReaders.get(model);
  if (read === undefined) {
    const dates = attributesOf(model)
      .filter(({ key }) => key === 'DATE')
      .map(({ name }) => name);
    read = (row) => {
      for (const name of dates) {
        const value = row[name];
        if (typeof value === 'string') row[name] = new Date(value);
      }
      return row;
    };
    jsonRowReaders.set(model, read);
  }
  return read as (row: Record<string, unknown>) => T;
}

const fieldsByModel = new Map<AnyModel, Map<string, string>>();

/**
 * Rows of a model keyed by column, to send as JSON to `json_populate_recordset(NULL::<table>, …)`
 * (one row: `json_populate_record`): any number of rows in one statement, each value read as its
 * column's type (Dates as ISO strings, JSONB values as nested JSON, arrays as JSON arrays).
 * `columns` are those the rows set (an undefined value is not set), quoted; a statement lists only
 * those, so the others keep their defaults. Rows should set the same attributes: one that leaves
 * out an attribute another sets gets NULL there.
 */
export function rowAsJson(
  model: AnyModel,
  rows: readonly object[],
): { table: string; columns: string[]; records: Record<string, unknown>[] } {
  let fields = fieldsByModel.get(model);
  if (fields === undefined) {
    fields = new Map(attributesOf(model).map(({ name, field }) => [name, field]));
    fieldsByModel.set(model, fields);
  }
  const used = new Set<string>();
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const field = fields.get(name);
      if (field === undefined) throw new Error(`${model.name} has no attribute ${name}`);
      if (value === undefined) continue;
      record[field] = value;
      used.add(field);
    }
    return record;
  });
  return {
    table: quote(String(model.getTableName())),
    columns: [...used].map(quote),
    records,
  };
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

/**
 * Locks the request holding a task, as `lockInstance` does (SELECT … FOR UPDATE), in one
 * statement; null when the task does not exist. A task never moves to another request.
 */
export async function lockInstanceOfTask(
  taskId: number,
  transaction: Transaction,
): Promise<InstanceRecord | null> {
  const [row] = await sequelize().query<InstanceRecord>(
    `SELECT ${columnsOf(WorkflowInstance)} FROM workflow_instances
     WHERE id = (SELECT instance_id FROM workflow_tasks WHERE id = :taskId)
     FOR UPDATE`,
    { replacements: { taskId }, type: QueryTypes.SELECT, transaction },
  );
  return row ?? null;
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

let actorAndStepSql: string | undefined;

/**
 * The actor (by Slack id, null when unknown), a task with the other tasks of its step (same
 * request, revision and step, oldest first; none when the task does not exist) and the people
 * with the given ids (those the change may notify, by id), in one read: what a decision checks
 * and uses once it holds the request's lock. Rows shaped as the models read them.
 */
export async function findActorAndStep(
  actorSlackId: string,
  taskId: number,
  personIds: readonly number[],
  transaction: Transaction,
): Promise<{ actor: PersonRecord | null; stepTasks: TaskRecord[]; people: PersonRecord[] }> {
  actorAndStepSql ??= `SELECT
    (SELECT ${jsonRowOf(Person, 'p')} FROM people p WHERE p.slack_user_id = $1) AS "actor",
    (SELECT coalesce(json_agg(${jsonRowOf(WorkflowTask, 't')} ORDER BY t.id), '[]'::json)
       FROM workflow_tasks t
       JOIN workflow_tasks asked ON asked.id = $2
         AND t.instance_id = asked.instance_id AND t.revision = asked.revision AND t.step_index = asked.step_index
    ) AS "stepTasks",
    (SELECT coalesce(json_agg(${jsonRowOf(Person, 'p')} ORDER BY p.id), '[]'::json)
       FROM people p WHERE p.id = ANY ($3::int[])) AS "people"`;
  const [row] = await selectInTransaction<{
    actor: Record<string, unknown> | null;
    stepTasks: Record<string, unknown>[];
    people: Record<string, unknown>[];
  }>(transaction, actorAndStepSql, [actorSlackId, taskId, [...new Set(personIds)]]);
  const person = fromJsonRow<PersonRecord>(Person);
  return {
    actor: row?.actor ? person(row.actor) : null,
    stepTasks: (row?.stepTasks ?? []).map(fromJsonRow<TaskRecord>(WorkflowTask)),
    people: (row?.people ?? []).map(person),
  };
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

/**
 * The tasks a person had pending at `at` (oldest first, as the digest lists them), whatever they
 * are now, and how many of them are still pending: a digest posted at `at` shown as it stands.
 */
export async function pageOfTaskIdsPendingAt(
  personId: number,
  at: Date,
  limit: number,
): Promise<{ ids: number[]; total: number; stillPending: number }> {
  const rows = await WorkflowTask.findAll({
    attributes: ['id', 'status'],
    where: {
      assigneePersonId: personId,
      createdAt: { [Op.lte]: at },
      [Op.or]: [{ status: 'pending' }, { decidedAt: { [Op.gt]: at } }],
    },
    order: [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  return {
    ids: rows.slice(0, limit).map((row) => row.id),
    total: rows.length,
    stillPending: rows.filter((row) => row.status === 'pending').length,
  };
}

// --- history ----------------------------------------------------------------------------------

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

// --- what a view shows -------------------------------------------------------------------------

export interface ViewDepartmentRecord {
  id: number;
  key: string;
  name: string;
  nameZh: string | null;
}

/** A request with everything of its own a view shows. */
export interface ViewRows {
  instance: InstanceRecord;
  /** Oldest first, every revision. */
  tasks: TaskRecord[];
  /** Oldest first. */
  events: EventRecord[];
  /** By revision number. */
  revisions: RevisionRecord[];
  /**
   * The request's department and every department a form value (of any revision) names by key:
   * what the view can need, without reading the whole table.
   */
  departments: ViewDepartmentRecord[];
  /**
   * Everyone the view names: the requester, the approvers and CC of every revision's route (as
   * `routePersonIds` lists them), the tasks' holders and those they act for, the history's actors,
   * and the people whose Slack id is a form value (a `user` field).
   */
  people: ViewPersonRecord[];
}

export interface ViewPersonRecord {
  id: number;
  slackUserId: string | null;
  name: string;
}

/** A form's values as text, one row each (nothing for a form that is not an object). */
const formTexts = (form: string) =>
  `jsonb_each_text(CASE WHEN jsonb_typeof(${form}) = 'object' THEN ${form} ELSE '{}'::jsonb END)`;

const viewSql = new Map<'instances' | 'tasks', string>();

function viewQuery(by: 'instances' | 'tasks'): string {
  let sql = viewSql.get(by);
  if (sql !== undefined) return sql;
  const aggregate = (json: string, order: string, from: string) =>
    `(SELECT coalesce(json_agg(${json} ORDER BY ${order}), '[]'::json) FROM ${from})`;
  const department = "json_build_object('id', d.id, 'key', d.key, 'name', d.name, 'nameZh', d.name_zh)";
  const person = "json_build_object('id', p.id, 'slackUserId', p.slack_user_id, 'name', p.name)";
  const forms = `(SELECT i.form UNION ALL SELECT fr.form FROM workflow_revisions fr WHERE fr.instance_id = i.id) forms (form), ${formTexts('forms.form')} f`;
  const routes = `(SELECT i.route UNION ALL SELECT rr.route FROM workflow_revisions rr WHERE rr.instance_id = i.id) routes (route)`;
  const routePeople = (path: string) =>
    `SELECT (id #>> '{}')::int FROM ${routes}, jsonb_path_query(routes.route, '${path}') id`;
  sql = `SELECT ${columnsOf(WorkflowInstance, 'i')},
    ${aggregate(jsonRowOf(WorkflowTask, 't'), 't.id', 'workflow_tasks t WHERE t.instance_id = i.id')} AS "__tasks",
    ${aggregate(jsonRowOf(WorkflowEvent, 'e'), 'e.id', 'workflow_events e WHERE e.instance_id = i.id')} AS "__events",
    ${aggregate(jsonRowOf(WorkflowRevision, 'r'), 'r.revision', 'workflow_revisions r WHERE r.instance_id = i.id')} AS "__revisions",
    ${aggregate(
      department,
      'd.id',
      // A value may name one department or a comma-joined list of them (an announcement's audience).
      `departments d WHERE d.id = i.department_id
        OR d.key IN (SELECT unnest(string_to_array(f.value, ',')) FROM ${forms})`,
    )} AS "__departments",
    ${aggregate(
      person,
      'p.id',
      // Lists computed once each, then found through the indexes; UNION ALL: duplicates are
      // harmless in ANY (…), and de-duplicating would size a hash for the functions' guessed rows.
      `people p WHERE p.id = ANY (ARRAY(
          SELECT i.requester_person_id
          UNION ALL SELECT pt.assignee_person_id FROM workflow_tasks pt WHERE pt.instance_id = i.id
          UNION ALL SELECT pt.on_behalf_of_person_id FROM workflow_tasks pt WHERE pt.instance_id = i.id
          UNION ALL SELECT pe.actor_person_id FROM workflow_events pe WHERE pe.instance_id = i.id
          UNION ALL ${routePeople('$.steps[*].approverPersonIds[*]')}
          UNION ALL ${routePeople('$.cc[*].personId')}))
        OR p.slack_user_id = ANY (ARRAY(SELECT f.value FROM ${forms} WHERE f.value ~ '^[UW][A-Z0-9]{2,}$'))`,
    )} AS "__people"
    FROM workflow_instances i
    WHERE ${by === 'instances' ? 'i.id = ANY ($1::int[])' : 'i.id = ANY (ARRAY(SELECT instance_id FROM workflow_tasks WHERE id = ANY ($1::int[])))'}`;
  viewSql.set(by, sql);
  return sql;
}

/**
 * The requests with the given ids (or holding the given tasks), each with its tasks, history,
 * revisions, departments and people, in one statement: a card is rendered on every notification, so its
 * read is one round trip rather than one per table. In no particular order.
 */
export async function findViewRows(
  of: { instanceIds: readonly number[] } | { taskIds: readonly number[] },
): Promise<ViewRows[]> {
  const [by, ids] =
    'instanceIds' in of ? (['instances', of.instanceIds] as const) : (['tasks', of.taskIds] as const);
  if (ids.length === 0) return [];
  type Row = InstanceRecord & {
    __tasks: Record<string, unknown>[];
    __events: Record<string, unknown>[];
    __revisions: Record<string, unknown>[];
    __departments: ViewDepartmentRecord[];
    __people: ViewPersonRecord[];
  };
  // Prepared per connection: planning this statement costs PostgreSQL more than running it.
  const rows = await selectOnPooledConnection<Row>(viewQuery(by), [[...new Set(ids)]]);
  const task = fromJsonRow<TaskRecord>(WorkflowTask);
  const event = fromJsonRow<EventRecord>(WorkflowEvent);
  const revision = fromJsonRow<RevisionRecord>(WorkflowRevision);
  return rows.map(({ __tasks, __events, __revisions, __departments, __people, ...instance }) => ({
    instance,
    tasks: __tasks.map(task),
    events: __events.map(event),
    revisions: __revisions.map(revision),
    departments: __departments,
    people: __people,
  }));
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
