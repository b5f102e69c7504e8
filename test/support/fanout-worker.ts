import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FanoutItem } from '../../src/db/repositories/fanout.repository';
import { createSequelize } from '../../src/db/sequelize';
import { type FanoutOptions, type FanoutPurpose, FanoutSender } from '../../src/delivery/fanout-sender';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger, type Logger } from '../../src/logger';
import { createFanoutTransport } from '../../src/slack/fanout-transport';
import { createCourierClient } from '../../src/slack/slack-errors';

/**
 * A fan-out sender with a test purpose ('test.dm': the text comes from the item's subject), in
 * this process or as a separate process that a test can SIGKILL mid-run.
 */
export const TEST_PURPOSE = 'test.dm';

export interface FanoutWorkerSpec {
  databaseUrl: string;
  /** Unset: BullMQ's PostgreSQL backend. */
  redisUrl: string | undefined;
  namespace: string;
  slack: { botToken: string; apiUrl: string };
  options: Partial<FanoutOptions>;
}

export interface PurposeEvents {
  permanentErrors: { itemId: string; error: string }[];
  settled: FanoutItem[];
}

/** Renders `subject.text`; `subject.skip` skips; a permanent error calls `onPermanent` (default: fail). */
export function testPurpose(
  events: PurposeEvents,
  onPermanent: (item: FanoutItem, error: string) => Promise<'retry' | 'fail'> = async () => 'fail',
): FanoutPurpose {
  return {
    async render(item) {
      if (item.subject.skip) return null;
      return { text: String(item.subject.text ?? `item ${item.itemKey}`) };
    },
    async onPermanentError(item, error) {
      events.permanentErrors.push({ itemId: item.id, error });
      return onPermanent(item, error);
    },
    async settled(item) {
      events.settled.push(item);
    },
  };
}

export function startFanoutWorker(
  spec: FanoutWorkerSpec,
  purpose: FanoutPurpose,
  logger: Logger = createLogger('silent'),
): { sender: FanoutSender; backend: QueueBackend; start(): void } {
  const backend = createQueueBackend({
    redisUrl: spec.redisUrl,
    databaseUrl: spec.databaseUrl,
    namespace: spec.namespace,
    logger,
  });
  const sender = new FanoutSender(backend, logger, spec.options);
  sender.register(TEST_PURPOSE, purpose);
  return {
    sender,
    backend,
    start: () => sender.start(createFanoutTransport(createCourierClient(spec.slack, logger))),
  };
}

/**
 * Runs this file as a child process (`tsx`), which starts a worker for `spec` and says "ready".
 * `tree`: the checkout whose copy of this file runs (bench `--baseline-tree`: an older commit's).
 */
export function spawnFanoutWorker(
  spec: FanoutWorkerSpec,
  tree = join(__dirname, '..', '..'),
): { child: ChildProcess; ready: Promise<void> } {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild
  // that a SIGKILL of the CLI would leave running.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(tree, 'test', 'support', 'fanout-worker.ts')],
    {
      cwd: tree,
      env: { ...process.env, FANOUT_WORKER_SPEC: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`fan-out worker exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

async function runAsChild(): Promise<void> {
  const spec = JSON.parse(process.env.FANOUT_WORKER_SPEC ?? '{}') as FanoutWorkerSpec;
  createSequelize(spec.databaseUrl);
  const worker = startFanoutWorker(spec, testPurpose({ permanentErrors: [], settled: [] }));
  worker.start();
  process.stdout.write('ready\n');
}

if (require.main === module) {
  runAsChild().catch((error: unknown) => {
    process.stderr.write(`fan-out worker failed: ${String(error)}\n`);
    process.exit(1);
  });
}
