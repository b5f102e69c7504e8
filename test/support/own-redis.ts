import { type ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { freePort } from '../../src/free-port';

/**
 * A Redis server of the test's own, on a free port, with no persistence: a test may flush or
 * restart it without touching anyone else's keys.
 */
export interface OwnRedis {
  url: string;
  flush(): Promise<void>;
  /** Stops the server and starts an empty one on the same port (clients reconnect). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server on `port` and waits until it answers PING. */
async function spawnRedis(port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new IORedis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
  probe.on('error', () => undefined);
  const deadline = Date.now() + 10_000;
  try {
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch (error) {
        probe.disconnect();
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    probe.disconnect();
  }
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child = await spawnRedis(port);
  const url = `redis://127.0.0.1:${port}`;
  const admin = new IORedis(url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  return {
    url,
    async flush() {
      await admin.flushdb();
    },
    async restart() {
      // No persistence: the new server starts empty, as after losing a Redis without replicas.
      await stopRedis(child);
      child = await spawnRedis(port);
    },
    async stop() {
      admin.disconnect();
      await stopRedis(child);
    },
  };
}
