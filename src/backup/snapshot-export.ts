import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { BACKUP_FORMAT, BACKUP_METHOD, type BackupManifest, writeManifest } from './manifest';
import { type ContentObjects, writeObjectsPart } from './object-part';
import { type BackupKey, deriveKey, writePart } from './part-codec';

/**
 * A backup of the whole database: every table of the public schema read in ONE snapshot
 * (REPEATABLE READ, read only), so rows written while it runs are either all in or all out,
 * and the sequences' positions. Written into `<dir>.partial` and renamed when the manifest is
 * complete, so a crashed backup never looks like a finished one.
 */

export interface BackupOptions {
  /** The database, as its owner (the role that runs migrations). */
  databaseUrl: string;
  /** Where backups go; this one becomes `<targetDir>/<name>`. */
  targetDir: string;
  /** BACKUP_ENCRYPTION_KEY, when set. */
  encryptionSecret?: string;
  appVersion: string;
  now?: Date;
  /** The file store, when file contents live in S3: every object goes into the backup too. */
  contents?: ContentObjects;
}

export interface BackupResult {
  dir: string;
  name: string;
  manifest: BackupManifest;
}

const FETCH_ROWS = 2000;
/** The migrations' own bookkeeping is recreated by the migrations. */
const SKIPPED_TABLES = new Set(['schema_migrations']);

/** Two backups in one second (a manual one next to the scheduled one) get `-2`, `-3`… */
async function freeName(targetDir: string, name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    const taken = await Promise.any([
      access(join(targetDir, candidate)),
      access(join(targetDir, `${candidate}.partial`)),
    ]).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

export const backupName = (at: Date) =>
  `gongwu-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const at = options.now ?? new Date();
  const name = await freeName(options.targetDir, backupName(at));
  const dir = join(options.targetDir, name);
  const partial = `${dir}.partial`;
  await mkdir(join(partial, 'tables'), { recursive: true, mode: 0o700 });
  const key = options.encryptionSecret ? deriveKey(options.encryptionSecret) : null;
  const client = new Client({ connectionString: options.databaseUrl });
  try {
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const manifest = await exportSnapshot(client, partial, key, { at, appVersion: options.appVersion });
    await client.query('COMMIT');
    if (options.contents) {
      const file = `objects/file-contents.jsonl.gz${key ? '.enc' : ''}`;
      await mkdir(join(partial, 'objects'), { mode: 0o700 });
      manifest.objects = { file, ...(await writeObjectsPart(join(partial, file), options.contents, key)) };
    }
    await writeManifest(partial, manifest);
    await rename(partial, dir);
    return { dir, name, manifest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function exportSnapshot(
  client: Client,
  dir: string,
  key: BackupKey | null,
  facts: { at: Date; appVersion: string },
): Promise<BackupManifest> {
  const { rows: tables } = await client.query<{ name: string; key: string | null }>(
    `SELECT c.relname AS name,
            (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
               FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
              WHERE i.indrelid = c.oid AND i.indisprimary) AS key
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    method: BACKUP_METHOD,
    createdAt: facts.at.toISOString(),
    appVersion: facts.appVersion,
    migrationLevel: await migrationLevel(client),
    serverVersion: (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v"))
      .rows[0]!.v,
    tables: {},
    sequences: {},
    auditChainHead: await auditChainHead(client),
    compression: 'gzip',
    encryption: key ? { algorithm: 'aes-256-gcm', keyFingerprint: key.fingerprint, salt: key.salt } : null,
  };
  for (const table of tables) {
    if (SKIPPED_TABLES.has(table.name)) continue;
    let rows = 0;
    const file = `tables/${table.name}.jsonl.gz${key ? '.enc' : ''}`;
    const written = await writePart(
      join(dir, file),
      tableLines(client, table.name, table.key, () => (rows += 1)),
      key,
    );
    manifest.tables[table.name] = { file, rows, ...written };
  }
  const { rows: sequences } = await client.query<{ name: string }>(
    "SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
  );
  for (const { name } of sequences) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM public.${quoteIdent(name)}`,
    );
    manifest.sequences[name] = { lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called };
  }
  return manifest;
}

/** One JSON line per row, in primary-key order, read through a cursor in the snapshot. */
async function* tableLines(
  client: Client,
  table: string,
  key: string | null,
  counted: () => void,
): AsyncGenerator<string> {
  const cursor = `backup_${table}`;
  await client.query(
    `DECLARE ${quoteIdent(cursor)} NO SCROLL CURSOR FOR
     SELECT row_to_json(t)::text AS line FROM public.${quoteIdent(table)} t ${key ? `ORDER BY ${key}` : ''}`,
  );
  try {
    for (;;) {
      const { rows } = await client.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM ${quoteIdent(cursor)}`);
      if (rows.length === 0) return;
      for (const row of rows) {
        counted();
        yield `${row.line}\n`;
      }
    }
  } finally {
    await client.query(`CLOSE ${quoteIdent(cursor)}`);
  }
}

async function auditChainHead(client: Client): Promise<{ id: string; hash: string } | null> {
  const { rows } = await client.query<{ id: string; hash: string }>(
    "SELECT a.id::text AS id, encode(a.hash, 'hex') AS hash FROM audit_log a ORDER BY a.id DESC LIMIT 1",
  );
  return rows[0] ?? null;
}

async function migrationLevel(client: Client): Promise<string> {
  const { rows } = await client.query<{ name: string }>(
    'SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1',
  );
  if (!rows[0]) throw new Error('the database has no migrations applied: nothing to back up');
  return rows[0].name;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
