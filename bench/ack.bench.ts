/**
 * `npm run bench:ack`: acknowledgement latency and throughput of `/oa help` in HTTP mode, ours
 * against a bare Bolt app with a no-op listener, measured in the same run under the same load.
 *
 * This process: the orchestrator and the Slack workspace emulator (main thread), the load
 * generator and the response_url sink (worker thread). Each app under test: its own process.
 * See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { OrgFile } from '../src/domain/org/org-file';
import { addExampleUsers, loadExampleOrg } from '../src/local-workspace';
import { SlackEmulator } from '../src/sandbox';
import { type CpuShare, cpuMeter } from './lib/cpu';
import { LoadGenerator } from './lib/load-client';
import type { DrainResult, PhaseResult, PhaseSpec } from './lib/load-protocol';
import { type AckBenchOptions, parseOptions, USAGE, UsageError } from './lib/options';
import { concat, type LatencySummary, ms, summarize } from './lib/stats';
import { TargetProcess } from './lib/target-client';
import type { TargetSpec } from './lib/target-protocol';
import { deleteRedisKeys, prepareOursDatabase, type SlackSide } from './lib/targets';

const GOAL_P99_MS = 50;
const GOAL_CONCURRENCY = 32;
const GOAL_THROUGHPUT_RATIO = 0.7;
/** Cores used by other programs during a run above which its figures are flagged as disturbed. */
const NOISE_CORES = 0.25;

interface RunSummary {
  name: string;
  sent: number;
  ok: number;
  non200: number;
  statuses: Record<string, number>;
  errors: Record<string, number>;
  elapsedMs: number;
  rps: number;
  ack: LatencySummary;
  latencies: Float64Array;
  /** Cores busy during the measured phase. */
  cpu?: CpuShare;
  /** The app's V8 heap at the end of the measured phase (before follow-ups are drained). */
  appHeapMb?: number;
  followUps?: {
    expected: number;
    received: number;
    malformed: number;
    duplicates: number;
    drainMs: number;
    /** Follow-ups per second from the phase's first request to its last follow-up. */
    completedRps: number;
    reply: LatencySummary;
  };
}

interface Target {
  name: string;
  eventsUrl: string;
  /** Whether each `/oa` is answered through response_url (ours) or only acknowledged (bare). */
  followUps: boolean;
  app: TargetProcess;
}

type Cleanup = () => Promise<unknown>;

/** Set on SIGINT/SIGTERM: the run stops, cleans up and exits with 130. */
let interrupted = false;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Form bodies as Slack sends them for `/oa help` from each person's DM with the app. */
function bodyPrefixes(emulator: SlackEmulator, users: string[]): string[] {
  const teamDomain = emulator.teamName.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'sandbox';
  return users.map((userId) => {
    const user = emulator.user(userId);
    if (!user) throw new Error(`No user ${userId} in the emulator (BENCH_USERS?)`);
    return new URLSearchParams({
      token: emulator.verificationToken,
      team_id: emulator.teamId,
      team_domain: teamDomain,
      channel_id: emulator.dmChannelOf(userId),
      channel_name: 'directmessage',
      user_id: userId,
      user_name: user.name,
      command: '/oa',
      text: 'help',
      api_app_id: emulator.appId,
      is_enterprise_install: 'false',
    }).toString();
  });
}

async function startTarget(
  kind: 'bare' | 'ours',
  name: string,
  context: { emulator: SlackEmulator; org: OrgFile; options: AckBenchOptions; cleanups: Cleanup[] },
): Promise<Target> {
  const { emulator, org, options, cleanups } = context;
  const slack: SlackSide = {
    botToken: emulator.botToken,
    signingSecret: emulator.signingSecret,
    apiUrl: emulator.apiUrl,
  };
  let spec: TargetSpec;
  if (kind === 'bare') {
    spec = { kind, slack };
  } else {
    const db = await prepareOursDatabase(org);
    cleanups.push(() => db.drop());
    if (interrupted) throw new Error('interrupted');
    const queueNamespace = `bench_${randomBytes(4).toString('hex')}`;
    if (options.queue === 'redis') cleanups.push(() => deleteRedisKeys(options.redisUrl, queueNamespace));
    spec = {
      kind,
      slack,
      databaseUrl: db.url,
      redisUrl: options.queue === 'redis' ? options.redisUrl : undefined,
      queueNamespace,
    };
  }
  const app = await TargetProcess.start(name, spec, options.cpuProfDir && resolve(options.cpuProfDir));
  cleanups.push(() => app.stop());
  if (interrupted) throw new Error('interrupted');
  if (kind === 'ours') emulator.setAppUrl(app.eventsUrl);
  return { name, eventsUrl: app.eventsUrl, followUps: kind === 'ours', app };
}

