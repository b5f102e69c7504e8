/**
 * `npm run bench:ack`: acknowledgement latency and throughput of `/oa help` in HTTP mode, ours
 * against a bare Bolt app with a no-op listener, measured in the same run under the same load.
 *
 * This process: the orchestrator and the Slack workspace emulator (main thread), the load
 * generator and the response_url sink (worker thread). Each app under test: its own process, both
 * alive for the whole run and measured in alternating rounds, so a drift in the machine's speed
 * weighs on both alike. Ours answers `/oa help` in the acknowledgement's body, or through
 * response_url when the answer is not ready within its budget: either is the reply the person
 * sees. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SlackEmulator } from '@gongwu/slack-emulator';
import type { OrgFile } from '../src/domain/org/org-file';
import { addExampleUsers, loadExampleOrg } from '../src/local-workspace';
import { type ComparedFigure, comparisonJson, comparisonLines } from './lib/baseline';
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
  /** The app's V8 heap at the end of its last measured phase (before follow-ups are drained). */
  appHeapMb?: number;
  /** Throughput of each round, in order. */
  roundRps: number[];
  replies?: {
    expected: number;
    received: number;
    /** Of `received`, those in the acknowledgement's body; the rest came through response_url. */
    inAck: number;
    malformed: number;
    duplicates: number;
    drainMs: number;
    /** Replies per second from the phase's first request to its last reply. */
    completedRps: number;
    reply: LatencySummary;
  };
}

