import { type CreationAttributes, Op, QueryTypes, type Transaction } from 'sequelize';
import { WorkflowIdempotencyKey, WorkflowInstance, WorkflowRevision, WorkflowTask } from '../models';
import { columnsOf } from '../sql/model-rows';
import { lockNamed } from './transaction';
import {
  type InstanceRecord,
  plain,
  plainAll,
  type RevisionRecord,
  workflowSequelize as sequelize,
} from './workflow-records';

/** Requests, their revisions and the idempotency keys of submissions. */

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
