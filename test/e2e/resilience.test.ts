import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { TEST_REDIS_URL } from '../support/redis';
import { TcpProxy } from '../support/tcp-proxy';

/** PostgreSQL or Redis going away is survived: people get an answer, /readyz says why, and it recovers. */

async function oa(running: RunningPlatform, userId: string, text: string): Promise<string> {
  const before = running.emulator.ephemerals(userId).length;
  const result = await running.emulator.as(userId).command('/oa', text);
  expect(result.status).toBe(200);
  await running.emulator.waitFor(() => running.emulator.ephemerals(userId).length > before, {
    timeoutMs: 10000,
  });
  return JSON.stringify(running.emulator.ephemerals(userId).at(-1));
}

const readyz = async (running: RunningPlatform) => {
  const response = await fetch(`${running.platform.url}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> },
  };
};

describe('when PostgreSQL goes away', () => {
  let running: RunningPlatform;
  let proxy: TcpProxy;

  beforeAll(async () => {
    proxy = await new TcpProxy('127.0.0.1', 5432).start();
    running = await startTestPlatform({
      appDatabaseUrl: (url) => {
        const viaProxy = new URL(url);
        viaProxy.host = `127.0.0.1:${proxy.port}`;
        return viaProxy.toString();
      },
    });
  });
  afterAll(async () => {
    proxy.restore();
    await running.stop();
    await proxy.stop();
  });

  it('apologises with a reference, reports not ready, and works again once it is back', async () => {
    expect(await oa(running, 'U01CAROL0', 'whoami')).toContain('Carol Huang');
    proxy.cut();
    const cut = await running.emulator.as('U01CAROL0').command('/oa', 'whoami');
    // The failed read is reported in the acknowledgement itself, not left to a follow-up.
    expect(cut.ephemeral?.source).toBe('command_response');
    const apology = JSON.stringify(cut.ephemeral);
    expect(apology).toMatch(/Sorry, something went wrong on our side.*reference: `[0-9a-f]+`/);
    // In the person's language even though the directory cannot say it: Slack's setting stands in.
    const bob = await running.emulator.as('U01BOB000').command('/oa', 'help');
    expect(bob.ephemeral?.source).toBe('command_response');
    expect(bob.ephemeral?.text).toMatch(/^抱歉，系統發生問題.*`[0-9a-f]+`/);
    const notReady = await readyz(running);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.database?.ok).toBe(false);
    // The reason is logged; the public response carries only a reference (issue 13 item 22).
    expect(notReady.body.checks.database?.error).toMatch(/^unavailable \(log reference [0-9a-f]{8}\)$/);

    proxy.restore();
    await running.emulator.waitFor(async () => (await readyz(running)).status === 200, { timeoutMs: 15000 });
    expect(await oa(running, 'U01CAROL0', 'whoami')).toContain('Carol Huang');
  });
});

describe('when Redis goes away', () => {
  let running: RunningPlatform;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const redis = new URL(TEST_REDIS_URL);
    proxy = await new TcpProxy(redis.hostname, Number(redis.port || 6379)).start();
    running = await startTestPlatform({ env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
  });
  afterAll(async () => {
    proxy.restore();
    await running.stop();
    await proxy.stop();
  });

  it('keeps answering commands, reports the queue not ready, and recovers', async () => {
    proxy.cut();
    await running.emulator.waitFor(async () => (await readyz(running)).status === 503, { timeoutMs: 10000 });
    expect((await readyz(running)).body.checks.queue?.ok).toBe(false);
    // The change commits even though the Home refresh cannot be queued right now.
    expect(await oa(running, 'U01ALICE0', 'move <@U01GRACE0> finance')).toContain('完成');
    proxy.restore();
    await running.emulator.waitFor(async () => (await readyz(running)).status === 200, { timeoutMs: 15000 });
    expect(await oa(running, 'U01GRACE0', 'whoami')).toContain('財務處');
  });
});
