import type { AuditStore } from '../../domain/audit/store';
import { insertAuditRows } from '../repositories/audit.repository';
import { sqlTransaction } from '../repositories/transaction';

export const auditStore: AuditStore = {
  insertAuditRows: (rows, tx) => insertAuditRows(rows, sqlTransaction(tx)),
};
