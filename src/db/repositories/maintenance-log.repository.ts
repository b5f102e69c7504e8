import { QueryTypes, type Sequelize } from 'sequelize';
import type { LogEntry } from '../../domain/maintenance/model';
import type { MaintenanceLogStore } from '../../domain/maintenance/store';

/**
 * The maintenance log in SQL (migration 0023): INSERT and SELECT only; the table refuses the rest.
 * Periods are local dates of the organisation's zone, turned into instants by PostgreSQL.
 */
export class SqlMaintenanceLog implements MaintenanceLogStore {
  constructor(private readonly database: () => Sequelize) {}

  async append(entry: Parameters<MaintenanceLogStore['append']>[0]): Promise<void> {
    await this.database().query(
      `INSERT INTO maintenance_log (at, category, kind, summary, details, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
      {
        bind: [
          entry.at,
          entry.category,
          entry.kind,
          entry.summary,
          JSON.stringify(entry.details),
          entry.requestId,
        ],
      },
    );
  }

  async list(
    range: { fromDate: string; toDate: string; timeZone: string },
    limit: number | null,
  ): Promise<LogEntry[]> {
    const rows = await this.database().query<LogEntry & { at: Date | string }>(
      `SELECT id::text AS id, at, category, kind, summary, details, request_id AS "requestId"
         FROM maintenance_log
        WHERE at >= ($1::date)::timestamp AT TIME ZONE $3 AND at < ($2::date)::timestamp AT TIME ZONE $3
        ORDER BY at DESC, id DESC
        ${limit === null ? '' : 'LIMIT $4'}`,
      {
        bind: [range.fromDate, range.toDate, range.timeZone, ...(limit === null ? [] : [limit])],
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((row) => ({ ...row, at: new Date(row.at) }));
  }

  async count(range: { fromDate: string; toDate: string; timeZone: string }): Promise<number> {
    const [row] = await this.database().query<{ n: string }>(
      `SELECT count(*) AS n FROM maintenance_log
        WHERE at >= ($1::date)::timestamp AT TIME ZONE $3 AND at < ($2::date)::timestamp AT TIME ZONE $3`,
      { bind: [range.fromDate, range.toDate, range.timeZone], type: QueryTypes.SELECT },
    );
    return Number(row?.n ?? 0);
  }
}
