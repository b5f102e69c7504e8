import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * Checks the audit log's hash chain (migration 0017) in the database: each row's stored hash
 * against the digest of its content and the previous row's stored hash. A changed row breaks at
 * itself; a removed or inserted row breaks at the next one.
 */
export interface ChainCheck {
  rows: number;
  /** The newest row and its hash (hex): what a backup records to check a restore against. */
  head: { id: string; hash: string } | null;
  /** The first row whose hash does not match, or null when the chain holds. */
  firstBroken: { id: string; actor: string; action: string; at: Date } | null;
}

export async function verifyAuditChain(sequelize: Sequelize): Promise<ChainCheck> {
  // The head is ordered by the numeric id (an id::text alias would sort '8' after '38').
  const [summary] = await sequelize.query<{ rows: string; head_id: string | null; head_hash: string | null }>(
    `SELECT (SELECT count(*) FROM audit_log) AS rows, head.id::text AS head_id, encode(head.hash, 'hex') AS head_hash
     FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT a.id, a.hash FROM audit_log a ORDER BY a.id DESC LIMIT 1) head ON TRUE`,
    { type: QueryTypes.SELECT },
  );
  const [broken] = await sequelize.query<{ id: string; actor: string; action: string; at: Date }>(
    `SELECT x.id::text AS id, x.actor, x.action, x.at FROM (
       SELECT a.id, a.actor, a.action, a.at, a.hash,
              audit_row_digest(lag(a.hash) OVER (ORDER BY a.id), a) AS expected
       FROM audit_log a) x
     WHERE x.hash IS DISTINCT FROM x.expected ORDER BY x.id LIMIT 1`,
    { type: QueryTypes.SELECT },
  );
  return {
    rows: Number(summary!.rows),
    head: summary!.head_id ? { id: summary!.head_id, hash: summary!.head_hash! } : null,
    firstBroken: broken ?? null,
  };
}
