import { QueryTypes, type Sequelize } from 'sequelize';
import type { FileScope } from '../../domain/files/model';
import { NEW_VERSION_PURPOSE, type NewVersionNotice } from '../../domain/files/notice-types';
import type {
  AuditEntry,
  FileCategory,
  FileChanges,
  FileDepartment,
  FilePerson,
  FileSearch,
  FileStore,
  NewFile,
  NewVersion,
  StoredFile,
  StoredVersion,
  VersionStatus,
} from '../../domain/files/store';
import type { Tx } from '../../domain/tx';
import { currentRequestId } from '../../logger';
import { insertAuditRows } from './audit.repository';
import { insertFanoutItems } from './fanout.repository';
import { asTx, sqlTransactionOrNone } from './transaction';

/**
 * The file library's tables (migration 0014) in plain SQL. The domain holds transactions as
 * opaque `Tx` handles; this is where they are Sequelize transactions again.
 */

const FILE_COLUMNS = `
  f.id, f.reference, f.title, f.abstract, f.keywords, f.category_id, f.department_id, f.owner_person_id,
  f.confidentiality, f.status, f.scope_everyone, f.scope_department_ids, f.scope_include_sub,
  f.scope_person_ids, f.scope_channel_ids, f.workflow_instance_id, f.created_at, f.updated_at, f.withdrawn_at`;

interface FileRow {
  id: number;
  reference: string;
  title: string;
  abstract: string;
  keywords: string[];
  category_id: number | null;
  department_id: number | null;
  owner_person_id: number;
  confidentiality: StoredFile['confidentiality'];
  status: StoredFile['status'];
  scope_everyone: boolean;
  scope_department_ids: number[];
  scope_include_sub: boolean;
  scope_person_ids: number[];
  scope_channel_ids: string[];
  workflow_instance_id: number | null;
  created_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
}

const fileOf = (row: FileRow): StoredFile => ({
  id: row.id,
  reference: row.reference,
  title: row.title,
  abstract: row.abstract,
  keywords: row.keywords,
  categoryId: row.category_id,
  departmentId: row.department_id,
  ownerPersonId: row.owner_person_id,
  confidentiality: row.confidentiality,
  status: row.status,
  scope: {
    everyone: row.scope_everyone,
    departmentIds: row.scope_department_ids,
    includeSubDepartments: row.scope_include_sub,
    personIds: row.scope_person_ids,
    channelIds: row.scope_channel_ids,
  },
  workflowInstanceId: row.workflow_instance_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  withdrawnAt: row.withdrawn_at,
});

const CATEGORY_COLUMNS = 'id, key, parent_id AS "parentId", name, important';

const VERSION_COLUMNS = `
  id, file_id AS "fileId", label, change_note AS "changeNote", original_name AS "originalName", kind,
  size_bytes::float8 AS "sizeBytes", sha256, storage_backend AS "storageBackend", content_key AS "contentKey",
  uploaded_by_person_id AS "uploadedByPersonId", status, review_instance_id AS "reviewInstanceId",
  created_at AS "createdAt", purged_at AS "purgedAt", purge_reason AS "purgeReason"`;

const scopeColumns = (scope: FileScope) => ({
  scope_everyone: scope.everyone,
  scope_department_ids: [...scope.departmentIds],
  scope_include_sub: scope.includeSubDepartments,
  scope_person_ids: [...scope.personIds],
  scope_channel_ids: [...scope.channelIds],
});

export class SqlFileStore implements FileStore {
  /** The database is read when used: the stores are built before the models are bound. */
  constructor(private readonly database: () => Sequelize) {}

