import { type InferAttributes, Op, QueryTypes, type Transaction } from 'sequelize';
import { Delegation, WorkflowTask } from '../models';
import { lockNamed } from './transaction';

/**
 * Delegations while away: who covers for whom, on which days. Dates are YYYY-MM-DD in the absent
 * person's time zone; "today" is decided by the caller (the domain knows people's time zones).
 */

export type DelegationRecord = InferAttributes<Delegation>;

type Plain = { get(options: { plain: true }): unknown };
const plain = <T>(row: Plain): T => row.get({ plain: true }) as T;

/** Serialises one person's delegation changes, so two `/oa away` at once cannot both pass the overlap check. */
export const lockDelegationsOf = (personId: number, transaction: Transaction) =>
  lockNamed(`gongwu:delegations:${personId}`, transaction);

export async function createDelegation(
  values: Pick<DelegationRecord, 'personId' | 'delegatePersonId' | 'startDate' | 'endDate' | 'note'>,
  transaction: Transaction,
): Promise<DelegationRecord> {
  return plain(await Delegation.create(values, { transaction }));
}

export async function findDelegation(
  id: number,
  transaction?: Transaction,
): Promise<DelegationRecord | null> {
  const row = await Delegation.findByPk(id, { transaction });
  return row ? plain<DelegationRecord>(row) : null;
}

/** Not ended and not over by `fromDate`: the current and upcoming delegations of the people, by start. */
export async function findOpenDelegations(
  where: { personIds?: readonly number[]; delegatePersonIds?: readonly number[] },
  fromDate: string,
  transaction?: Transaction,
): Promise<DelegationRecord[]> {
  const who = [
    ...(where.personIds ? [{ personId: { [Op.in]: [...where.personIds] } }] : []),
    ...(where.delegatePersonIds ? [{ delegatePersonId: { [Op.in]: [...where.delegatePersonIds] } }] : []),
  ];
  if (who.length === 0) return [];
  const rows = await Delegation.findAll({
    where: { [Op.or]: who, endedAt: null, endDate: { [Op.gte]: fromDate } },
    order: [
      ['startDate', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction,
  });
  return rows.map((row) => plain<DelegationRecord>(row));
}

/** Ends delegations (only those not ended yet); returns how many it ended. */
export async function endDelegations(
  ids: readonly number[],
  at: Date,
  bySlackId: string,
  transaction: Transaction,
): Promise<number> {
  if (ids.length === 0) return 0;
  const [count] = await Delegation.update(
    { endedAt: at, endedBySlackId: bySlackId, updatedAt: at },
    { where: { id: { [Op.in]: [...ids] }, endedAt: null }, transaction },
  );
  return count;
}

/** Ids of the pending tasks a person holds, oldest first. */
export async function findPendingTaskIdsHeldBy(
  personId: number,
  transaction?: Transaction,
): Promise<number[]> {
  const rows = await WorkflowTask.findAll({
    attributes: ['id'],
    where: { assigneePersonId: personId, status: 'pending' },
    order: [['id', 'ASC']],
    transaction,
  });
  return rows.map((row) => row.id);
}

/** Ids of the pending tasks that went to a delegate on a person's behalf, oldest first. */
export async function findPendingTaskIdsDelegatedFrom(personId: number): Promise<number[]> {
  const rows = await WorkflowTask.findAll({
    attributes: ['id'],
    where: { onBehalfOfPersonId: personId, delegationId: { [Op.ne]: null }, status: 'pending' },
    order: [['id', 'ASC']],
  });
  return rows.map((row) => row.id);
}

/** How many pending tasks went through each delegation (for the status reply). */
export async function countPendingTasksByDelegation(ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await WorkflowTask.sequelize!.query<{ delegation_id: number; n: string }>(
    `SELECT delegation_id, count(*) AS n FROM workflow_tasks
      WHERE delegation_id IN (:ids) AND status = 'pending' GROUP BY delegation_id`,
    { replacements: { ids: [...ids] }, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((row) => [row.delegation_id, Number(row.n)]));
}
