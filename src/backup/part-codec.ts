import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { BackupPart } from './manifest';

/**
 * A backup part on disk: gzip, then (with a key) AES-256-GCM, authenticated encryption whose
 * 12-byte nonce leads the file and whose 16-byte tag ends it. The key is derived from
 * BACKUP_ENCRYPTION_KEY with scrypt and the backup's own salt; only a fingerprint of it is kept.
 */

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface BackupKey {
  key: Buffer;
  salt: string;
  fingerprint: string;
}

export function deriveKey(secret: string, salt = randomBytes(16).toString('hex')): BackupKey {
  const key = scryptSync(secret, Buffer.from(salt, 'hex'), 32);
  return { key, salt, fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/** Writes `lines` to `path` compressed (and encrypted); returns the part's size and SHA-256. */
export async function writePart(
  path: string,
  lines: AsyncIterable<string>,
  key: BackupKey | null,
): Promise<Omit<BackupPart, 'file'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const encrypt = key ? encryptor(key) : new PassThrough();
  await pipeline(
    Readable.from(lines),
    createGzip(),
    encrypt,
    count,
    createWriteStream(path, { mode: 0o600 }),
  );
  return { bytes, sha256: hash.digest('hex') };
}

/** AES-256-GCM: a fresh nonce first, the ciphertext, the authentication tag last. */
function encryptor(key: BackupKey): Transform {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  let started = false;
  const withNonce = (out: Buffer) => {
    if (started) return out;
    started = true;
    return Buffer.concat([nonce, out]);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, withNonce(cipher.update(chunk)));
    },
    flush(done) {
      done(null, Buffer.concat([withNonce(cipher.final()), cipher.getAuthTag()]));
    },
  });
}

/** Checks a part against the manifest before it is used. */
export async function verifyPart(path: string, part: BackupPart): Promise<string | null> {
  const size = await stat(path).then(
    (info) => info.size,
    () => null,
  );
  if (size === null) return `${part.file} is missing`;
  if (size !== part.bytes) return `${part.file} is ${size} bytes, the manifest says ${part.bytes}`;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  return sha256 === part.sha256
    ? null
    : `${part.file} has SHA-256 ${sha256}, the manifest says ${part.sha256}`;
}

/** The part's lines, decrypted (the tag is checked at the end: a wrong key fails) and unzipped. */
export async function* readPartLines(path: string, key: BackupKey | null): AsyncGenerator<string> {
  let source: Readable;
  if (key) {
    const { size } = await stat(path);
    const handle = await open(path, 'r');
    const head = Buffer.alloc(NONCE_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    try {
      await handle.read(head, 0, NONCE_BYTES, 0);
      await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    } finally {
      await handle.close();
    }
    const decipher = createDecipheriv('aes-256-gcm', key.key, head);
    decipher.setAuthTag(tag);
    source = createReadStream(path, { start: NONCE_BYTES, end: size - TAG_BYTES - 1 }).pipe(decipher);
  } else {
    source = createReadStream(path);
  }
  const gunzip = source.pipe(createGunzip());
  source.on('error', (error) => gunzip.destroy(error));
  // A chunk may end inside a character; the decoder keeps the rest for the next one.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of gunzip) {
    pending += decoder.write(chunk as Buffer);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line) yield line;
  }
  pending += decoder.end();
  if (pending) yield pending;
}
