import { QueryTypes, type Sequelize } from 'sequelize';
import type {
  DepartmentFindings,
  FindingRow,
  NewFinding,
  SpotCheckType,
  SpotItem,
} from '../../domain/supervision/finding-types';
import type { FindingStore } from '../../domain/supervision/store';
import type { Tx } from '../../domain/tx';
import { sqlTransaction, transactions } from './transaction';

/**
 * Spot checks in SQL: the finished items a sample is drawn from, their record summaries (metadata
 * only: never a file's bytes or a request's form), and the findings (migration 0020).
 */

/** What "finished" means per type (docs/indicators.md, spot checks). */
const FINISHED: Record<SpotCheckType, string> = {
  request: `SELECT id FROM workflow_instances
             WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL
               AND template_key <> 'announcement'
               AND ($1::int[] IS NULL OR department_id = ANY ($1))`,
  announcement: `SELECT id FROM announcements
                  WHERE status IN ('published', 'expired') AND published_at IS NOT NULL
                    AND ($1::int[] IS NULL OR department_id = ANY ($1))`,
  file: `SELECT id FROM library_files WHERE ($1::int[] IS NULL OR department_id = ANY ($1))`,
};

type SummaryRow = {
  id: number;
  reference: string;
  title: string;
  status: string;
  department_id: number | null;
  finished_at: Date | null;
  owner_name: string | null;
  facts: Array<[string, string]>;
};

const SUMMARIES: Record<SpotCheckType, string> = {
  request: `SELECT i.id, i.reference, i.template_key AS title, i.status, i.department_id,
                   i.decided_at AS finished_at, i.requester_name AS owner_name,
                   jsonb_build_array(
                     jsonb_build_array('type', i.template_key),
                     jsonb_build_array('submitted', to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
                     jsonb_build_array('revisions', i.revision::text),
                     jsonb_build_array('steps', (SELECT count(*)::text FROM workflow_tasks t WHERE t.instance_id = i.id))
                   ) AS facts
              FROM workflow_instances i WHERE i.id = ANY ($1)`,
  announcement: `SELECT a.id, a.reference, a.title, a.status, a.department_id, a.published_at AS finished_at,
                        p.name AS owner_name,
                        jsonb_build_array(
                          jsonb_build_array('category', a.category),
                          jsonb_build_array('importance', a.importance),
                          jsonb_build_array('audience', a.audience),
                          jsonb_build_array('versions', a.current_version::text),
                          jsonb_build_array('acknowledgement', CASE WHEN a.require_ack THEN 'yes' ELSE 'no' END)
                        ) AS facts
                   FROM announcements a LEFT JOIN people p ON p.id = a.author_person_id
                  WHERE a.id = ANY ($1)`,
  file: `SELECT f.id, f.reference, f.title, f.status, f.department_id, f.updated_at AS finished_at,
                p.name AS owner_name,
                jsonb_build_array(
                  jsonb_build_array('confidentiality', f.confidentiality),
                  jsonb_build_array('abstract', CASE WHEN btrim(f.abstract) <> '' THEN 'yes' ELSE 'missing' END),
                  jsonb_build_array('keywords', CASE WHEN cardinality(f.keywords) > 0 THEN array_to_string(f.keywords, ', ') ELSE 'missing' END),
                  jsonb_build_array('category', COALESCE(c.name, 'missing')),
                  jsonb_build_array('versions', (SELECT count(*)::text FROM file_versions v WHERE v.file_id = f.id))
                ) AS facts
           FROM library_files f
           LEFT JOIN people p ON p.id = f.owner_person_id
           LEFT JOIN file_categories c ON c.id = f.category_id
          WHERE f.id = ANY ($1)`,
};

type Row = Record<string, unknown>;

function findingOf(row: Row): FindingRow {
  return {
    id: Number(row.id),
    itemType: row.item_type as SpotCheckType,
    itemId: Number(row.item_id),
    itemReference: String(row.item_reference),
    seed: Number(row.seed),
    outcome: row.outcome as FindingRow['outcome'],
    status: row.status as FindingRow['status'],
    note: String(row.note ?? ''),
    departmentId: row.department_id === null ? null : Number(row.department_id),
    followUpPersonId: row.follow_up_person_id === null ? null : Number(row.follow_up_person_id),
    recordedByPersonId: Number(row.recorded_by_person_id),
    createdAt: new Date(row.created_at as string),
    closedAt: row.closed_at ? new Date(row.closed_at as string) : null,
    closedByPersonId: row.closed_by_person_id === null ? null : Number(row.closed_by_person_id),
    closingNote: (row.closing_note as string | null) ?? null,
    lastRemindedAt: row.last_reminded_at ? new Date(row.last_reminded_at as string) : null,
  };
}

export class SqlFindingStore implements FindingStore {
  constructor(private readonly connection: () => Sequelize) {}