  private get sequelize(): Sequelize {
    return this.database();
  }

  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.sequelize.transaction((transaction) => work(asTx(transaction)));
  }

  private select<T extends object>(sql: string, bind: unknown[], tx?: Tx): Promise<T[]> {
    return this.sequelize.query<T>(sql, {
      bind,
      type: QueryTypes.SELECT,
      transaction: sqlTransactionOrNone(tx),
    });
  }

  async nextReference(year: number, tx: Tx): Promise<string> {
    const [row] = await this.select<{ value: number }>(
      `INSERT INTO reference_counters (scope, year, value) VALUES ('doc:FILE', $1, 1)
       ON CONFLICT (scope, year) DO UPDATE SET value = reference_counters.value + 1
       RETURNING value`,
      [year],
      tx,
    );
    return `FILE-${year}-${String(row!.value).padStart(4, '0')}`;
  }

  async person(id: number, tx?: Tx): Promise<FilePerson | null> {
    const [row] = await this.select<FilePerson>(
      `SELECT id, slack_user_id AS "slackUserId", name AS "displayName", roles, status, department_id AS "departmentId"
       FROM people WHERE id = $1`,
      [id],
      tx,
    );
    return row ?? null;
  }

  async departmentFacts(departmentId: number | null, readerDepartmentId: number | null, tx?: Tx) {
    const [row] = await this.select<{ head_ids: number[]; reader_line: number[]; exists: boolean }>(
      `WITH RECURSIVE line(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM departments WHERE id = $2
         UNION ALL
         SELECT d.id, d.parent_id, line.depth + 1 FROM departments d JOIN line ON d.id = line.parent_id
         WHERE line.depth < 50
       )
       SELECT ARRAY(SELECT head_person_id FROM departments WHERE id = $1 AND head_person_id IS NOT NULL) AS head_ids,
              ARRAY(SELECT id FROM line ORDER BY depth) AS reader_line,
              EXISTS (SELECT 1 FROM departments WHERE id = $1) AS exists`,
      [departmentId, readerDepartmentId],
      tx,
    );
    return { headIds: row!.head_ids, readerLine: row!.reader_line, departmentExists: row!.exists };
  }

  async category(id: number, tx?: Tx): Promise<FileCategory | null> {
    const [row] = await this.select<FileCategory>(
      `SELECT ${CATEGORY_COLUMNS} FROM file_categories WHERE id = $1`,
      [id],
      tx,
    );
    return row ?? null;
  }

  categories(): Promise<FileCategory[]> {
    return this.select<FileCategory>(
      `SELECT ${CATEGORY_COLUMNS} FROM file_categories ORDER BY position, id`,
      [],
    );
  }

  async addCategory(category: Omit<FileCategory, 'id'>, tx: Tx): Promise<FileCategory> {
    const [row] = await this.select<FileCategory>(
      `INSERT INTO file_categories (key, parent_id, name, important,
         position) VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM file_categories))
       RETURNING ${CATEGORY_COLUMNS}`,
      [category.key, category.parentId, category.name, category.important],
      tx,
    );
    return row!;
  }

  async removeCategory(id: number, tx: Tx): Promise<void> {
    await this.select('DELETE FROM file_categories WHERE id = $1 RETURNING id', [id], tx);
  }

  departments(): Promise<FileDepartment[]> {
    return this.select<FileDepartment>(
      `SELECT id, key, name, name_zh AS "nameZh", parent_id AS "parentId" FROM departments ORDER BY name, id`,
      [],
    );
  }

  async insertFile(file: NewFile, tx: Tx): Promise<StoredFile> {
    const scope = scopeColumns(file.scope);
    const [row] = await this.select<FileRow>(
      `INSERT INTO library_files AS f (reference, title, abstract, keywords, category_id, department_id,
         owner_person_id, confidentiality, scope_everyone, scope_department_ids, scope_include_sub,
         scope_person_ids, scope_channel_ids, workflow_instance_id, search_grams, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING ${FILE_COLUMNS}`,
      [
        file.reference,
        file.title,
        file.abstract,
        file.keywords,
        file.categoryId,
        file.departmentId,
        file.ownerPersonId,
        file.confidentiality,
        scope.scope_everyone,
        scope.scope_department_ids,
        scope.scope_include_sub,
        scope.scope_person_ids,
        scope.scope_channel_ids,
        file.workflowInstanceId,
        file.searchGrams,
        file.searchText,
      ],
      tx,
    );
    return fileOf(row!);
  }

  async lockFile(reference: string, tx: Tx): Promise<StoredFile | null> {
    const [row] = await this.select<FileRow>(
      `SELECT ${FILE_COLUMNS} FROM library_files f WHERE f.reference = $1 FOR UPDATE`,
      [reference],
      tx,
    );
    return row ? fileOf(row) : null;
  }

  async file(reference: string): Promise<StoredFile | null> {
    const [row] = await this.select<FileRow>(
      `SELECT ${FILE_COLUMNS} FROM library_files f WHERE f.reference = $1`,
      [reference],
    );
    return row ? fileOf(row) : null;
  }

  async fileById(id: number): Promise<StoredFile | null> {
    const [row] = await this.select<FileRow>(`SELECT ${FILE_COLUMNS} FROM library_files f WHERE f.id = $1`, [
      id,
    ]);
    return row ? fileOf(row) : null;
  }

  async updateFile(id: number, changes: FileChanges, tx: Tx): Promise<StoredFile> {
    const columns: Record<string, unknown> = {
      title: changes.title,
      abstract: changes.abstract,
      keywords: changes.keywords,
      category_id: changes.categoryId,
      department_id: changes.departmentId,
      confidentiality: changes.confidentiality,
      search_grams: changes.searchGrams,
      search_text: changes.searchText,
      status: changes.status,
      withdrawn_by_person_id: changes.withdrawnByPersonId,
      ...(changes.scope ? scopeColumns(changes.scope) : {}),
    };
    const set = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = set.map(([column], i) => `${column} = $${i + 2}`);
    if (changes.status === 'withdrawn') assignments.push('withdrawn_at = now()');
    const [row] = await this.select<FileRow>(
      `UPDATE library_files f SET ${[...assignments, 'updated_at = now()'].join(', ')}
       WHERE f.id = $1 RETURNING ${FILE_COLUMNS}`,
      [id, ...set.map(([, value]) => value)],
      tx,
    );
    return fileOf(row!);
  }

  async insertVersion(version: NewVersion, tx: Tx): Promise<StoredVersion> {
    const [row] = await this.select<StoredVersion>(
      `INSERT INTO file_versions (file_id, label, change_note, original_name, kind, size_bytes, sha256,
         storage_backend, content_key, uploaded_by_person_id, status, review_instance_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${VERSION_COLUMNS}`,
      [
        version.fileId,
        version.label,
        version.changeNote,
        version.originalName,
        version.kind,
        version.sizeBytes,
        version.sha256,
        version.storageBackend,
        version.contentKey,
        version.uploadedByPersonId,
        version.status,
        version.reviewInstanceId,
      ],
      tx,
    );
    return row!;
  }

  versions(fileId: number, tx?: Tx): Promise<StoredVersion[]> {
    return this.select<StoredVersion>(
      `SELECT ${VERSION_COLUMNS} FROM file_versions WHERE file_id = $1 ORDER BY id`,
      [fileId],
      tx,
    );
  }

  async supersedeCurrent(fileId: number, tx: Tx): Promise<void> {
    await this.select(
      "UPDATE file_versions SET status = 'superseded' WHERE file_id = $1 AND status = 'current' RETURNING id",
      [fileId],
      tx,
    );
  }

  async markPurged(versionId: number, byPersonId: number, reason: string, tx: Tx): Promise<void> {
    await this.select(
      `UPDATE file_versions SET purged_at = now(), purged_by_person_id = $2, purge_reason = $3
       WHERE id = $1 RETURNING id`,
      [versionId, byPersonId, reason],
      tx,
    );
  }

  async recordDownload(
    entry: { fileId: number; versionId: number; personId: number },
    tx: Tx,
  ): Promise<void> {
    await this.select(
      'INSERT INTO file_downloads (file_id, version_id, person_id) VALUES ($1, $2, $3) RETURNING id',
      [entry.fileId, entry.versionId, entry.personId],
      tx,
    );
  }

  async earlierDownloaders(fileId: number, tx: Tx): Promise<number[]> {
    const rows = await this.select<{ person_id: number }>(
      `SELECT DISTINCT d.person_id FROM file_downloads d JOIN file_versions v ON v.id = d.version_id
       WHERE d.file_id = $1 AND v.status = 'superseded'`,
      [fileId],
      tx,
    );
    return rows.map((row) => row.person_id);
  }

  async setVersionStatus(versionId: number, status: VersionStatus, tx: Tx): Promise<void> {
    await this.select(
      'UPDATE file_versions SET status = $2 WHERE id = $1 RETURNING id',
      [versionId, status],
      tx,
    );
  }

  async versionOfReview(
    instanceId: number,
    tx: Tx,
  ): Promise<{ file: StoredFile; version: StoredVersion } | null> {
    const [found] = await this.select<{ file_id: number }>(
      'SELECT file_id FROM file_versions WHERE review_instance_id = $1',
      [instanceId],
      tx,
    );
    if (!found) return null;
    // The file first, as every other change of the file locks it (one lock order, no deadlock).
    const [file] = await this.select<FileRow>(
      `SELECT ${FILE_COLUMNS} FROM library_files f WHERE f.id = $1 FOR UPDATE`,
      [found.file_id],
      tx,
    );
    const [version] = await this.select<StoredVersion>(
      `SELECT ${VERSION_COLUMNS} FROM file_versions WHERE review_instance_id = $1 FOR UPDATE`,
      [instanceId],
      tx,
    );
    return file && version ? { file: fileOf(file), version } : null;
  }

  async pendingVersion(
    fileId: number,
    tx: Tx,
  ): Promise<{ version: StoredVersion; reviewStatus: string | null } | null> {
    const [row] = await this.select<StoredVersion & { reviewStatus: string | null }>(
      `SELECT ${VERSION_COLUMNS}, (SELECT i.status FROM workflow_instances i WHERE i.id = review_instance_id)
         AS "reviewStatus"
       FROM file_versions WHERE file_id = $1 AND status = 'in_review' ORDER BY id DESC LIMIT 1`,
      [fileId],
      tx,
    );
    if (!row) return null;
    const { reviewStatus, ...version } = row;
    return { version, reviewStatus };
  }

  async isReviewer(instanceId: number, personId: number, tx?: Tx): Promise<boolean> {
    const [row] = await this.select<{ yes: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM workflow_tasks
         WHERE instance_id = $1 AND (assignee_person_id = $2 OR on_behalf_of_person_id = $2)) AS yes`,
      [instanceId, personId],
      tx,
    );
    return row?.yes === true;
  }

  /** One fan-out item per person and version: a retried approval never sends twice. */
  queueNewVersionNotices(notices: readonly NewVersionNotice[], tx: Tx): Promise<number> {
    return insertFanoutItems(
      notices.map((notice) => ({
        itemKey: `file-${notice.fileId}-v${notice.versionId}-notice-${notice.personId}`,
        batchKey: `file-${notice.fileId}-v${notice.versionId}-notices`,
        purpose: NEW_VERSION_PURPOSE,
        method: 'post' as const,
        channel: notice.slackUserId,
        subject: { fileId: notice.fileId, versionId: notice.versionId, personId: notice.personId },
      })),
      sqlTransactionOrNone(tx),
    );
  }

  async audit(entries: readonly AuditEntry[], tx: Tx): Promise<void> {
    const requestId = currentRequestId();
    await insertAuditRows(
      entries.map((entry) => ({ ...entry, requestId })),
      sqlTransactionOrNone(tx)!,
    );
  }

  async search(query: FileSearch): Promise<{ files: StoredFile[]; total: number }> {
    const { reader } = query;
    const bind: unknown[] = [];
    const param = (value: unknown) => {
      bind.push(value);
      return `$${bind.length}`;
    };
    const where = [readableBy(reader, query, param)];
    for (const term of query.terms) {
      where.push(`f.search_grams @> ${param(term.grams)}::text[]`);
      where.push(`strpos(f.search_text, ${param(term.text)}) > 0`);
    }
    if (query.categoryIds?.length)
      where.push(`f.category_id = ANY (${param([...query.categoryIds])}::int[])`);
    if (query.departmentId !== undefined) where.push(`f.department_id = ${param(query.departmentId)}`);
    if (query.kinds?.length)
      where.push(
        `EXISTS (SELECT 1 FROM file_versions v WHERE v.file_id = f.id AND v.status = 'current' AND v.kind = ANY (${param([...query.kinds])}::varchar[]))`,
      );
    if (query.from) where.push(`f.updated_at >= ${param(query.from)}`);
    if (query.to) where.push(`f.updated_at < ${param(query.to)}`);
    // Title matches first, then keywords, then the rest; newest first among equals.
    const rank = query.terms.length
      ? query.terms
          .map((term) => {
            const text = param(term.text);
            return `(CASE WHEN strpos(lower(f.title), ${text}) > 0 THEN 4 ELSE 0 END
                   + CASE WHEN strpos(lower(array_to_string(f.keywords, ' ')), ${text}) > 0 THEN 2 ELSE 0 END)`;
          })
          .join(' + ')
      : // No words (the Home's recent files, filters only): newest first. A bare 0 would be read
        // by PostgreSQL as a column position.
        'NULL::int';
    const rows = await this.select<FileRow & { total: string }>(
      `SELECT ${FILE_COLUMNS}, count(*) OVER () AS total FROM library_files f
       WHERE ${where.join(' AND ')}
       ORDER BY ${rank} DESC, f.updated_at DESC, f.id DESC
       LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      bind,
    );
    return { files: rows.map(fileOf), total: rows.length ? Number(rows[0]!.total) : 0 };
  }
}

