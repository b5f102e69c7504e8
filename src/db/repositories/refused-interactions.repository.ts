import type { Sequelize } from 'sequelize';
import type { RefusalRecorder } from '../../domain/supervision/store';

/**
 * Refused interactions (migration 0021) as counter rows: one per local day, reason and Slack user
 * id ('' when the request could not be trusted to say who sent it). A flood of forged requests
 * increments one row rather than adding one per request.
 */
export class RefusedInteractions implements RefusalRecorder {
  constructor(
    private readonly connection: () => Sequelize,
    private readonly timeZone: () => string,
  ) {}

  async record(reason: string, slackUserId: string | null, at = new Date()): Promise<void> {
    await this.connection().query(
      `INSERT INTO refused_interactions (day, reason, slack_user_id, count, last_at)
       VALUES (($1::timestamptz AT TIME ZONE $2::text)::date, $3, $4, 1, $1)
       ON CONFLICT (day, reason, slack_user_id)
       DO UPDATE SET count = refused_interactions.count + 1, last_at = GREATEST(refused_interactions.last_at, EXCLUDED.last_at)`,
      { bind: [at, this.timeZone(), reason.slice(0, 40), (slackUserId ?? '').slice(0, 32)] },
    );
  }
}
