import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type {
  AnnouncementRow,
  ListFilter,
  NewAnnouncement,
  PostRow,
  VersionRow,
  VisibleAnnouncementRow,
} from '../../domain/announcements/model';
import { Person } from '../models';

export type { AnnouncementRow, ListFilter, NewAnnouncement, PostRow, VersionRow };

/**
 * Announcements, their approved versions and their posted copies (migration 0007). Plain SQL:
 * the rows are small and the queries are the point. Functions taking a transaction run inside the
 * caller's change; `lockAnnouncement` is how every change starts.
 */

const db = (): Sequelize => {
  const sequelize = Person.sequelize;
  if (!sequelize) throw new Error('models are not initialised: call createSequelize() first');
  return sequelize;
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function rowOf<T>(raw: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) row[camel(key)] = value;
  return row as T;
}

async function select<T>(
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<T[]> {
  const rows = await db().query<Record<string, unknown>>(sql, {
    type: QueryTypes.SELECT,
    replacements,
    ...(transaction ? { transaction } : {}),
  });
  return rows.map((raw) => rowOf<T>(raw));
}

// --- announcements ----------------------------------------------------------------------------

/** Array columns need explicit casts: Sequelize's replacements send a JS array as a record. */
const ARRAY_CASTS: Record<string, string> = {
  audience_department_ids: 'INTEGER[]',
  channel_ids: 'VARCHAR(32)[]',
};
const valueSql = (column: string) =>
  ARRAY_CASTS[column] ? `CAST(ARRAY[:${column}]::TEXT[] AS ${ARRAY_CASTS[column]})` : `:${column}`;

function columnsOf(values: Record<string, unknown>): {
  columns: string[];
  replacements: Record<string, unknown>;
} {
  const columns: string[] = [];
  const replacements: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const column = snake(key);
    columns.push(column);
    // An empty array cannot go through ARRAY[:x]: it becomes ARRAY[NULL]; '{}' literal instead.
    replacements[column] = Array.isArray(value) ? (value.length ? value.map(String) : null) : value;
  }
  return { columns, replacements };
}

const arraySql = (column: string, replacements: Record<string, unknown>) =>
  ARRAY_CASTS[column] && replacements[column] === null
    ? `CAST('{}' AS ${ARRAY_CASTS[column]})`
    : valueSql(column);

export async function insertAnnouncement(
  values: NewAnnouncement,
  transaction: Transaction,
): Promise<AnnouncementRow> {
  const { columns, replacements } = columnsOf({ ...values });
  const [row] = await select<AnnouncementRow>(
    `INSERT INTO announcements (${columns.join(', ')})
     VALUES (${columns.map((c) => arraySql(c, replacements)).join(', ')}) RETURNING *`,
    replacements,
    transaction,
  );
  return row!;
}

export async function updateAnnouncement(
  id: number,
  changes: Partial<Omit<AnnouncementRow, 'id' | 'createdAt'>>,
  transaction: Transaction,
): Promise<void> {
  const { columns, replacements } = columnsOf({ ...changes, updatedAt: new Date() });
  await db().query(
    `UPDATE announcements SET ${columns.map((c) => `${c} = ${arraySql(c, replacements)}`).join(', ')} WHERE id = :id`,
    { replacements: { ...replacements, id }, transaction },
  );
}

export async function lockAnnouncement(
  id: number,
  transaction: Transaction,
): Promise<AnnouncementRow | null> {
  const [row] = await select<AnnouncementRow>(
    'SELECT * FROM announcements WHERE id = :id FOR UPDATE',
    { id },
    transaction,
  );
  return row ?? null;
}

export async function findAnnouncement(
  id: number,
  transaction?: Transaction,
): Promise<AnnouncementRow | null> {
  const [row] = await select<AnnouncementRow>(
    'SELECT * FROM announcements WHERE id = :id',
    { id },
    transaction,
  );
  return row ?? null;
}

export async function findAnnouncementIdByReference(
  reference: string,
  transaction?: Transaction,
): Promise<number | null> {
  const [row] = await select<{ id: number }>(
    'SELECT id FROM announcements WHERE reference = :reference',
    { reference: reference.trim().toUpperCase() },
    transaction,
  );
  return row?.id ?? null;
}

/** The announcement a review request belongs to, locked (approval publishes it). */
export async function lockAnnouncementOfReview(
  instanceId: number,
  transaction: Transaction,
): Promise<AnnouncementRow | null> {
  const [row] = await select<AnnouncementRow>(
    'SELECT * FROM announcements WHERE review_instance_id = :instanceId FOR UPDATE',
    { instanceId },
    transaction,
  );
  return row ?? null;
}

/** The announcement ids of review requests (the approval card and the resubmit button look it up). */
export async function findAnnouncementIdOfReview(instanceId: number): Promise<number | null> {
  const [row] = await select<{ id: number }>(
    'SELECT id FROM announcements WHERE review_instance_id = :instanceId',
    { instanceId },
  );
  return row?.id ?? null;
}

