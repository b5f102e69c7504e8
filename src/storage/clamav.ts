import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * A virus scan by a running `clamd`, over its TCP socket with the INSTREAM command: the bytes go
 * in chunks prefixed with their length, a zero length ends them, and clamd answers one line,
 * `stream: OK` or `stream: <signature> FOUND`. Nothing is written to clamd's disk. A clamd that
 * cannot be reached or answers something else is an error, never a clean result: a file is
 * stored only after a scan said OK.
 */

export type ScanResult = { clean: true } | { clean: false; signature: string };

export class ScannerUnavailable extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'ScannerUnavailable';
  }
}

/** clamd refuses streams over its StreamMaxLength (25 MB by default) with this answer. */
const SIZE_LIMIT_ANSWER = 'INSTREAM size limit exceeded';

/** `tcp://host:port` as in `CLAMD_URL`. */
export function parseClamdUrl(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'tcp:')
    throw new Error(`CLAMD_URL must start with tcp:// (got ${parsed.protocol}//)`);
  return { host: parsed.hostname, port: Number(parsed.port || 3310) };
}

export async function scanWithClamd(url: string, content: Readable, timeoutMs = 60_000): Promise<ScanResult> {
  const { host, port } = parseClamdUrl(url);
  const socket = connect({ host, port });
  socket.setTimeout(timeoutMs);
  const answer = readAnswer(socket);
  answer.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    await write(socket, Buffer.from('zINSTREAM\0'));
    for await (const chunk of content) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE((chunk as Buffer).length);
      await write(socket, Buffer.concat([length, chunk as Buffer]));
    }
    await write(socket, Buffer.alloc(4));
    return parseAnswer(await answer);
  } catch (error) {
    if (error instanceof ScannerUnavailable) throw error;
    // clamd may close the socket mid-stream after answering (size limit): its answer says why.
    const early = await Promise.race([answer, Promise.resolve(null)]).catch(() => null);
    if (early) return parseAnswer(early);
    throw new ScannerUnavailable(`clamd at ${host}:${port} could not scan: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    socket.destroy();
  }
}

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
}

function readAnswer(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    socket.on('data', (part: Buffer) => parts.push(part));
    socket.once('timeout', () => reject(new ScannerUnavailable('clamd did not answer in time')));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(parts).toString('utf8').replace(/\0/g, '').trim()));
  });
}

function parseAnswer(answer: string): ScanResult {
  if (answer === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found) return { clean: false, signature: found[1] as string };
  if (answer.includes(SIZE_LIMIT_ANSWER))
    throw new ScannerUnavailable('the file is larger than clamd scans (raise StreamMaxLength in clamd.conf)');
  throw new ScannerUnavailable(`clamd answered "${answer || '(nothing)'}"`);
}
