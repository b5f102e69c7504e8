import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { BackupInvalid, writeManifest } from '../../../src/backup/manifest';
import { RestoreRefused, restoreBackup } from '../../../src/backup/restore';
import { createBackup } from '../../../src/backup/snapshot-export';
import { SqlFileStore } from '../../../src/db/repositories/file-library.repository';
import { FileLibrary } from '../../../src/domain/files/file-library.service';
import { PRIVATE_SCOPE } from '../../../src/domain/files/model';
import { PostgresContentStore } from '../../../src/storage/postgres-content-store';
import { createEmptyDatabase } from '../../support/database';
import { useForTestFile } from '../../support/per-file';
import { useWorkflowDatabase } from '../workflows-support';

/**
 * A backup restores to the same data: the example organisation, the workflow templates, a
 * library file with its bytes, the audit log, and the sequences' positions. Checked table by
 * table, row by row, against the source.
 */

const { db } = useWorkflowDatabase();
const dir = useForTestFile(
  'the backup directory',
  () => mkdtemp(join(tmpdir(), 'gongwu-backup-')),
  (path) => rm(path, { recursive: true, force: true }),
);
const targets: Array<{ drop(): Promise<void> }> = [];
afterAll(async () => {
  for (const target of targets) await target.drop();
});

async function target() {
  const database = await createEmptyDatabase('gongwu_restore');
  targets.push(database);
  return database;
}

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every row of every table, in key order, as JSON text. */
async function contents(url: string, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables)
    out[table] = (
      await query<{ line: string }>(url, `SELECT row_to_json(t)::text AS line FROM "${table}" t ORDER BY 1`)
    ).map((row) => row.line);
  return out;
}

