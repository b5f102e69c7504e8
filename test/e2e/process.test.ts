import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real process, started the way the README says: configuration errors, zero-config start, shutdown. */

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForLog(
  output: () => string,
  msg: string,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of output().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.msg === 'string' && entry.msg.startsWith(msg)) return entry;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no "${msg}" log line within ${timeoutMs} ms; output:\n${output()}`);
}

describe('the process', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be a number.*\.env\.example\.\n$/],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      /^Invalid configuration: SLACK_BOT_TOKEN is required with SLACK_APP_TOKEN/,
    ],
  ])('refuses to start on bad configuration %j with one line naming the variable', async (env, expected) => {
    const run = start(env);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(expected);
    expect(run.output().trim().split('\n')).toHaveLength(1);
  });

  it('starts with zero configuration (embedded PostgreSQL, local workspace) and shuts down cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongwu-zero-'));
    // PostgreSQL runs as its own OS user when we are root; it must reach the data directory.
    chmodSync(dir, 0o755);
    const run = start({ DATA_DIR: join(dir, 'data'), PORT: '0', SANDBOX_PORT: '0' });
    try {
      const running = await waitForLog(run.output, 'gongwu-slack is running', 60_000);
      const workspace = await waitForLog(run.output, 'local workspace ready', 1000);
      expect(running.mode).toBe('local');
      expect(running.queue).toBe('postgres');
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${running.url}/readyz`);
      expect(ready.status).toBe(200);
      const emulator = await fetch(`${workspace.workspace}/api/auth.test`, { method: 'POST' });
      expect(await emulator.json()).toMatchObject({ ok: false, error: 'not_authed' });
      expect(run.output()).not.toMatch(/xoxb-|xapp-/);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      await waitForLog(run.output, 'stopped', 1000);
    } finally {
      run.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