  inTransaction = transactions.inTransaction;
  lockNamed = transactions.lockNamed;

  private select<T extends object>(sql: string, bind: unknown[], tx?: Tx): Promise<T[]> {
    return this.connection().query<T>(sql, {
      bind,
      type: QueryTypes.SELECT,
      ...(tx ? { transaction: sqlTransaction(tx) } : {}),
    });
  }

  async finishedItemIds(type: SpotCheckType, departmentIds: readonly number[] | null): Promise<number[]> {
    const rows = await this.select<{ id: number }>(`${FINISHED[type]} ORDER BY id`, [
      departmentIds ? [...departmentIds] : null,
    ]);
    return rows.map((row) => Number(row.id));
  }

  async itemSummaries(type: SpotCheckType, ids: readonly number[]): Promise<SpotItem[]> {
    if (ids.length === 0) return [];
    const rows = await this.select<SummaryRow>(SUMMARIES[type], [[...ids]]);
    return rows.map((row) => ({
      type,
      id: Number(row.id),
      reference: row.reference,
      title: row.title,
      status: row.status,
      departmentId: row.department_id === null ? null : Number(row.department_id),
      finishedAt: row.finished_at ? new Date(row.finished_at) : null,
      ownerName: row.owner_name,
      facts: row.facts,
    }));
  }

  async findVerdict(
    key: { itemType: SpotCheckType; itemId: number; seed: number; recordedByPersonId: number },
    tx: Tx,
  ): Promise<FindingRow | null> {
    const [row] = await this.select<Row>(
      `SELECT * FROM supervision_findings
        WHERE item_type = $1 AND item_id = $2 AND seed = $3 AND recorded_by_person_id = $4`,
      [key.itemType, key.itemId, key.seed, key.recordedByPersonId],
      tx,
    );
    return row ? findingOf(row) : null;
  }

  async insertFinding(row: NewFinding, tx: Tx): Promise<FindingRow> {
    const [inserted] = await this.select<Row>(
      `INSERT INTO supervision_findings (item_type, item_id, item_reference, seed, outcome, status, note,
         department_id, follow_up_person_id, recorded_by_person_id, closed_at, closed_by_person_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        row.itemType,
        row.itemId,
        row.itemReference,
        row.seed,
        row.outcome,
        row.status,
        row.note,
        row.departmentId,
        row.followUpPersonId,
        row.recordedByPersonId,
        row.closedAt,
        row.closedByPersonId,
      ],
      tx,
    );
    return findingOf(inserted!);
  }

  async lockFinding(id: number, tx: Tx): Promise<FindingRow | null> {
    const [row] = await this.select<Row>(
      'SELECT * FROM supervision_findings WHERE id = $1 FOR UPDATE',
      [id],
      tx,
    );
    return row ? findingOf(row) : null;
  }

  async closeFinding(id: number, close: { personId: number; note: string; at: Date }, tx: Tx) {
    const [row] = await this.select<Row>(
      `UPDATE supervision_findings SET status = 'closed', closed_at = $2, closed_by_person_id = $3,
              closing_note = $4 WHERE id = $1 RETURNING *`,
      [id, close.at, close.personId, close.note],
      tx,
    );
    return findingOf(row!);
  }

  async openFindings(filter: { followUpPersonId?: number; limit: number }): Promise<FindingRow[]> {
    const rows = await this.select<Row>(
      `SELECT * FROM supervision_findings
        WHERE status = 'open' AND ($1::int IS NULL OR follow_up_person_id = $1)
        ORDER BY created_at, id LIMIT $2`,
      [filter.followUpPersonId ?? null, filter.limit],
    );
    return rows.map(findingOf);
  }

  async claimReminders(at: { recordedBefore: Date; remindedBefore: Date; now: Date }): Promise<FindingRow[]> {
    const rows = await this.select<Row>(
      `UPDATE supervision_findings SET last_reminded_at = $3
        WHERE id IN (SELECT id FROM supervision_findings
                      WHERE status = 'open' AND follow_up_person_id IS NOT NULL AND created_at < $1
                        AND (last_reminded_at IS NULL OR last_reminded_at < $2)
                      ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [at.recordedBefore, at.remindedBefore, at.now],
    );
    return rows.map(findingOf);
  }

  async findingsByDepartment(from: Date, to: Date): Promise<DepartmentFindings[]> {
    const rows = await this.select<{ department_id: number | null; checked: string; problems: string }>(
      `SELECT department_id, count(*) AS checked, count(*) FILTER (WHERE outcome = 'problem') AS problems
         FROM supervision_findings WHERE created_at >= $1 AND created_at < $2
        GROUP BY department_id`,
      [from, to],
    );
    return rows.map((row) => ({
      departmentId: row.department_id === null ? null : Number(row.department_id),
      checked: Number(row.checked),
      problems: Number(row.problems),
    }));
  }
}
