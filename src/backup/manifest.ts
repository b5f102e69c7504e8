import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What a backup holds and how to check it, written last (a backup without a manifest is
 * incomplete and never restored). Every part's SHA-256 is of the bytes on disk, so a part is
 * verified before anything is decrypted or read.
 */

export const BACKUP_FORMAT = 'gongwu-backup/1';
/**
 * How the data was taken: every table read in one REPEATABLE READ snapshot (one consistent
 * moment, as pg_dump does), the schema left to the migrations, which recreate it exactly.
 * Chosen because it works against any PostgreSQL the app supports with nothing but the app:
 * the embedded server ships no pg_dump, and Debian's pg_dump 15 refuses newer servers.
 */
export const BACKUP_METHOD =
  'snapshot-export: one REPEATABLE READ snapshot, row_to_json per table; schema by migrations';

const part = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  method: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  /** The last migration applied when the snapshot was taken; a restore migrates to it first. */
  migrationLevel: z.string(),
  serverVersion: z.string(),
  tables: z.record(z.string(), part.extend({ rows: z.number().int().nonnegative() })),
  sequences: z.record(z.string(), z.object({ lastValue: z.string(), isCalled: z.boolean() })),
  /** The audit log's newest row and hash when the snapshot was taken: a restore must end there. */
  auditChainHead: z.object({ id: z.string(), hash: z.string() }).nullable().optional(),
  /** File contents kept in S3 (FILES_S3_URL), when there were any: one part of every object. */
  objects: part
    .extend({ count: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() })
    .optional(),
  compression: z.literal('gzip'),
  /** Set when the parts are encrypted: the algorithm and the key's fingerprint, never the key. */
  encryption: z
    .object({ algorithm: z.literal('aes-256-gcm'), keyFingerprint: z.string(), salt: z.string() })
    .nullable(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupPart = z.infer<typeof part>;

export const MANIFEST_FILE = 'manifest.json';

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export class BackupInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalid';
  }
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupInvalid(`${dir} has no ${MANIFEST_FILE}: not a backup, or an unfinished one`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new BackupInvalid(`${MANIFEST_FILE} is not a ${BACKUP_FORMAT} manifest: ${parsed.error.message}`);
  return parsed.data;
}