function summarizeRun(name: string, run: PhaseResult, drained: DrainResult | undefined): RunSummary {
  const ok = run.statuses['200'] ?? 0;
  const latencies = Float64Array.from(run.latencies);
  const summary: RunSummary = {
    name,
    sent: run.sent,
    ok,
    non200: run.sent - ok,
    statuses: run.statuses,
    errors: run.errors,
    elapsedMs: run.elapsedMs,
    rps: ok / (run.elapsedMs / 1000),
    ack: summarize(run.latencies),
    latencies,
  };
  if (drained) {
    summary.followUps = {
      expected: drained.expected,
      received: drained.received,
      malformed: drained.malformed,
      duplicates: drained.duplicates,
      drainMs: drained.drainMs,
      completedRps: drained.received / (drained.totalMs / 1000),
      reply: summarize(drained.replyLatencies),
    };
  }
  return summary;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function measure(
  target: Target,
  load: LoadGenerator,
  base: Omit<PhaseSpec, 'phase' | 'targetUrl' | 'stop' | 'followUps'>,
  options: AckBenchOptions,
  nextPhase: () => number,
): Promise<RunSummary> {
  const drainTimeoutMs = options.drainTimeoutS * 1000;
  const phase = (stop: PhaseSpec['stop']) =>
    load.run({ ...base, phase: nextPhase(), targetUrl: target.eventsUrl, followUps: target.followUps, stop });

  if (options.warmupS > 0) {
    log(`  ${target.name}: warm-up ${options.warmupS} s`);
    const warm = await phase({ kind: 'duration', ms: options.warmupS * 1000 });
    if (target.followUps) {
      const drained = await load.drain(warm.phase, drainTimeoutMs);
      if (drained.received < drained.expected) {
        log(
          `  ${target.name}: warm-up follow-ups ${drained.received}/${drained.expected} at the drain timeout`,
        );
      }
    }
  }
  const stop: PhaseSpec['stop'] = options.requests
    ? { kind: 'requests', count: options.requests }
    : { kind: 'duration', ms: options.durationS * 1000 };
  log(
    `  ${target.name}: measuring ${options.requests ? `${options.requests} requests` : `${options.durationS} s`}`,
  );

  const app0 = await target.app.stats();
  const cpu = cpuMeter(cpuMs(app0.cpu));
  const run = await phase(stop);
  const app1 = await target.app.stats();
  const cpuShare = cpu(cpuMs(app1.cpu));

  if ((run.statuses['200'] ?? 0) === 0) {
    throw new Error(
      `${target.name}: no request was acknowledged (statuses ${JSON.stringify(run.statuses)}, errors ${JSON.stringify(run.errors)})`,
    );
  }
  const drained = target.followUps ? await load.drain(run.phase, drainTimeoutMs) : undefined;
  return {
    ...summarizeRun(target.name, run, drained),
    cpu: cpuShare,
    appHeapMb: app1.heapUsedBytes / 2 ** 20,
  };
}

function pooled(name: string, runs: RunSummary[]): RunSummary {
  const ok = runs.reduce((n, r) => n + r.ok, 0);
  const elapsedMs = runs.reduce((n, r) => n + r.elapsedMs, 0);
  const sent = runs.reduce((n, r) => n + r.sent, 0);
  const latencies = concat(runs.map((r) => r.latencies));
  return {
    name,
    sent,
    ok,
    non200: sent - ok,
    statuses: {},
    errors: {},
    elapsedMs,
    rps: ok / (elapsedMs / 1000),
    ack: summarize(latencies),
    latencies,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

const fixed = (value: number | undefined, digits = 1) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—';
const signed = (value: number) => `${value >= 0 ? '+' : ''}${fixed(value, 2)}`;

function report(options: AckBenchOptions, runs: RunSummary[], baseline: RunSummary, ours: RunSummary): void {
  const header = [
    'run',
    'requests',
    'non-200',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'follow-ups',
    'e2e req/s',
    'reply p50',
    'reply p99',
    'drain ms',
    'CPU app/bench/db/other',
    'heap MB',
  ];
  const rows = [...runs, ...(baseline === runs[0] ? [] : [baseline])].map((r) => [
    r.name,
    String(r.sent),
    String(r.non200),
    fixed(r.rps, 0),
    fixed(r.ack.p50, 2),
    fixed(r.ack.p95, 2),
    fixed(r.ack.p99, 2),
    fixed(r.ack.max, 1),
    r.followUps ? `${r.followUps.received}/${r.followUps.expected}` : '—',
    fixed(r.followUps?.completedRps, 0),
    fixed(r.followUps?.reply.p50, 0),
    fixed(r.followUps?.reply.p99, 0),
    fixed(r.followUps?.drainMs, 0),
    r.cpu
      ? [r.cpu.app, r.cpu.bench, r.cpu.services, r.cpu.other].map((cores) => fixed(cores, 2)).join('/')
      : '—',
    fixed(r.appHeapMb, 0),
  ]);
  const ratio = ours.rps / baseline.rps;
  const p99Diff = ours.ack.p99 - baseline.ack.p99;
  const non200 = runs.reduce((n, r) => n + r.non200, 0);
  const goals = [
    {
      key: 'p99Under50ms',
      pass: ours.ack.p99 < GOAL_P99_MS,
      text: `our p99 ack < ${GOAL_P99_MS} ms at concurrency ${GOAL_CONCURRENCY}: ${fixed(ours.ack.p99, 2)} ms${
        options.concurrency === GOAL_CONCURRENCY ? '' : ` (measured at concurrency ${options.concurrency})`
      }`,
    },
    {
      key: 'throughputAtLeast70pct',
      pass: ratio >= GOAL_THROUGHPUT_RATIO,
      text: `our throughput ≥ ${GOAL_THROUGHPUT_RATIO} × bare: ${fixed(ours.rps, 0)} / ${fixed(baseline.rps, 0)} req/s = ${fixed(ratio, 2)} ×`,
    },
    { key: 'zeroNon200', pass: non200 === 0, text: `non-200 responses = 0 (all runs): ${non200}` },
  ];

  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  out(
    `/oa help acknowledgement benchmark — HTTP mode, concurrency ${options.concurrency}, ${
      options.requests ? `${options.requests} requests` : `${options.durationS} s`
    } per run after ${options.warmupS} s warm-up, our queue on ${options.queue}`,
  );
  out(`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`);
  out();
  out(table([header, ...rows]));
  out();
  out(
    'ack = request sent → HTTP response received (req/s and p50…max are about this); reply = request sent →',
  );
  out('its response_url follow-up received; e2e req/s = follow-ups / (first request → last follow-up);');
  out('drain = last ack → last follow-up. Latencies in ms, nearest-rank percentiles over every request.');
  out('CPU = cores busy during the measured phase: app process / this process (load generator, emulator,');
  out(`sink) / PostgreSQL + Redis processes / everything else (other programs: noise), of ${cpus().length}.`);
  out('heap MB = the app process heap at the end of the measured phase.');
  out();
  out(
    `ours vs ${baseline.name}: throughput ${fixed(ratio, 2)} ×, p50 ${signed(ours.ack.p50 - baseline.ack.p50)} ms, p99 ${signed(p99Diff)} ms`,
  );
  if (ours.followUps && ours.followUps.received < ours.followUps.expected) {
    out(
      `WARNING: only ${ours.followUps.received} of ${ours.followUps.expected} follow-ups arrived within ${options.drainTimeoutS} s`,
    );
  }
  if (ours.followUps && (ours.followUps.malformed || ours.followUps.duplicates)) {
    out(
      `WARNING: ${ours.followUps.malformed} malformed and ${ours.followUps.duplicates} duplicate follow-ups`,
    );
  }
  const noisy = runs.filter((r) => (r.cpu?.other ?? 0) > NOISE_CORES);
  if (noisy.length) {
    out(
      `NOISE: other programs used ${noisy.map((r) => `${fixed(r.cpu?.other, 2)} cores during "${r.name}"`).join(', ')}; rerun on a quieter machine`,
    );
  }
  for (const r of runs) {
    if (r.non200) out(`${r.name}: statuses ${JSON.stringify(r.statuses)} errors ${JSON.stringify(r.errors)}`);
  }
  out();
  for (const goal of goals) out(`${goal.pass ? 'PASS' : 'FAIL'}  ${goal.text}`);
  out();

  const json = {
    bench: 'ack',
    concurrency: options.concurrency,
    durationS: options.requests ? undefined : options.durationS,
    requests: options.requests,
    warmupS: options.warmupS,
    queue: options.queue,
    cpus: cpus().length,
    node: process.version,
    runs: runs.map((r) => ({
      name: r.name,
      sent: r.sent,
      non200: r.non200,
      rps: Math.round(r.rps),
      ack: {
        p50: ms(r.ack.p50),
        p95: ms(r.ack.p95),
        p99: ms(r.ack.p99),
        max: ms(r.ack.max),
        mean: ms(r.ack.mean),
      },
      ...(r.cpu
        ? {
            cpu: {
              app: ms(r.cpu.app),
              bench: ms(r.cpu.bench),
              ...(r.cpu.services === undefined ? {} : { db: ms(r.cpu.services) }),
              other: ms(r.cpu.other),
            },
          }
        : {}),
      ...(r.appHeapMb !== undefined ? { appHeapMb: Math.round(r.appHeapMb) } : {}),
      ...(r.followUps
        ? {
            followUps: {
              expected: r.followUps.expected,
              received: r.followUps.received,
              malformed: r.followUps.malformed,
              duplicates: r.followUps.duplicates,
              drainMs: Math.round(r.followUps.drainMs),
              completedRps: Math.round(r.followUps.completedRps),
              reply: {
                p50: Math.round(r.followUps.reply.p50),
                p95: Math.round(r.followUps.reply.p95),
                p99: Math.round(r.followUps.reply.p99),
              },
            },
          }
        : {}),
    })),
    baseline: { name: baseline.name, rps: Math.round(baseline.rps), p99: ms(baseline.ack.p99) },
    throughputRatio: Math.round(ratio * 1000) / 1000,
    p99DiffMs: ms(p99Diff),
    goals: Object.fromEntries(goals.map((g) => [g.key, g.pass])),
    pass: goals.every((g) => g.pass),
  };
  out(JSON.stringify(json));
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed;

  const cleanups: Cleanup[] = [];
  let load: LoadGenerator | undefined;
  // Serialized: a cleanup started by a signal finishes before the final one returns.
  let cleaning = Promise.resolve();
  const cleanUp = () => {
    cleaning = cleaning.then(async () => {
      for (const step of cleanups.splice(0).reverse()) {
        await step().catch((error: unknown) =>
          log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    });
    return cleaning;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping and cleaning up`);
    // Stopping the load generator and the app makes the run fail at once; the finally below then
    // cleans up whatever was created meanwhile.
    void (load?.close() ?? Promise.resolve()).finally(() => cleanUp());
    setTimeout(() => process.exit(130), 30_000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const org = await loadExampleOrg();
    const emulator = new SlackEmulator({ port: 0 });
    addExampleUsers(emulator, org);
    await emulator.start();
    cleanups.push(() => emulator.stop());

    const users = options.users.length
      ? options.users
      : org.people.flatMap((p) => (p.slackId ? [p.slackId] : []));
    const generator = new LoadGenerator();
    load = generator;
    cleanups.push(() => generator.close());
    await generator.init();
    const base = {
      signingSecret: emulator.signingSecret,
      concurrency: options.concurrency,
      bodyPrefixes: bodyPrefixes(emulator, users),
      timeoutMs: options.timeoutMs,
    };
    let phase = 0;
    const nextPhase = () => ++phase;

    const plan: Array<{ kind: 'bare' | 'ours'; name: string }> = [
      { kind: 'bare', name: 'bare Bolt' },
      { kind: 'ours', name: 'ours' },
      ...(options.bareAgain ? [{ kind: 'bare' as const, name: 'bare Bolt again' }] : []),
    ];
    log(
      `ack bench: ${users.length} users round-robin, concurrency ${options.concurrency}, response_url → local sink`,
    );
    const runs: RunSummary[] = [];
    for (const step of plan) {
      if (interrupted) throw new Error('interrupted');
      log(`· ${step.name}: starting (own process)`);
      const mark = cleanups.length;
      const target = await startTarget(step.kind, step.name, { emulator, org, options, cleanups });
      const summary = await measure(target, generator, base, options, nextPhase);
      if (interrupted) throw new Error('interrupted');
      runs.push(summary);
      log(
        `  ${step.name}: ${summary.rps.toFixed(0)} req/s, p99 ${summary.ack.p99.toFixed(2)} ms, app heap ${fixed(summary.appHeapMb, 0)} MB`,
      );
      // Stop the app and drop what it used before the next run starts.
      const failures: unknown[] = [];
      for (const undo of cleanups.splice(mark).reverse())
        await undo().catch((e: unknown) => failures.push(e));
      if (failures.length) throw failures[0];
    }

    const bareRuns = runs.filter((r) => r.name.startsWith('bare'));
    const baseline = bareRuns.length > 1 ? pooled('bare Bolt (pooled)', bareRuns) : bareRuns[0]!;
    const ours = runs.find((r) => r.name === 'ours')!;
    const closed = await generator.close();
    if (closed?.stray) log(`note: ${closed.stray} follow-ups went to response_urls the sink never issued`);
    report(options, runs, baseline, ours);
    return 0;
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(interrupted ? 130 : code),
  (error: unknown) => {
    if (interrupted) process.exit(130);
    process.stderr.write(
      `ack bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
