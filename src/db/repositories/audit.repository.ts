import type { Transaction } from 'sequelize';
import { AuditEntry } from '../models';

export interface AuditRow {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | undefined;
}

/** The attributes of an audit row as the model stores them. */
export const auditAttributes = (row: AuditRow) => ({
  actor: row.actor,
  action: row.action,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  before: row.before ?? null,
  after: row.after ?? null,
  requestId: row.requestId ?? null,
});

export async function insertAuditRows(rows: AuditRow[], transaction: Transaction): Promise<void> {
  if (rows.length === 0) return;
  await AuditEntry.bulkCreate(rows.map(auditAttributes), { transaction });
}

export async function findAuditRows(filter: { subjectType?: string; subjectId?: string; actor?: string }) {
  const where: Record<string, string> = {};
  if (filter.subjectType) where.subjectType = filter.subjectType;
  if (filter.subjectId) where.subjectId = filter.subjectId;
  if (filter.actor) where.actor = filter.actor;
  return AuditEntry.findAll({ where, order: [['id', 'ASC']], raw: true });
}
