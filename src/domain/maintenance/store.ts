import type { LogCategory, LogEntry, LogKind } from './model';

/** Where the maintenance log lives (db/repositories/maintenance-log.repository.ts): append and read, nothing else. */
export interface MaintenanceLogStore {
  append(entry: {
    at: Date;
    category: LogCategory;
    kind: LogKind;
    summary: string;
    details: Record<string, unknown>;
    requestId: string | null;
  }): Promise<void>;
  /**
   * Entries of a period of local dates (from inclusive, to exclusive, in `timeZone`), newest
   * first; `limit` null: all of them.
   */
  list(
    range: { fromDate: string; toDate: string; timeZone: string },
    limit: number | null,
  ): Promise<LogEntry[]>;
  count(range: { fromDate: string; toDate: string; timeZone: string }): Promise<number>;
}