interface Target {
  name: string;
  eventsUrl: string;
  /** Whether each `/oa` is answered, in the ack or through response_url (ours), or only acknowledged (bare). */
  expectReplies: boolean;
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

/** `tree`: the checkout ours comes from (`--baseline-tree`: an older one); bare Bolt is always ours. */
async function startTarget(
  kind: 'bare' | 'ours',
  name: string,
  context: { emulator: SlackEmulator; org: OrgFile; options: AckBenchOptions; cleanups: Cleanup[] },
  tree?: string,
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
  const app = await TargetProcess.start(name, spec, options.cpuProfDir && resolve(options.cpuProfDir), tree);
  cleanups.push(() => app.stop());
  if (interrupted) throw new Error('interrupted');
  if (kind === 'ours') emulator.setAppUrl(app.eventsUrl);
  return { name, eventsUrl: app.eventsUrl, expectReplies: kind === 'ours', app };
}

/** One measured phase of one target: a round's share of the measured time. */
interface PhaseFigures {
  run: PhaseResult;
  drained: DrainResult | undefined;
  cpu: CpuShare;
  heapMb: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

type PhaseBase = Omit<PhaseSpec, 'phase' | 'targetUrl' | 'stop' | 'expectReplies'>;

interface Bench {
  load: LoadGenerator;
  base: PhaseBase;
  options: AckBenchOptions;
  nextPhase: () => number;
}

function runPhase(target: Target, bench: Bench, stop: PhaseSpec['stop']): Promise<PhaseResult> {
  return bench.load.run({
    ...bench.base,
    phase: bench.nextPhase(),
    targetUrl: target.eventsUrl,
    expectReplies: target.expectReplies,
    stop,
  });
}

async function warmUp(target: Target, bench: Bench): Promise<void> {
  const { options, load } = bench;
  if (options.warmupS <= 0) return;
  log(`  ${target.name}: warm-up ${options.warmupS} s`);
  const warm = await runPhase(target, bench, { kind: 'duration', ms: options.warmupS * 1000 });
  if (!target.expectReplies) return;
  const drained = await load.drain(warm.phase, options.drainTimeoutS * 1000);
  if (drained.received < drained.expected) {
    log(`  ${target.name}: warm-up replies ${drained.received}/${drained.expected} at the drain timeout`);
  }
}

const sum = (values: number[]) => values.reduce((n, v) => n + v, 0);

const idleCpuMs = async (idle: Target[]) =>
  sum(await Promise.all(idle.map(async (t) => cpuMs((await t.app.stats()).cpu))));

/**
 * One measured phase of `target` while `idle` (the other apps) wait. The idle apps' own CPU
 * (timers, queue polling) is taken out of "other", which is meant for other programs.
 */
async function measurePhase(
  target: Target,
  idle: Target[],
  bench: Bench,
  stop: PhaseSpec['stop'],
): Promise<PhaseFigures> {
  const [app0, idle0] = await Promise.all([target.app.stats(), idleCpuMs(idle)]);
  const cpu = cpuMeter(cpuMs(app0.cpu));
  const started = performance.now();
  const run = await runPhase(target, bench, stop);
  const wallMs = performance.now() - started;
  const [app1, idle1] = await Promise.all([target.app.stats(), idleCpuMs(idle)]);
  const share = cpu(cpuMs(app1.cpu));
  const idleCores = (idle1 - idle0) / wallMs;
  share.other = Math.max(0, share.other - idleCores);
  if ((run.statuses['200'] ?? 0) === 0) {
    throw new Error(
      `${target.name}: no request was acknowledged (statuses ${JSON.stringify(run.statuses)}, errors ${JSON.stringify(run.errors)})`,
    );
  }
  const drained = target.expectReplies
    ? await bench.load.drain(run.phase, bench.options.drainTimeoutS * 1000)
    : undefined;
  return { run, drained, cpu: share, heapMb: app1.heapUsedBytes / 2 ** 20 };
}

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  return into;
}

/** A target's rounds as one run: counts and time summed, latencies pooled, CPU weighted by time. */
function combine(name: string, phases: PhaseFigures[]): RunSummary {
  const runs = phases.map((p) => p.run);
  const elapsedMs = sum(runs.map((r) => r.elapsedMs));
  const sent = sum(runs.map((r) => r.sent));
  const ok = sum(runs.map((r) => r.statuses['200'] ?? 0));
  const latencies = concat(runs.map((r) => r.latencies));
  const weighted = (pick: (cpu: CpuShare) => number | undefined) => {
    const values = phases.map((p) => pick(p.cpu));
    if (values.some((v) => v === undefined)) return undefined;
    return sum(values.map((v, i) => (v ?? 0) * runs[i]!.elapsedMs)) / elapsedMs;
  };
  const summary: RunSummary = {
    name,
    sent,
    ok,
    non200: sent - ok,
    statuses: runs.reduce((all, r) => addCounts(all, r.statuses), {}),
    errors: runs.reduce((all, r) => addCounts(all, r.errors), {}),
    elapsedMs,
    rps: ok / (elapsedMs / 1000),
    ack: summarize(Float64Array.from(latencies)),
    latencies,
    cpu: {
      app: weighted((c) => c.app) ?? 0,
      bench: weighted((c) => c.bench) ?? 0,
      services: weighted((c) => c.services),
      other: weighted((c) => c.other) ?? 0,
    },
    appHeapMb: phases.at(-1)?.heapMb,
    roundRps: runs.map((r) => (r.statuses['200'] ?? 0) / (r.elapsedMs / 1000)),
  };
  const drains = phases.flatMap((p) => (p.drained ? [p.drained] : []));
  if (drains.length) {
    const received = sum(drains.map((d) => d.received));
    summary.replies = {
      expected: sum(drains.map((d) => d.expected)),
      received,
      inAck: sum(drains.map((d) => d.inAck)),
      malformed: sum(drains.map((d) => d.malformed)),
      duplicates: sum(drains.map((d) => d.duplicates)),
      drainMs: Math.max(...drains.map((d) => d.drainMs)),
      completedRps: received / (sum(drains.map((d) => d.totalMs)) / 1000),
      reply: summarize(concat(drains.map((d) => d.replyLatencies))),
    };
  }
  return summary;
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

/** `--baseline-tree`: ours from the old checkout against ours from this one (the issue's 10 % rule). */
function againstOldTree(old: RunSummary, ours: RunSummary): ComparedFigure[] {
  const cpuMsPerRequest = (r: RunSummary) => ((r.cpu?.app ?? 0) * 1000) / r.rps;
  return [
    { label: 'acks/s', baseline: old.rps, current: ours.rps, better: 'higher', digits: 0 },
    { label: 'ack p50 ms', baseline: old.ack.p50, current: ours.ack.p50, better: 'lower', digits: 2 },
    { label: 'ack p99 ms', baseline: old.ack.p99, current: ours.ack.p99, better: 'lower', digits: 2 },
    {
      label: 'app CPU ms per ack',
      baseline: cpuMsPerRequest(old),
      current: cpuMsPerRequest(ours),
      better: 'lower',
      digits: 3,
    },
  ];
}

function report(options: AckBenchOptions, baseline: RunSummary, ours: RunSummary, old?: RunSummary): void {
  const runs = old ? [baseline, old, ours] : [baseline, ours];
  const compared = old ? againstOldTree(old, ours) : undefined;
  const header = [
    'run',
    'requests',
    'non-200',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'replies',
    'in ack',
    'e2e req/s',
    'reply p50',
    'reply p99',
    'drain ms',
    'CPU app/bench/db/other',
    'heap MB',
  ];
  const rows = runs.map((r) => [
    r.name,
    String(r.sent),
    String(r.non200),
    fixed(r.rps, 0),
    fixed(r.ack.p50, 2),
    fixed(r.ack.p95, 2),
    fixed(r.ack.p99, 2),
    fixed(r.ack.max, 1),
    r.replies ? `${r.replies.received}/${r.replies.expected}` : '—',
    r.replies ? String(r.replies.inAck) : '—',
    fixed(r.replies?.completedRps, 0),
    fixed(r.replies?.reply.p50, 1),
    fixed(r.replies?.reply.p99, 1),
    fixed(r.replies?.drainMs, 0),
    r.cpu
      ? [r.cpu.app, r.cpu.bench, r.cpu.services, r.cpu.other].map((cores) => fixed(cores, 2)).join('/')
      : '—',
    fixed(r.appHeapMb, 0),
  ]);
  const ratio = ours.rps / baseline.rps;
  // Per round: how far the ratio moved while the machine's speed drifted.
  const roundRatios = ours.roundRps.map((rps, i) => rps / (baseline.roundRps[i] ?? Number.NaN));
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
    } per app in ${options.rounds} alternating round${options.rounds === 1 ? '' : 's'} after ${options.warmupS} s warm-up each, our queue on ${options.queue}`,
  );
  out(`${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`);
  out();
  out(table([header, ...rows]));
  out();
  out(
    'ack = request sent → HTTP response received (req/s and p50…max are about this); reply = the answer the',
  );
  out('person sees: in the ack\'s body ("in ack": reply latency = ack latency) or else the response_url');
  out('follow-up (request sent → follow-up received); e2e req/s = replies / (first request → last reply);');
  out('drain = last ack → last reply. Latencies in ms, nearest-rank percentiles over every request.');
  out('CPU = cores busy while that app was measured: app process / this process (load generator, emulator,');
  out(`sink) / PostgreSQL + Redis processes / everything else (other programs: noise), of ${cpus().length}.`);
  out('heap MB = the app process heap at the end of its last round.');
  out();
  out(
    `ours vs ${baseline.name}: throughput ${fixed(ratio, 2)} ×, p50 ${signed(ours.ack.p50 - baseline.ack.p50)} ms, p99 ${signed(p99Diff)} ms`,
  );
  out(
    `per round: bare ${baseline.roundRps.map((r) => fixed(r, 0)).join(', ')} req/s; ours ${ours.roundRps
      .map((r) => fixed(r, 0))
      .join(', ')} req/s; ratio ${roundRatios.map((r) => fixed(r, 2)).join(', ')}`,
  );
  if (old && compared) {
    out(`per round: ${old.name} ${old.roundRps.map((r) => fixed(r, 0)).join(', ')} req/s`);
    out();
    for (const line of comparisonLines(`ours against ${old.name} (${options.baselineTree}):`, compared))
      out(line);
  }
  if (ours.replies && ours.replies.received < ours.replies.expected) {
    out(
      `WARNING: only ${ours.replies.received} of ${ours.replies.expected} replies arrived within ${options.drainTimeoutS} s`,
    );
  }
  if (ours.replies && (ours.replies.malformed || ours.replies.duplicates)) {
    out(
      `WARNING: ${ours.replies.malformed} malformed replies (not an ephemeral help message) and ${ours.replies.duplicates} duplicate follow-ups`,
    );
  }
  const noisy = runs.filter((r) => (r.cpu?.other ?? 0) > NOISE_CORES);
  if (noisy.length) {
    out(
      `NOISE: other programs used ${noisy.map((r) => `${fixed(r.cpu?.other, 2)} cores while "${r.name}" was measured`).join(', ')}; rerun on a quieter machine`,
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
      ...(r.replies
        ? {
            replies: {
              expected: r.replies.expected,
              received: r.replies.received,
              inAck: r.replies.inAck,
              viaResponseUrl: r.replies.received - r.replies.inAck,
              malformed: r.replies.malformed,
              duplicates: r.replies.duplicates,
              drainMs: Math.round(r.replies.drainMs),
              completedRps: Math.round(r.replies.completedRps),
              latency: {
                p50: ms(r.replies.reply.p50),
                p95: ms(r.replies.reply.p95),
                p99: ms(r.replies.reply.p99),
              },
            },
          }
        : {}),
    })),
    rounds: options.rounds,
    roundRatios: roundRatios.map((r) => Math.round(r * 1000) / 1000),
    baseline: { name: baseline.name, rps: Math.round(baseline.rps), p99: ms(baseline.ack.p99) },
    throughputRatio: Math.round(ratio * 1000) / 1000,
    p99DiffMs: ms(p99Diff),
    ...(compared ? { againstBaselineTree: comparisonJson(compared) } : {}),
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

    const bench: Bench = { load: generator, base, options, nextPhase };
    log(
      `ack bench: ${users.length} users round-robin, concurrency ${options.concurrency}, replies in the ack or through response_url → local sink`,
    );
    // Both apps stay up for the whole run; each is measured in turns.
    const targets: Target[] = [];
    const starts: Array<{ kind: 'bare' | 'ours'; name: string; tree?: string }> = [
      { kind: 'bare', name: 'bare Bolt' },
      ...(options.baselineTree
        ? [{ kind: 'ours' as const, name: 'ours (baseline tree)', tree: options.baselineTree }]
        : []),
      { kind: 'ours', name: 'ours' },
    ];
    for (const { kind, name, tree } of starts) {
      if (interrupted) throw new Error('interrupted');
      log(`· ${name}: starting (own process)`);
      targets.push(await startTarget(kind, name, { emulator, org, options, cleanups }, tree));
    }
    const bare = targets[0]!;
    const ours = targets.at(-1)!;
    const old = options.baselineTree ? targets[1] : undefined;
    for (const target of targets) await warmUp(target, bench);

    const stop: PhaseSpec['stop'] = options.requests
      ? { kind: 'requests', count: Math.ceil(options.requests / options.rounds) }
      : { kind: 'duration', ms: (options.durationS * 1000) / options.rounds };
    const phases = new Map<Target, PhaseFigures[]>(targets.map((t) => [t, []]));
    for (let round = 1; round <= options.rounds; round += 1) {
      // Alternate who goes first, so a steady drift favours neither.
      const order = round % 2 === 1 ? targets : [...targets].reverse();
      for (const target of order) {
        if (interrupted) throw new Error('interrupted');
        const idle = targets.filter((t) => t !== target);
        const figures = await measurePhase(target, idle, bench, stop);
        phases.get(target)!.push(figures);
        const ok = figures.run.statuses['200'] ?? 0;
        log(
          `  round ${round}/${options.rounds} ${target.name}: ${fixed(ok / (figures.run.elapsedMs / 1000), 0)} req/s`,
        );
      }
    }
    const baseline = combine(bare.name, phases.get(bare)!);
    const oursSummary = combine(ours.name, phases.get(ours)!);
    const oldSummary = old && combine(old.name, phases.get(old)!);
    const closed = await generator.close();
    if (closed?.stray) log(`note: ${closed.stray} follow-ups went to response_urls the sink never issued`);
    report(options, baseline, oursSummary, oldSummary);
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
