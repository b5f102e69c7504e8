import type { AuditStore } from '../../domain/audit/store';
import { insertAuditRows } from '../repositories/audit.repository';
import { sql } from '../repositories/transaction';

export const auditStore: AuditStore = {
  insertAuditRows: (rows, tx) => insertAuditRows(rows, sql(tx)),
};
