import type { Readable } from 'node:stream';

/**
 * Where the library keeps file bytes: one small interface, two back ends (PostgreSQL, the
 * embedded default, and S3-compatible object storage). A key names one version's content, and
 * what is stored under a key never changes: `put` refuses a key that exists, and no back end has
 * an update. Both stream: memory does not grow with the file.
 */
export interface ContentStore {
  /** `postgres` or `s3`, recorded with each version so a later move can find it. */
  readonly backend: 'postgres' | 's3';
  /** Stores the bytes `open()` yields under `key`; `size` and `sha256` are what the intake measured. */
  put(key: string, open: () => Readable, facts: { size: number; sha256: string }): Promise<void>;
  /** The bytes under `key`; ContentNotFound when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes the bytes (an admin purge); removing what is not there is not an error. */
  remove(key: string): Promise<void>;
}

export class ContentExists extends Error {
  constructor(key: string) {
    super(`content ${key} is already stored and cannot be replaced`);
    this.name = 'ContentExists';
  }
}

export class ContentNotFound extends Error {
  constructor(key: string) {
    super(`no content is stored under ${key}`);
    this.name = 'ContentNotFound';
  }
}

/** Keys are made by the library, never taken from a request. */
export const CONTENT_KEY = /^[a-z0-9][a-z0-9/_-]{0,79}$/;

export function assertContentKey(key: string): void {
  if (!CONTENT_KEY.test(key)) throw new Error(`not a content key: ${JSON.stringify(key)}`);
}
