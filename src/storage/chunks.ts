import type { Readable } from 'node:stream';

/** Re-cuts a stream into pieces of exactly `size` bytes (the last may be shorter), one at a time. */
export async function* fixedChunks(source: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const part of source) {
    let rest = part as Buffer;
    while (pendingLength + rest.length >= size) {
      const take = size - pendingLength;
      yield Buffer.concat([...pending, rest.subarray(0, take)]);
      rest = rest.subarray(take);
      pending = [];
      pendingLength = 0;
    }
    if (rest.length > 0) {
      pending.push(rest);
      pendingLength += rest.length;
    }
  }
  if (pendingLength > 0) yield Buffer.concat(pending);
}
