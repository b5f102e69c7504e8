import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { type S3Settings, s3Client } from '../storage/s3-content-store';
import { MANIFEST_FILE, manifestSchema } from './manifest';

/**
 * Where backups are kept: a directory (the default, `BACKUP_DIR`) or S3-compatible storage
 * (`BACKUP_S3_URL`). A backup is always made and checked on local disk (a directory of parts and
 * its manifest); an S3 target uploads it part by part, the manifest LAST, so a backup whose upload
 * stopped half-way has no manifest and is never listed or restored — as an unfinished directory
 * keeps its `.partial` name. Restoring from S3 downloads the parts into a temporary directory and
 * restores from there with every check a local backup gets.
 */
export interface BackupTarget {
  /** For people: `/var/lib/gongwu/backups` or `s3://bucket/prefix`. */
  readonly description: string;
  /** Where a new backup is written first; `publish(name)` makes it a finished backup of the target. */
  stage(): Promise<{ dir: string; publish(name: string): Promise<void>; discard(): Promise<void> }>;
  /** The finished backups, oldest first. */
  list(): Promise<Array<{ name: string; createdAt: Date }>>;
  /** A local directory holding backup `name` (downloaded if need be); `close` removes the copy. */
  open(name: string): Promise<{ dir: string; close(): Promise<void> }>;
  remove(name: string): Promise<void>;
}

export function directoryTarget(dir: string): BackupTarget {
  return {
    description: dir,
    stage: async () => ({ dir, publish: async () => undefined, discard: async () => undefined }),
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const backups: Array<{ name: string; createdAt: Date }> = [];
      for (const name of names.filter(
        (entry) => entry.startsWith('gongwu-') && !entry.endsWith('.partial'),
      )) {
        const raw = await readFile(join(dir, name, MANIFEST_FILE), 'utf8').catch(() => null);
        const manifest = raw ? manifestSchema.safeParse(safeJson(raw)) : null;
        if (manifest?.success) backups.push({ name, createdAt: new Date(manifest.data.createdAt) });
      }
      return backups.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    open: async (name) => ({ dir: join(dir, name), close: async () => undefined }),
    remove: (name) => rm(join(dir, name), { recursive: true, force: true }),
  };
}

const safeJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else files.push(path);
  }
  return files;
}

export function s3Target(settings: S3Settings): BackupTarget {
  const client = s3Client(settings);
  const Bucket = settings.bucket;
  const keyOf = (name: string, file: string) => `${settings.prefix}${name}/${file}`;

  async function keysUnder(
    prefix: string,
    delimiter?: string,
  ): Promise<{ keys: string[]; prefixes: string[] }> {
    const keys: string[] = [];
    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      for (const common of page.CommonPrefixes ?? []) if (common.Prefix) prefixes.push(common.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { keys, prefixes };
  }

  async function put(key: string, path: string): Promise<void> {
    const { size } = await stat(path);
    await client.send(
      new PutObjectCommand({ Bucket, Key: key, Body: createReadStream(path), ContentLength: size }),
    );
  }

  async function get(key: string): Promise<Readable> {
    const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
    return object.Body as Readable;
  }

  return {
    description: `s3://${Bucket}/${settings.prefix}`,
    async stage() {
      const dir = await mkdtemp(join(tmpdir(), 'gongwu-backup-stage-'));
      return {
        dir,
        async publish(name) {
          const local = join(dir, name);
          const files = (await filesUnder(local)).map((path) => relative(local, path).split('\\').join('/'));
          // The manifest last: until it is there, the backup does not exist.
          for (const file of files.filter((f) => f !== MANIFEST_FILE))
            await put(keyOf(name, file), join(local, file));
          await put(keyOf(name, MANIFEST_FILE), join(local, MANIFEST_FILE));
        },
        discard: () => rm(dir, { recursive: true, force: true }),
      };
    },
    async list() {
      const { prefixes } = await keysUnder(settings.prefix, '/');
      const backups: Array<{ name: string; createdAt: Date }> = [];
      for (const prefix of prefixes) {
        const name = prefix.slice(settings.prefix.length).replace(/\/$/, '');
        if (!name.startsWith('gongwu-')) continue;
        const raw = await get(keyOf(name, MANIFEST_FILE))
          .then(async (body) => {
            const chunks: Buffer[] = [];
            for await (const chunk of body) chunks.push(chunk as Buffer);
            return Buffer.concat(chunks).toString('utf8');
          })
          .catch(() => null);
        const manifest = raw ? manifestSchema.safeParse(safeJson(raw)) : null;
        if (manifest?.success) backups.push({ name, createdAt: new Date(manifest.data.createdAt) });
      }
      return backups.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async open(name) {
      const root = await mkdtemp(join(tmpdir(), 'gongwu-restore-'));
      const dir = join(root, name);
      try {
        const { keys } = await keysUnder(keyOf(name, ''));
        if (keys.length === 0) throw new Error(`no backup ${name} in s3://${Bucket}/${settings.prefix}`);
        for (const key of keys) {
          const path = join(dir, key.slice(keyOf(name, '').length));
          await mkdir(dirname(path), { recursive: true, mode: 0o700 });
          await pipeline(await get(key), createWriteStream(path, { mode: 0o600 }));
        }
      } catch (error) {
        await rm(root, { recursive: true, force: true });
        throw error;
      }
      return { dir, close: () => rm(root, { recursive: true, force: true }) };
    },
    async remove(name) {
      // The manifest first: a backup half removed is no longer listed as restorable.
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(name, MANIFEST_FILE) }));
      const { keys } = await keysUnder(keyOf(name, ''));
      for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket, Key }));
    },
  };
}

/** The configured target: S3 when BACKUP_S3_URL is set, else the directory. */
export function backupTarget(config: { dir: string; s3: S3Settings | undefined }): BackupTarget {
  return config.s3 ? s3Target(config.s3) : directoryTarget(config.dir);
}
