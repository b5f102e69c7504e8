import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ContentExists } from '../storage/content-store';
import { BackupInvalid } from './manifest';
import { type BackupKey, readPartLines, writePart } from './part-codec';

/**
 * File contents kept in S3 (FILES_S3_URL), in the backup: one more part, encrypted and
 * checksummed like the tables, holding every object of the file store streamed in chunks of
 * CHUNK_BYTES (`{"k":key,"d":base64}` lines), each object closed by a line with its size and
 * SHA-256. Objects never change once written (the library's rule), so those listed after the
 * database snapshot include every one its rows name. Restoring checks each object against its
 * closing line and puts it back; an object already there under its key is left as it is.
 */

const CHUNK_BYTES = 192 * 1024;

/** The file store as the backup sees it (storage/s3-content-store.ts). */
export interface ContentObjects {
  list(): AsyncIterable<{ key: string; size: number }>;
  get(key: string): Promise<Readable>;
  put(key: string, open: () => Readable, facts: { size: number; sha256: string }): Promise<void>;
}

export interface ObjectsSummary {
  count: number;
  totalBytes: number;
}

async function* objectLines(store: ContentObjects, summary: ObjectsSummary): AsyncGenerator<string> {
  for await (const { key } of store.list()) {
    const hash = createHash('sha256');
    let bytes = 0;
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of await store.get(key)) {
      const data = chunk as Buffer;
      hash.update(data);
      bytes += data.length;
      pending = pending.length ? Buffer.concat([pending, data]) : data;
      while (pending.length >= CHUNK_BYTES) {
        yield `${JSON.stringify({ k: key, d: pending.subarray(0, CHUNK_BYTES).toString('base64') })}\n`;
        pending = pending.subarray(CHUNK_BYTES);
      }
    }
    if (pending.length) yield `${JSON.stringify({ k: key, d: pending.toString('base64') })}\n`;
    yield `${JSON.stringify({ k: key, end: true, bytes, sha256: hash.digest('hex') })}\n`;
    summary.count += 1;
    summary.totalBytes += bytes;
  }
}

/** Writes every object of `store` into the part at `path`. */
export async function writeObjectsPart(path: string, store: ContentObjects, key: BackupKey | null) {
  const summary: ObjectsSummary = { count: 0, totalBytes: 0 };
  const written = await writePart(path, objectLines(store, summary), key);
  return { ...written, ...summary };
}

/**
 * Reads the part back, checking every object; with `sink`, puts each back (skipping a key the
 * store already holds). Returns how many objects and bytes it held.
 */
export async function restoreObjectsPart(
  path: string,
  key: BackupKey | null,
  sink: Pick<ContentObjects, 'put'> | null,
): Promise<ObjectsSummary & { restored: number }> {
  const spool = await mkdtemp(join(tmpdir(), 'gongwu-objects-'));
  const summary = { count: 0, totalBytes: 0, restored: 0 };
  let current: {
    key: string;
    file: string;
    out: WriteStream;
    hash: ReturnType<typeof createHash>;
    bytes: number;
  } | null = null;
  const close = (out: WriteStream) =>
    new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  try {
    for await (const line of readPartLines(path, key)) {
      const entry = JSON.parse(line) as {
        k: string;
        d?: string;
        end?: boolean;
        bytes?: number;
        sha256?: string;
      };
      if (!current || current.key !== entry.k) {
        if (current) throw new BackupInvalid(`file object ${current.key} in the backup has no end`);
        const file = join(spool, String(summary.count));
        current = { key: entry.k, file, out: createWriteStream(file), hash: createHash('sha256'), bytes: 0 };
      }
      if (entry.d !== undefined) {
        const data = Buffer.from(entry.d, 'base64');
        current.hash.update(data);
        current.bytes += data.length;
        if (!current.out.write(data))
          await new Promise<void>((resolve) => current!.out.once('drain', () => resolve()));
        continue;
      }
      await close(current.out);
      const sha256 = current.hash.digest('hex');
      if (current.bytes !== entry.bytes || sha256 !== entry.sha256)
        throw new BackupInvalid(
          `file object ${current.key} restored as ${current.bytes} bytes with SHA-256 ${sha256}; the backup says ${entry.bytes} bytes, ${entry.sha256}`,
        );
      if (sink) {
        const file = current.file;
        try {
          await sink.put(current.key, () => createReadStream(file), { size: current.bytes, sha256 });
          summary.restored += 1;
        } catch (error) {
          if (!(error instanceof ContentExists)) throw error;
        }
      }
      await rm(current.file, { force: true });
      summary.count += 1;
      summary.totalBytes += current.bytes;
      current = null;
    }
    if (current)
      throw new BackupInvalid(`file object ${current.key} in the backup has no end: the part is truncated`);
    return summary;
  } finally {
    current?.out.destroy();
    await rm(spool, { recursive: true, force: true });
  }
}
