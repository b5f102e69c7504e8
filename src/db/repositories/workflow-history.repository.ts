import { Op, type Transaction } from 'sequelize';
import { WorkflowEvent } from '../models';
import { type EventRecord, plain, plainAll } from './workflow-records';

/** A request's history lines (workflow_events). */

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
