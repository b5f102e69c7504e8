import { join } from 'node:path';
import { Client } from 'pg';
import type { Sequelize } from 'sequelize';
import { createMigrator } from '../db/migrator';
import { verifyAuditChain } from '../db/repositories/audit-chain.repository';
import { openSequelize } from '../db/sequelize';
import { BackupInvalid, type BackupManifest, readManifest } from './manifest';
import { type ContentObjects, restoreObjectsPart } from './object-part';
import { type BackupKey, deriveKey, readPartLines, verifyPart } from './part-codec';
import { quoteIdent } from './snapshot-export';

/**
 * Restore: check the backup (manifest, every part's size and SHA-256, the key's fingerprint),
 * recreate the schema with the migrations up to the backup's level, load every table in one
 * transaction, set the sequences, check the row counts against the manifest, then run the
 * migrations that came after the backup. A database that already holds tables is refused
 * unless `force`, which empties it first.
 *
 * Foreign keys: rows are loaded table by table, and some tables point at each other (people and
 * departments). The load makes every foreign key DEFERRABLE for its transaction, so they are
 * checked once, at commit, and puts each back as it was afterwards.
 */

export interface RestoreOptions {
  backupDir: string;
  /** The target database, as its owner. */
  databaseUrl: string;
  encryptionSecret?: string;
  force?: boolean;
  /** Runs migrations newer than the backup after the load (the default). */
  migrateAfter?: boolean;
  /**
   * Where the backup's file objects (contents kept in S3) go back to; without it they are read
   * and checked only (a drill must not write into the live file store).
   */
  contents?: Pick<ContentObjects, 'put'>;
}

export interface RestoreReport {
  manifest: BackupManifest;
  rows: Record<string, number>;
  /** The restored audit log's chain: intact, and ending at the backup's head. */
  auditChain: { rows: number; head: string | null };
  /** The file objects the backup held (checked), and how many were put back. */
  objects: { count: number; totalBytes: number; restored: number } | null;
  migratedAfter: string[];
  durationMs: number;
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

const LOAD_ROWS = 500;

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const started = Date.now();
  const manifest = await readManifest(options.backupDir);
  const key = keyFor(manifest, options.encryptionSecret);
  for (const part of [...Object.values(manifest.tables), ...(manifest.objects ? [manifest.objects] : [])]) {
    const problem = await verifyPart(join(options.backupDir, part.file), part);
    if (problem) throw new BackupInvalid(problem);
  }
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await prepareTarget(client, options.force ?? false);
    // A connection of its own that binds no models: a drill runs inside the app, whose models must
    // stay on the live database.
    const sequelize = openSequelize(options.databaseUrl);
    try {
      await createMigrator(sequelize).up({ to: manifest.migrationLevel });
      await loadTables(client, manifest, options.backupDir, key);
      const rows = await countRows(client, manifest);
      const auditChain = await checkAuditChain(sequelize, manifest);
      const objects = manifest.objects
        ? await restoreObjectsPart(
            join(options.backupDir, manifest.objects.file),
            key,
            options.contents ?? null,
          )
        : null;
      if (objects && objects.count !== manifest.objects!.count)
        throw new BackupInvalid(
          `the backup's file objects part holds ${objects.count} objects, the manifest says ${manifest.objects!.count}`,
        );
      const migratedAfter = options.migrateAfter === false ? [] : await migrateRest(sequelize);
      return { manifest, rows, auditChain, objects, migratedAfter, durationMs: Date.now() - started };
    } finally {
      await sequelize.close();
    }
  } finally {
    await client.end();
  }
}

function keyFor(manifest: BackupManifest, secret: string | undefined): BackupKey | null {
  if (!manifest.encryption) return null;
  if (!secret)
    throw new RestoreRefused(
      'the backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with',
    );
  const key = deriveKey(secret, manifest.encryption.salt);
  if (key.fingerprint !== manifest.encryption.keyFingerprint)
    throw new RestoreRefused('BACKUP_ENCRYPTION_KEY is not the key this backup was made with');
  return key;
}

async function prepareTarget(client: Client, force: boolean): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
  );
  if (rows[0]!.n === 0) return;
  if (!force)
    throw new RestoreRefused(
      `the target database already has ${rows[0]!.n} tables; restore into an empty database, or pass --force to replace its contents`,
    );
  await client.query('DROP SCHEMA public CASCADE');
  await client.query('CREATE SCHEMA public');
}

