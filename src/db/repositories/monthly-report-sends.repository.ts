import { QueryTypes, type Sequelize } from 'sequelize';
import type { MonthlyRecipient, MonthlyReportSends } from '../../domain/supervision/store';

/** Who got which month's report (migration 0021): a recipient is claimed before the send. */
export class SqlMonthlyReportSends implements MonthlyReportSends {
  constructor(private readonly connection: () => Sequelize) {}

  recipients(): Promise<MonthlyRecipient[]> {
    return this.connection().query<MonthlyRecipient>(
      `SELECT pe.id AS "personId", pe.slack_user_id AS "slackUserId" FROM people pe
       WHERE pe.status = 'active' AND pe.slack_user_id IS NOT NULL
         AND (pe.roles && ARRAY['admin', 'supervisor']::varchar(16)[]
              OR EXISTS (SELECT 1 FROM departments d WHERE d.head_person_id = pe.id))
       ORDER BY pe.id`,
      { type: QueryTypes.SELECT },
    );
  }

  async holidays(from: string, to: string): Promise<Set<string>> {
    const rows = await this.connection().query<{ date: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays WHERE date BETWEEN $1::date AND $2::date`,
      { bind: [from, to], type: QueryTypes.SELECT },
    );
    return new Set(rows.map((row) => row.date));
  }

  async claim(month: string, recipient: MonthlyRecipient): Promise<boolean> {
    const rows = await this.connection().query(
      `INSERT INTO monthly_report_sends (month, recipient_person_id) VALUES ($1, $2)
       ON CONFLICT (month, recipient_person_id) DO UPDATE SET claimed_at = now()
         -- A claim whose process died before sending is taken over after a quarter of an hour.
         WHERE monthly_report_sends.sent_at IS NULL AND monthly_report_sends.claimed_at < now() - interval '15 minutes'
       RETURNING month`,
      { bind: [month, recipient.personId], type: QueryTypes.SELECT },
    );
    return rows.length === 1;
  }

  async markSent(month: string, recipient: MonthlyRecipient): Promise<void> {
    await this.connection().query(
      'UPDATE monthly_report_sends SET sent_at = now() WHERE month = $1 AND recipient_person_id = $2',
      { bind: [month, recipient.personId] },
    );
  }

  async release(month: string, recipient: MonthlyRecipient): Promise<void> {
    await this.connection().query(
      'DELETE FROM monthly_report_sends WHERE month = $1 AND recipient_person_id = $2 AND sent_at IS NULL',
      { bind: [month, recipient.personId] },
    );
  }
}
