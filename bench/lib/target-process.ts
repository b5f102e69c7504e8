/**
 * One app under test in its own process (forked by target-client.ts), so that no run inherits
 * another's heap, JIT state or leftover work. Driven over IPC: start → stats… → stop.
 */
import { startBareApprove } from './approvals-targets';
import type { FromTarget, ToTarget } from './target-protocol';
import { type RunningApp, startBareBolt, startOursApp } from './targets';

let app: RunningApp | undefined;

const send = (message: FromTarget) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

async function stopAndExit(code: number): Promise<never> {
  const running = app;
  app = undefined;
  await running?.stop().catch((error: unknown) => send({ type: 'error', error: describe(error) }));
  process.exit(code);
}

async function handle(message: ToTarget): Promise<void> {
  switch (message.type) {
    case 'start': {
      const { spec } = message;
      app =
        spec.kind === 'bare'
          ? await startBareBolt(spec.slack)
          : spec.kind === 'bare-approve'
            ? await startBareApprove(spec.slack)
            : await startOursApp(spec);
      await send({ type: 'started', eventsUrl: app.eventsUrl });
      return;
    }
    case 'stats': {
      const memory = process.memoryUsage();
      await send({
        type: 'stats',
        stats: { cpu: process.cpuUsage(), heapUsedBytes: memory.heapUsed, rssBytes: memory.rss },
      });
      return;
    }
    case 'stop': {
      const running = app;
      app = undefined;
      await running?.stop();
      await send({ type: 'stopped' });
      process.exit(0);
    }
  }
}

if (!process.send) throw new Error('target-process.ts is forked by the benchmarks, not run directly');
process.on('message', (message: ToTarget) => {
  handle(message).catch(async (error: unknown) => {
    await send({ type: 'error', error: describe(error) });
    await stopAndExit(1);
  });
});
// The orchestrator went away (crash, Ctrl-C): do not outlive it.
process.on('disconnect', () => void stopAndExit(1));
process.on('SIGINT', () => undefined);