/**
 * Recent announcements the viewer may see: published ones for everyone, restricted ones only for
 * their audience; the viewer's own in any state; admins everything.
 */
export async function listVisibleAnnouncements(filter: ListFilter): Promise<VisibleAnnouncementRow[]> {
  return select(
    `SELECT a.*, i.status AS review_status
       FROM announcements a LEFT JOIN workflow_instances i ON i.id = a.review_instance_id
      WHERE (CAST(:category AS TEXT) IS NULL OR a.category = :category)
        AND (:admin OR a.author_person_id = :viewer
             OR (a.status = 'published'
                 AND (a.audience = 'everyone' OR CAST(:department AS INTEGER) = ANY (a.audience_department_ids))))
        AND (a.status <> 'in_review' OR i.status IS NULL OR i.status NOT IN ('withdrawn', 'cancelled') OR a.author_person_id = :viewer)
      ORDER BY COALESCE(a.published_at, a.created_at) DESC, a.id DESC
      LIMIT :limit`,
    {
      category: filter.category ?? null,
      admin: filter.viewerIsAdmin,
      viewer: filter.viewerPersonId,
      department: filter.viewerDepartmentId,
      limit: filter.limit,
    },
  );
}

/** Published items whose expiry has come (the reconciliation's safety net for lost jobs). */
export async function findExpiredPublished(now: Date, limit: number): Promise<number[]> {
  const rows = await select<{ id: number }>(
    `SELECT id FROM announcements WHERE status = 'published' AND expires_at IS NOT NULL AND expires_at <= :now
      ORDER BY expires_at LIMIT :limit`,
    { now, limit },
  );
  return rows.map((row) => row.id);
}

/** Published items with an expiry still ahead (their delayed jobs are re-added on reconciliation). */
export async function findPendingExpiries(limit: number): Promise<{ id: number; expiresAt: Date }[]> {
  return select(
    `SELECT id, expires_at FROM announcements WHERE status = 'published' AND expires_at IS NOT NULL
      ORDER BY expires_at LIMIT :limit`,
    { limit },
  );
}

// --- versions ---------------------------------------------------------------------------------

export async function insertVersion(values: VersionRow, transaction: Transaction): Promise<void> {
  const { columns, replacements } = columnsOf({ ...values });
  await db().query(
    `INSERT INTO announcement_versions (${columns.join(', ')})
     VALUES (${columns.map((c) => arraySql(c, replacements)).join(', ')})`,
    { replacements, transaction },
  );
}

/**
 * A version that may be shown: approved by its review request, which the workflow engine itself
 * records as approved and as an `announcement` review (defence in depth for the sender).
 */
export async function findApprovedVersion(
  announcementId: number,
  version: number,
  transaction?: Transaction,
): Promise<VersionRow | null> {
  const [row] = await select<VersionRow>(
    `SELECT v.* FROM announcement_versions v
       JOIN workflow_instances i ON i.id = v.workflow_instance_id
      WHERE v.announcement_id = :announcementId AND v.version = :version
        AND i.template_key = 'announcement'
        AND EXISTS (SELECT 1 FROM workflow_revisions r
                     WHERE r.instance_id = i.id AND r.revision = v.workflow_revision AND r.outcome = 'approved')`,
    { announcementId, version },
    transaction,
  );
  return row ?? null;
}

export async function listVersions(announcementId: number): Promise<VersionRow[]> {
  return select(
    'SELECT * FROM announcement_versions WHERE announcement_id = :announcementId ORDER BY version',
    { announcementId },
  );
}

// --- posted copies ----------------------------------------------------------------------------

export async function recordPost(
  post: { announcementId: number; channel: string; ts: string; target: string; versionShown: number },
  transaction?: Transaction,
): Promise<void> {
  await db().query(
    `INSERT INTO announcement_posts (announcement_id, channel, ts, target, version_shown)
     VALUES (:announcementId, :channel, :ts, :target, :versionShown)
     ON CONFLICT (announcement_id, channel) DO NOTHING`,
    { replacements: post, ...(transaction ? { transaction } : {}) },
  );
}

export async function markPosts(
  announcementId: number,
  channel: string,
  changes: { state?: PostRow['state']; versionShown?: number },
): Promise<void> {
  await db().query(
    `UPDATE announcement_posts
        SET state = COALESCE(:state, state), version_shown = COALESCE(:version, version_shown), updated_at = now()
      WHERE announcement_id = :announcementId AND channel = :channel`,
    {
      replacements: {
        announcementId,
        channel,
        state: changes.state ?? null,
        version: changes.versionShown ?? null,
      },
    },
  );
}

export async function listPosts(announcementId: number, transaction?: Transaction): Promise<PostRow[]> {
  return select(
    'SELECT * FROM announcement_posts WHERE announcement_id = :announcementId ORDER BY id',
    { announcementId },
    transaction,
  );
}
