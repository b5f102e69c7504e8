import { randomBytes } from 'node:crypto';
import { SlackEmulator } from '@gongwu/slack-emulator';
import { fanoutProgress, insertFanoutItems } from '../src/db/repositories/fanout.repository';
import { createTestDatabase } from '../test/support/database';
import {
  type FanoutWorkerSpec,
  spawnFanoutWorker,
  startFanoutWorker,
  TEST_PURPOSE,
  testPurpose,
} from '../test/support/fanout-worker';
import { type ComparedFigure, comparisonJson, comparisonLines } from './lib/baseline';
import { type AckBenchFigures, ackReport, runAckBench } from './lib/fanout-acks';
import { type FanoutBenchOptions, parseFanoutOptions, USAGE, UsageError } from './lib/fanout-options';
import { addToEmulator, benchPeople } from './lib/fanout-people';

/**
 * bench:fanout — chase N people through the emulator with Slack's limits enforced (per channel
 * 3 per 3 s; a workspace cap equal to our ceiling), with sender processes of which one is
 * SIGKILLed mid-run and replaced. Prints the send rate as a fraction of the ceiling, and
 * duplicates and losses counted from the emulator's messages. Then N people acknowledge one
 * announcement (lib/fanout-acks.ts): clicks/s, ack latency and chat.update calls per 1,000.
 */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseFanoutOptions>;
  try {
    options = parseFanoutOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const old = options.baselineTree;
  if (!old) {
    if (options.people > 0) await chaseBench(options);
    if (options.acks > 0)
      for (const line of ackReport(await runAckBench(options.acks, options.clickers, log))) log(line);
    return;
  }
  // Old, new, then new, old: a steady drift of the machine's speed weighs on both checkouts alike.
  const compared: ComparedFigure[] = [];
  if (options.people > 0) {
    log(`— chase, baseline tree (${old})`);
    const before = await chaseBench(options, old);
    log('— chase, current tree');
    const now = await chaseBench(options);
    compared.push({
      label: 'chase sends/s',
      baseline: before.achieved,
      current: now.achieved,
      better: 'higher',
    });
  }
  if (options.acks > 0) {
    log('— acknowledgements, current tree');
    const now = await runAckBench(options.acks, options.clickers, log);
    for (const line of ackReport(now)) log(line);
    log(`— acknowledgements, baseline tree (${old})`);
    const before = await runAckBench(options.acks, options.clickers, log, old);
    for (const line of ackReport(before)) log(line);
    compared.push(...ackFigures(before, now));
  }
  log('');
  for (const line of comparisonLines(`current against the baseline tree (${old}):`, compared)) log(line);
  log(JSON.stringify({ bench: 'fanout', againstBaselineTree: comparisonJson(compared) }));
}

function ackFigures(before: AckBenchFigures, now: AckBenchFigures): ComparedFigure[] {
  return [
    {
      label: 'ack clicks/s',
      baseline: before.clicksPerSecond,
      current: now.clicksPerSecond,
      better: 'higher',
    },
    { label: 'ack answer p95 ms', baseline: before.answer.p95, current: now.answer.p95, better: 'lower' },
    {
      label: 'click → confirmation p95 ms',
      baseline: before.confirmation.p95,
      current: now.confirmation.p95,
      better: 'lower',
    },
  ];
}

/** `tree`: the checkout whose sender processes run (`--baseline-tree`); this one by default. */
async function chaseBench(options: FanoutBenchOptions, tree?: string): Promise<{ achieved: number }> {
  const { people: count, rate } = options;
  const db = await createTestDatabase();
  const emulator = new SlackEmulator({ port: 0 });
  const children: ReturnType<typeof spawnFanoutWorker>[] = [];
  try {
    const people = benchPeople('UB', count);
    addToEmulator(emulator, people);
    await emulator.start();
    emulator.enableRateLimits({
      'chat.postMessage': [
        { limit: 3, windowMs: 3000, per: 'channel' },
        { limit: rate, windowMs: 1000 },
      ],
    });
    const spec: FanoutWorkerSpec = {
      databaseUrl: db.url,
      redisUrl: options.queue === 'redis' ? options.redisUrl : undefined,
      namespace: `bench_fanout_${randomBytes(4).toString('hex')}`,
      slack: { botToken: emulator.botToken, apiUrl: emulator.apiUrl },
      options: { postsPerSecond: rate, concurrency: 16, leaseSeconds: 15, reconcileEveryMs: 5000 },
    };
    const batch = 'bench-chase';
    await insertFanoutItems(
      people.map((person) => ({
        itemKey: `${batch}-${person}`,
        batchKey: batch,
        purpose: TEST_PURPOSE,
        method: 'post' as const,
        channel: person,
        subject: { text: `Please acknowledge ANN-BENCH (${person})` },
        priority: 9,
      })),
    );
    for (let i = 0; i < options.workers; i += 1) children.push(spawnFanoutWorker(spec, tree));
    await Promise.all(children.map((child) => child.ready));
    const producer = startFanoutWorker(spec, testPurpose({ permanentErrors: [], settled: [] }));
    process.stdout.write(
      `chasing ${count} people at a ceiling of ${rate}/s with ${options.workers} sender processes (${options.queue} queue)\n`,
    );
    await producer.sender.kick();
    const posted = () => emulator.callsTo('chat.postMessage').filter((call) => call.ok);
    await emulator.waitFor(() => posted().length >= count * 0.4, { timeoutMs: 600_000, intervalMs: 100 });
    children[0]!.child.kill('SIGKILL');
    process.stdout.write(
      `killed one sender (SIGKILL) after ${posted().length} messages; starting a replacement\n`,
    );
    const replacement = spawnFanoutWorker(spec, tree);
    children.push(replacement);
    await replacement.ready;
    await emulator.waitFor(async () => (await fanoutProgress(batch)).pending === 0, {
      timeoutMs: 900_000,
      intervalMs: 250,
    });
    const ok = posted();
    const first = ok[0]!.at;
    const last = ok.at(-1)!.at;
    const achieved = (ok.length - 1) / ((last - first) / 1000);
    let duplicates = 0;
    let losses = 0;
    for (const person of people) {
      const n = emulator.messages(emulator.dmChannelOf(person)).length;
      if (n === 0) losses += 1;
      if (n > 1) duplicates += n - 1;
    }
    const limited = emulator.callsTo('chat.postMessage').filter((call) => call.status === 429).length;
    const history = emulator.callsTo('conversations.history').length;
    process.stdout.write(
      [
        `messages sent:          ${ok.length} in ${((last - first) / 1000).toFixed(1)} s`,
        `achieved rate:          ${achieved.toFixed(1)}/s = ${(achieved / rate).toFixed(3)} of the ceiling (${rate}/s)`,
        `duplicates:             ${duplicates}`,
        `losses:                 ${losses}`,
        `429 answers:            ${limited}`,
        `dedup history lookups:  ${history}`,
        '',
      ].join('\n'),
    );
    await producer.backend.close();
    return { achieved };
  } finally {
    for (const child of children) child.child.kill('SIGKILL');
    await emulator.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