beforeAll(async () => {
  const spool = await mkdtemp(join(tmpdir(), 'gongwu-backup-spool-'));
  const [grace] = await query<{ id: number }>(
    db.url,
    "SELECT id FROM people WHERE slack_user_id = 'U01GRACE0'",
  );
  const library = new FileLibrary({
    store: new SqlFileStore(() => db.sequelize),
    contents: new PostgresContentStore(() => db.sequelize),
    clock: () => new Date(),
    settings: {
      timeZone: 'Asia/Taipei',
      intake: { limits: { maxBytes: 5e6, allowed: ['pdf'] }, tempRoot: spool },
    },
    memberChannels: async () => new Set(),
  });
  const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_200_000)]);
  await library.upload(grace!.id, {
    title: '年度預算報告',
    abstract: '',
    keywords: '預算',
    confidentiality: 'internal',
    scope: PRIVATE_SCOPE,
    categoryId: null,
    departmentId: null,
    label: '',
    changeNote: '',
    source: { name: 'budget.pdf', open: () => Readable.from([content]) },
  });
  await rm(spool, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every table row for row, with the sequences where they were', async () => {
    const backup = await createBackup({ databaseUrl: db.url, targetDir: dir(), appVersion: 'test' });
    expect(backup.manifest.migrationLevel).toMatch(/^\d{4}-/);
    expect(backup.manifest.tables.people!.rows).toBeGreaterThan(5);
    expect(backup.manifest.tables.file_content_chunks!.rows).toBe(3);
    const restored = await target();
    const report = await restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url });
    expect(report.rows).toEqual(
      Object.fromEntries(Object.entries(backup.manifest.tables).map(([t, p]) => [t, p.rows])),
    );
    const tables = Object.keys(backup.manifest.tables);
    expect(await contents(restored.url, tables)).toEqual(await contents(db.url, tables));
    const next = "SELECT nextval('people_id_seq')::int AS id";
    const [source] = await query<{ id: number }>(db.url, next);
    const [copy] = await query<{ id: number }>(restored.url, next);
    expect(copy).toEqual(source);
    // The audit log came back with its chain intact and ending where the backup's did.
    expect(backup.manifest.auditChainHead?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.auditChain).toEqual({
      rows: backup.manifest.tables.audit_log!.rows,
      head: backup.manifest.auditChainHead!.hash,
    });
  });

  it('refuses a backup whose audit rows were rewritten along with its checksums', async () => {
    const backup = await createBackup({
      databaseUrl: db.url,
      targetDir: dir(),
      appVersion: 'test',
      now: new Date(Date.now() + 4000),
    });
    const part = backup.manifest.tables.audit_log!;
    const path = join(backup.dir, part.file);
    const lines = gunzipSync(await readFile(path))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const forged = JSON.parse(lines[1]!) as { action: string };
    forged.action = 'forged.action';
    lines[1] = JSON.stringify(forged);
    const rewritten = gzipSync(`${lines.join('\n')}\n`);
    await writeFile(path, rewritten);
    await writeManifest(backup.dir, {
      ...backup.manifest,
      tables: {
        ...backup.manifest.tables,
        audit_log: {
          ...part,
          bytes: rewritten.length,
          sha256: createHash('sha256').update(rewritten).digest('hex'),
        },
      },
    });
    const restored = await target();
    await expect(restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url })).rejects.toThrow(
      /hash chain breaks at row \d+ \(forged\.action by /,
    );
  });

  it('encrypts with BACKUP_ENCRYPTION_KEY and restores only with that key', async () => {
    const backup = await createBackup({
      databaseUrl: db.url,
      targetDir: dir(),
      appVersion: 'test',
      encryptionSecret: 'correct horse',
      now: new Date(Date.now() + 1000),
    });
    expect(backup.manifest.encryption).toMatchObject({ algorithm: 'aes-256-gcm' });
    expect(JSON.stringify(backup.manifest)).not.toContain('correct horse');
    // The parts are not readable without the key: no gzip header, no row text.
    const handle = await open(join(backup.dir, backup.manifest.tables.people!.file), 'r');
    const head = Buffer.alloc(64);
    await handle.read(head, 0, 64, 0);
    await handle.close();
    expect(head.subarray(12, 14).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
    const restored = await target();
    await expect(restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url })).rejects.toThrow(
      RestoreRefused,
    );
    await expect(
      restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url, encryptionSecret: 'wrong' }),
    ).rejects.toThrow('not the key this backup was made with');
    const report = await restoreBackup({
      backupDir: backup.dir,
      databaseUrl: restored.url,
      encryptionSecret: 'correct horse',
    });
    expect(report.rows.people).toBe(backup.manifest.tables.people!.rows);
  });

  it('refuses a backup whose part was changed, naming the part', async () => {
    const backup = await createBackup({
      databaseUrl: db.url,
      targetDir: dir(),
      appVersion: 'test',
      now: new Date(Date.now() + 2000),
    });
    const file = join(backup.dir, backup.manifest.tables.audit_log!.file);
    const handle = await open(file, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, 20);
    await handle.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, 20);
    await handle.close();
    const restored = await target();
    const error = await restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BackupInvalid);
    expect((error as Error).message).toMatch(
      /tables\/audit_log\.jsonl\.gz has SHA-256 [0-9a-f]{64}, the manifest says/,
    );
    expect(await query(restored.url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  it('refuses a database that holds tables unless forced, then replaces its contents', async () => {
    const backup = await createBackup({
      databaseUrl: db.url,
      targetDir: dir(),
      appVersion: 'test',
      now: new Date(Date.now() + 3000),
    });
    const restored = await target();
    await query(restored.url, 'CREATE TABLE precious (id int)');
    await expect(restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url })).rejects.toThrow(
      'already has 1 tables',
    );
    await restoreBackup({ backupDir: backup.dir, databaseUrl: restored.url, force: true });
    expect(await query(restored.url, "SELECT 1 FROM pg_tables WHERE tablename = 'precious'")).toEqual([]);
  });

  it('leaves no partial backup behind when it fails', async () => {
    await expect(
      createBackup({
        databaseUrl: db.url.replace(/\/[^/]+$/, '/no_such_database'),
        targetDir: dir(),
        appVersion: 'test',
      }),
    ).rejects.toThrow();
    expect((await readdir(dir())).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
