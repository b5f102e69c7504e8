import type { Tx } from '../tx';
import type { AuditRow } from './model';

/** Where audit rows go (implemented by `db/stores/audit.store.ts`). */
export interface AuditStore {
  insertAuditRows(rows: AuditRow[], tx: Tx): Promise<void>;
}
