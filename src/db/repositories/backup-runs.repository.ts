import { QueryTypes, type Sequelize, UniqueConstraintError } from 'sequelize';

/** Backups and drills as they ran (migration 0015). */

export interface BackupRun {
  id: number;
  kind: 'backup' | 'drill';
  slot: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: 'running' | 'succeeded' | 'failed';
  backupName: string | null;
  details: Record<string, unknown>;
  error: string | null;
}

const COLUMNS = `id, kind, slot, started_at AS "startedAt", finished_at AS "finishedAt", status,
  backup_name AS "backupName", details, error`;

export class BackupRuns {
  constructor(private readonly sequelize: Sequelize) {}

  /**
   * Starts a run; for a scheduled one, null when its slot already has a run that succeeded or is
   * still going (another replica took it). A run left 'running' longer than `staleAfterMs` died
   * with its process and is marked failed first, so the slot can be run again.
   */
  async start(kind: BackupRun['kind'], slot: string | null, staleAfterMs: number): Promise<BackupRun | null> {
    await this.sequelize.query(
      `UPDATE backup_runs SET status = 'failed', finished_at = now(), error = 'abandoned: its process stopped'
       WHERE status = 'running' AND started_at < now() - make_interval(secs => $1)`,
      { bind: [staleAfterMs / 1000] },
    );
    try {
      const [row] = await this.sequelize.query<BackupRun>(
        `INSERT INTO backup_runs (kind, slot) VALUES ($1, $2) RETURNING ${COLUMNS}`,
        { bind: [kind, slot], type: QueryTypes.SELECT },
      );
      return row!;
    } catch (error) {
      if (error instanceof UniqueConstraintError) return null;
      throw error;
    }
  }

  async finish(
    id: number,
    outcome: { status: 'succeeded' | 'failed'; backupName?: string | null; details?: object; error?: string },
  ): Promise<void> {
    await this.sequelize.query(
      `UPDATE backup_runs SET status = $2, finished_at = now(), backup_name = COALESCE($3, backup_name),
         details = $4::jsonb, error = $5 WHERE id = $1`,
      {
        bind: [
          id,
          outcome.status,
          outcome.backupName ?? null,
          JSON.stringify(outcome.details ?? {}),
          outcome.error ?? null,
        ],
      },
    );
  }

  async latest(kind: BackupRun['kind'], status?: BackupRun['status']): Promise<BackupRun | null> {
    const [row] = await this.sequelize.query<BackupRun>(
      `SELECT ${COLUMNS} FROM backup_runs WHERE kind = $1 AND ($2::varchar IS NULL OR status = $2)
       ORDER BY started_at DESC, id DESC LIMIT 1`,
      { bind: [kind, status ?? null], type: QueryTypes.SELECT },
    );
    return row ?? null;
  }

  /** Failed runs of a slot (a scheduled run gives up after a few). */
  async failures(kind: BackupRun['kind'], slot: string): Promise<number> {
    const [row] = await this.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM backup_runs WHERE kind = $1 AND slot = $2 AND status = 'failed'",
      { bind: [kind, slot], type: QueryTypes.SELECT },
    );
    return Number(row!.n);
  }
}
