import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ScanResult } from './clamav';
import type { ContentStore } from './content-store';
import { detectKind, type FileKind, SNIFF_BYTES } from './content-type';

/**
 * An uploaded file on its way into the library: the bytes are spooled to a private temporary
 * file while they are counted, hashed and their head kept for type detection, so memory does not
 * grow with the file and the size limit stops a large upload as soon as it is passed. The virus
 * scan and the store then read the spooled copy; `discard()` removes it whatever happened.
 */
export interface SpooledFile {
  size: number;
  sha256: string;
  kind: FileKind;
  open(): Readable;
  discard(): Promise<void>;
}

/** Why an upload is refused; the Slack layer turns the code into the uploader's language. */
export type IntakeRefusal =
  | { code: 'empty' }
  | { code: 'too_large'; maxBytes: number }
  | { code: 'type_not_allowed'; seen: string; allowed: readonly FileKind[] }
  | { code: 'infected'; signature: string };

export class IntakeRefused extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(`file refused: ${refusal.code}`);
    this.name = 'IntakeRefused';
  }
}

export interface IntakeLimits {
  maxBytes: number;
  allowed: readonly FileKind[];
}

class TooLarge extends Error {}

/** Spools `source` under `tempRoot` and checks size and type; throws IntakeRefused. */
export async function spoolUpload(
  source: Readable,
  name: string,
  limits: IntakeLimits,
  tempRoot: string,
): Promise<SpooledFile> {
  await mkdir(tempRoot, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(tempRoot, 'upload-'));
  const path = join(dir, 'content');
  const discard = () => rm(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limits.maxBytes) return done(new TooLarge());
      hash.update(chunk);
      if (headLength < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headLength);
        headParts.push(part);
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await discard();
    if (error instanceof TooLarge) throw new IntakeRefused({ code: 'too_large', maxBytes: limits.maxBytes });
    throw error;
  }
  const detection = detectKind(Buffer.concat(headParts), name, size <= SNIFF_BYTES);
  let refusal: IntakeRefusal | null = null;
  if (size === 0) refusal = { code: 'empty' };
  else if (detection.kind === null)
    refusal = { code: 'type_not_allowed', seen: detection.seen, allowed: limits.allowed };
  else if (!limits.allowed.includes(detection.kind))
    refusal = { code: 'type_not_allowed', seen: detection.kind, allowed: limits.allowed };
  if (refusal || detection.kind === null) {
    await discard();
    throw new IntakeRefused(refusal ?? { code: 'empty' });
  }
  return {
    size,
    sha256: hash.digest('hex'),
    kind: detection.kind,
    open: () => createReadStream(path),
    discard,
  };
}

export interface IntakeOptions {
  limits: IntakeLimits;
  /** Where uploads are spooled (a private directory under DATA_DIR). */
  tempRoot: string;
  /** A virus scan (clamd where CLAMD_URL is set); a scanner that fails fails the upload. */
  scan?: (content: Readable) => Promise<ScanResult>;
  store: ContentStore;
}

export interface StoredContent {
  key: string;
  size: number;
  sha256: string;
  kind: FileKind;
}

/**
 * One upload into the library: spooled and checked (size, type from the bytes), scanned where a
 * scanner is configured, then stored under `key`. Throws IntakeRefused with the reason; the
 * spooled copy is removed in every case.
 */
export async function takeInUpload(
  source: Readable,
  name: string,
  key: string,
  options: IntakeOptions,
): Promise<StoredContent> {
  const spooled = await spoolUpload(source, name, options.limits, options.tempRoot);
  try {
    if (options.scan) {
      const result = await options.scan(spooled.open());
      if (!result.clean) throw new IntakeRefused({ code: 'infected', signature: result.signature });
    }
    await options.store.put(key, spooled.open, { size: spooled.size, sha256: spooled.sha256 });
    return { key, size: spooled.size, sha256: spooled.sha256, kind: spooled.kind };
  } finally {
    await spooled.discard();
  }
}
