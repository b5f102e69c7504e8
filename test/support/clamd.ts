import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/free-port';

/** The EICAR anti-virus test file: harmless, and detected by every scanner as if it were a virus. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * A real clamd (Debian's clamav-daemon) of the test's own, on a free TCP port, loading only a
 * signature database the test writes (EICAR as a body signature), so it starts in seconds and
 * needs no download. Where clamd is not installed this throws: the test fails, it is not skipped.
 */
export async function startClamd(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gongwu-clamd-'));
  const port = await freePort();
  await writeFile(
    join(dir, 'gongwu-test.ndb'),
    `Gongwu.Test.EICAR:0:*:${Buffer.from(EICAR).toString('hex')}\n`,
  );
  await writeFile(
    join(dir, 'clamd.conf'),
    [
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      'Foreground yes',
      `PidFile ${join(dir, 'clamd.pid')}`,
      ...(process.getuid?.() === 0 ? ['User root'] : []),
    ].join('\n'),
  );
  const binary = process.env.CLAMD_BINARY ?? '/usr/sbin/clamd';
  const child: ChildProcess = spawn(binary, ['-c', join(dir, 'clamd.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (part: Buffer) => {
    stderr += part.toString();
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`clamd could not start (${binary}: ${error.message}); install clamav-daemon`)),
    ),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForPort(port, 60_000, () => stderr), spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `tcp://127.0.0.1:${port}`, stop };
}

async function waitForPort(port: number, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`clamd did not listen within ${timeoutMs} ms: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
