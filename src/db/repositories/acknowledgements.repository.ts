import type { Transaction } from 'sequelize';
import type { AckRecord } from '../../domain/announcements/model';
import { selectRows } from './transaction';

export type { AckRecord };

/** Acknowledgements of announcements (one row per person) and the chases of those who have not. */

const select = selectRows;

/** Records the acknowledgement once: `inserted` false (with the first time) when it existed. */
export async function insertAck(
  announcementId: number,
  personId: number,
  transaction: Transaction,
): Promise<{ inserted: boolean; ackedAt: Date }> {
  const rows = await select<{ acked_at: Date }>(
    `INSERT INTO announcement_acks (announcement_id, person_id) VALUES (:announcementId, :personId)
     ON CONFLICT DO NOTHING RETURNING acked_at`,
    { announcementId, personId },
    transaction,
  );
  if (rows[0]) return { inserted: true, ackedAt: rows[0].acked_at };
  const existing = await select<{ acked_at: Date }>(
    'SELECT acked_at FROM announcement_acks WHERE announcement_id = :announcementId AND person_id = :personId',
    { announcementId, personId },
    transaction,
  );
  return { inserted: false, ackedAt: existing[0]!.acked_at };
}

export async function countAcks(announcementId: number): Promise<number> {
  const rows = await select<{ n: string }>(
    'SELECT count(*) AS n FROM announcement_acks WHERE announcement_id = :announcementId',
    { announcementId },
  );
  return Number(rows[0]?.n ?? 0);
}

export async function listAcks(announcementId: number): Promise<AckRecord[]> {
  const rows = await select<{
    person_id: number;
    slack_user_id: string | null;
    name: string;
    acked_at: Date;
  }>(
    `SELECT a.person_id, p.slack_user_id, p.name, a.acked_at
     FROM announcement_acks a JOIN people p ON p.id = a.person_id
     WHERE a.announcement_id = :announcementId ORDER BY a.acked_at`,
    { announcementId },
  );
  return rows.map((row) => ({
    personId: row.person_id,
    slackUserId: row.slack_user_id,
    name: row.name,
    ackedAt: row.acked_at,
  }));
}

export async function hasAcked(announcementId: number, slackUserId: string): Promise<boolean> {
  const rows = await select<{ one: number }>(
    `SELECT 1 AS one FROM announcement_acks a JOIN people p ON p.id = a.person_id
     WHERE a.announcement_id = :announcementId AND p.slack_user_id = :slackUserId`,
    { announcementId, slackUserId },
  );
  return rows.length > 0;
}

export async function lastChase(
  announcementId: number,
  transaction: Transaction,
): Promise<{ round: number; at: Date } | null> {
  const rows = await select<{ round: number; at: Date }>(
    'SELECT round, at FROM announcement_chases WHERE announcement_id = :announcementId ORDER BY round DESC LIMIT 1',
    { announcementId },
    transaction,
  );
  return rows[0] ?? null;
}

export async function insertChase(
  values: { announcementId: number; round: number; chasedByPersonId: number; recipients: number },
  transaction: Transaction,
): Promise<Date> {
  const rows = await select<{ at: Date }>(
    `INSERT INTO announcement_chases (announcement_id, round, chased_by_person_id, recipients)
     VALUES (:announcementId, :round, :chasedByPersonId, :recipients) RETURNING at`,
    values,
    transaction,
  );
  return rows[0]!.at;
}