interface ForeignKey {
  table: string;
  name: string;
  deferrable: boolean;
  deferred: boolean;
}

async function loadTables(client: Client, manifest: BackupManifest, dir: string, key: BackupKey | null) {
  const { rows: keys } = await client.query<ForeignKey>(
    `SELECT cl.relname AS table, co.conname AS name, co.condeferrable AS deferrable, co.condeferred AS deferred
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE co.contype = 'f' AND n.nspname = 'public'`,
  );
  const alter = (fk: ForeignKey, to: string) =>
    client.query(`ALTER TABLE public.${quoteIdent(fk.table)} ALTER CONSTRAINT ${quoteIdent(fk.name)} ${to}`);
  for (const fk of keys) await alter(fk, 'DEFERRABLE INITIALLY DEFERRED');
  // The audit rows come with their hashes: the chain trigger would chain them anew.
  const chained = await hasChainTrigger(client);
  if (chained) await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain');
  try {
    await client.query('BEGIN');
    // Some migrations seed rows (holidays, outbox kinds); the backup holds them as they were.
    const seeded = await tablesWithRows(client, Object.keys(manifest.tables));
    if (seeded.length)
      await client.query(`TRUNCATE ${seeded.map((t) => `public.${quoteIdent(t)}`).join(', ')} CASCADE`);
    for (const [table, part] of Object.entries(manifest.tables)) {
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO public.${quoteIdent(table)} SELECT * FROM json_populate_recordset(NULL::public.${quoteIdent(table)}, $1::json)`,
          [`[${batch.join(',')}]`],
        );
        batch = [];
      };
      for await (const line of readPartLines(join(dir, part.file), key)) {
        batch.push(line);
        if (batch.length >= LOAD_ROWS) await flush();
      }
      await flush();
    }
    for (const [name, sequence] of Object.entries(manifest.sequences))
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        `public.${quoteIdent(name)}`,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    if (chained) await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain');
    for (const fk of keys)
      await alter(
        fk,
        fk.deferrable ? `DEFERRABLE INITIALLY ${fk.deferred ? 'DEFERRED' : 'IMMEDIATE'}` : 'NOT DEFERRABLE',
      );
  }
}

async function hasChainTrigger(client: Client): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_chain'");
  return rows.length > 0;
}

/** The chain verified row by row, ending where the backup said it ended. */
async function checkAuditChain(sequelize: Sequelize, manifest: BackupManifest) {
  if (manifest.auditChainHead === undefined) return { rows: 0, head: null };
  const check = await verifyAuditChain(sequelize);
  if (check.firstBroken)
    throw new BackupInvalid(
      `the restored audit log's hash chain breaks at row ${check.firstBroken.id} (${check.firstBroken.action} by ${check.firstBroken.actor})`,
    );
  const expected = manifest.auditChainHead?.hash ?? null;
  if ((check.head?.hash ?? null) !== expected)
    throw new BackupInvalid(
      `the restored audit log ends at ${check.head?.hash ?? 'nothing'}, the backup says ${expected ?? 'nothing'}`,
    );
  return { rows: check.rows, head: check.head?.hash ?? null };
}

async function tablesWithRows(client: Client, tables: string[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query(`SELECT 1 FROM public.${quoteIdent(table)} LIMIT 1`);
    if (rows.length) seeded.push(table);
  }
  return seeded;
}

/** Every table's rows now, which must equal the manifest's. */
async function countRows(client: Client, manifest: BackupManifest): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const wrong: string[] = [];
  for (const [table, part] of Object.entries(manifest.tables)) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM public.${quoteIdent(table)}`,
    );
    counts[table] = Number(rows[0]!.n);
    if (counts[table] !== part.rows)
      wrong.push(`${table}: ${counts[table]} rows, the backup has ${part.rows}`);
  }
  if (wrong.length) throw new BackupInvalid(`the restored rows do not match the backup: ${wrong.join('; ')}`);
  return counts;
}

async function migrateRest(sequelize: Sequelize): Promise<string[]> {
  return (await createMigrator(sequelize).up()).map((migration) => migration.name);
}