/**
 * What `fileAccess` (domain/files/access.ts) allows, as SQL: the owner, the owning department's
 * head and admins see everything of theirs; others see active files whose scope includes them
 * (guests by name only). Request attachments only by their requester and admins. A test checks the two agree for every reader and kind of scope.
 */
function readableBy(reader: FilePerson, query: FileSearch, param: (value: unknown) => string): string {
  if (reader.roles.includes('admin')) return 'TRUE';
  const me = param(reader.id);
  const inScope = [`${me} = ANY (f.scope_person_ids)`];
  if (!reader.roles.includes('guest')) {
    const ownDepartment = reader.departmentId === null ? [] : [reader.departmentId];
    inScope.push(
      'f.scope_everyone',
      `(f.scope_include_sub AND f.scope_department_ids && ${param([...query.readerDepartmentLine])}::int[])`,
      `(NOT f.scope_include_sub AND f.scope_department_ids && ${param(ownDepartment)}::int[])`,
      `f.scope_channel_ids && ${param([...query.readerChannelIds])}::varchar[]`,
    );
  }
  // A request's attachment is found by its requester (and admins) only: its other readers, the
  // request's viewers, open it from the request (access.ts decides that at download).
  return `(f.owner_person_id = ${me}
    OR (f.workflow_instance_id IS NULL AND (
      EXISTS (SELECT 1 FROM departments d WHERE d.id = f.department_id AND d.head_person_id = ${me})
      OR (f.status = 'active' AND (${inScope.join(' OR ')})))))`;
}
