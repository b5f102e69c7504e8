import { type CreationAttributes, Op, type Transaction } from 'sequelize';
import type { PersonRecord } from '../../domain/org/model';
import { Person, WorkflowTask } from '../models';
import { fromJsonRow, jsonRowOf } from '../sql/model-rows';
import { selectInTransaction } from '../sql/prepared-statements';
import { plain, plainAll, type TaskRecord } from './workflow-records';

/** Approvers' tasks: created by a step, closed by a decision, listed for /approvals and digests. */

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
