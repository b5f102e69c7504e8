import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SlackEmulator } from '@gongwu/slack-emulator';
import {
  APP_MANIFEST_FILE,
  addExampleUsers,
  loadExampleOrg,
  seedExampleOrgIfEmpty,
} from '../../src/local-workspace';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './database';
import { type OwnRedis, startOwnRedis } from './own-redis';

/**
 * Real app processes (the entry point, started as the README says) against one PostgreSQL
 * database, one Redis of the test's own and one emulator the test controls — what several
 * replicas of the app share in production. Deadlines are made short: a round-the-clock calendar
 * and an SLA of seconds.
 */
const root = join(__dirname, '..', '..');

/** `seconds` as working hours (the unit of SLAs and escalation delays). */
export const hoursOf = (seconds: number) => String(seconds / 3600);

export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, mid-work. */
  kill(): Promise<void>;
}

export interface ReplicaStage {
  db: TestDatabase;
  redis: OwnRedis;
  emulator: SlackEmulator;
  env: Record<string, string>;
  /** Starts one more app process; the first one started receives Slack's deliveries. */
  startApp(name: string): Promise<AppProcess>;
  apps: AppProcess[];
  stop(): Promise<void>;
}

async function waitForRunning(name: string, output: () => string, exited: Promise<unknown>, ms: number) {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !gone) {
    for (const line of output().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'gongwu-slack is running' && entry.url) return entry.url;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`app process ${name} did not start${gone ? ' (it exited)' : ''}; output:\n${output()}`);
}

/** `tree`: the checkout whose `src/main.ts` runs (bench `--baseline-tree`: an older commit's). */
export async function startReplicaStage(
  settings: Record<string, string>,
  tree = root,
): Promise<ReplicaStage> {
  const db = await createTestDatabase();
  const org = await loadExampleOrg();
  await seedExampleOrgIfEmpty(org, createLogger('silent'));
  const redis = await startOwnRedis();
  const emulator = new SlackEmulator({ port: 0, appManifestPath: APP_MANIFEST_FILE });
  addExampleUsers(emulator, org);
  await emulator.start();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WORK_DAYS: '0-6',
    WORK_HOURS: '00:00-24:00',
    BACKUP_TIME: 'off',
    REPORT_MONTHLY: 'off',
    DRILL_TIME: 'off',
    ...settings,
  };
  const apps: AppProcess[] = [];
  const startApp = async (name: string): Promise<AppProcess> => {
    // Node itself with tsx's loader, not the tsx launcher: a SIGKILL must reach the app's own
    // process (the launcher would die alone and leave the app running).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: tree,
      env,
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
    const url = await waitForRunning(name, () => output, exited, 60_000);
    const app: AppProcess = {
      name,
      url,
      child,
      output: () => output,
      exited,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      },
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
    apps.push(app);
    if (apps.length === 1) emulator.setAppUrl(`${url}/slack/events`);
    return app;
  };
  return {
    db,
    redis,
    emulator,
    env,
    apps,
    startApp,
    async stop() {
      await Promise.all(apps.map((app) => app.kill()));
      await emulator.stop();
      await redis.stop();
      await db.drop();
    },
  };
}

/** `/leave` for one day as `requester`; returns the request's reference from the reply. */
export async function submitLeave(emulator: SlackEmulator, requester: string, date: string): Promise<string> {
  const before = emulator.ephemerals(requester).length;
  const result = await emulator.as(requester).command('/leave', `${date} ${date} annual Errand ${date}`);
  if (result.status !== 200) throw new Error(`/leave answered ${result.status}`);
  const reply = await emulator.waitFor(
    () =>
      emulator.ephemerals(requester).length > before
        ? JSON.stringify(emulator.ephemerals(requester).at(-1))
        : '',
    { timeoutMs: 15_000, intervalMs: 100, description: `${requester}'s reply to /leave` },
  );
  const reference = /LV-\d{4}-\d{4}/.exec(reply)?.[0];
  if (!reference) throw new Error(`no reference in ${reply}`);
  return reference;
}

/** Successful chat.postMessage calls into `userId`'s DM whose text starts with `marker` and names `reference`. */
export function dmPosts(emulator: SlackEmulator, userId: string, marker: string, reference: string): number {
  const channels = new Set([userId, emulator.dmChannelOf(userId)]);
  return emulator.callsTo('chat.postMessage').filter((call) => {
    const { channel, text } = call.args as { channel?: string; text?: string };
    return (
      call.ok &&
      channels.has(String(channel)) &&
      typeof text === 'string' &&
      text.startsWith(marker) &&
      text.includes(reference)
    );
  }).length;
}

/** Sum of one counter over the given app processes' /metrics. */
export async function metricSum(apps: AppProcess[], line: RegExp): Promise<number> {
  let total = 0;
  for (const app of apps) {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    for (const row of text.split('\n')) if (line.test(row)) total += Number(row.split(' ').at(-1));
  }
  return total;
}
