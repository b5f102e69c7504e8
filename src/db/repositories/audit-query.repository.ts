import { QueryTypes, type Sequelize } from 'sequelize';
import type { AuditListRow, AuditQueryStore } from '../../domain/supervision/store';

/**
 * Reads of the audit log for the supervision group (`/oa audit`): newest first, by subject (a
 * reference, or a person as actor or subject) and period. Announcements are audited under their
 * reference and, for acknowledgements and chases, under their id: both are matched.
 */
export class SqlAuditQuery implements AuditQueryStore {
  constructor(private readonly connection: () => Sequelize) {}

  async auditRows(query: Parameters<AuditQueryStore['auditRows']>[0]): Promise<AuditListRow[]> {
    const subject = query.subject;
    const rows = await this.connection().query<Record<string, unknown>>(
      `SELECT id, at, actor, action, subject_type, subject_id, before, after, request_id
         FROM audit_log
        WHERE ($1::text IS NULL OR subject_id = $1
               OR subject_id = (SELECT id::text FROM announcements WHERE reference = $1))
          AND ($2::text IS NULL OR actor = $2 OR (subject_type = 'person' AND subject_id IN ($2, $3::text)))
          AND ($4::date IS NULL OR at >= ($4::date::timestamp AT TIME ZONE $6::text))
          AND ($5::date IS NULL OR at < ($5::date::timestamp AT TIME ZONE $6::text))
        ORDER BY at DESC, id DESC LIMIT $7`,
      {
        bind: [
          subject?.kind === 'reference' ? subject.reference : null,
          subject?.kind === 'person' ? subject.slackUserId : null,
          subject?.kind === 'person' && subject.personId !== null ? String(subject.personId) : null,
          query.period?.fromDate ?? null,
          query.period?.toDate ?? null,
          query.period?.timeZone ?? 'UTC',
          query.limit,
        ],
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((row) => ({
      id: Number(row.id),
      at: new Date(row.at as string),
      actor: String(row.actor),
      action: String(row.action),
      subjectType: String(row.subject_type),
      subjectId: String(row.subject_id),
      before: row.before,
      after: row.after,
      requestId: (row.request_id as string | null) ?? null,
    }));
  }
}
