import type { Transaction } from 'sequelize';
import { type AuditEvent, type AuditRow, auditRows } from '../../domain/audit/model';
import { AuditEntry } from '../models';

export type { AuditRow };

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

/**
 * Audit events in the caller's Sequelize transaction, for the workflow services that do not have
 * a store of their own yet; the other domains write through their `AuditLog`.
 */
export async function audit(transaction: Transaction, ...events: AuditEvent[]): Promise<void> {
  await insertAuditRows(auditRows(events), transaction);
}
