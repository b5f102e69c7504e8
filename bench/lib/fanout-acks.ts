import { QueryTypes } from 'sequelize';
import { announcementDriver, BOT } from '../../test/support/announcements';
import { startReplicaStage } from '../../test/support/app-process';
import { addToDirectory, addToEmulator, benchPeople } from './fanout-people';
import { type LatencySummary, ms, summarize } from './stats';

/**
 * The acknowledgement half of bench:fanout: one announcement that asks for acknowledgement,
 * posted to a channel of N members by the app running as its own process (as in production);
 * then the N members press Acknowledge through the emulator — real signed block_actions, a
 * bounded number of people clicking at once, each waiting for the app's confirmation — with
 * Slack's rate limits on. Counts the `chat.update` calls the count refreshes cost, waits for the
 * last refresh, and checks the message and the database against N.
 */
export interface AckBenchFigures {
  acks: number;
  seconds: number;
  clicksPerSecond: number;
  /** The app's HTTP answer to the click (Slack's 3-second deadline applies to it). */
  answer: LatencySummary;
  /** From the click until the person's "recorded" confirmation arrived. */
  confirmation: LatencySummary;
  updates: number;
  updatesPerThousand: number;
  limited: number;
  rows: number;
  finalCountShown: boolean;
  finalRefreshAfterMs: number;
}

const CHANNEL = 'C0BENCHACK';
const AUTHOR = 'U01FIONA0';
const HEAD = 'U01DANIEL';
/** chat.update per 1,000 acknowledgements the issue allows. */
export const UPDATES_GOAL = 20;

export async function runAckBench(
  count: number,
  inFlight: number,
  log: (line: string) => void,
  /** The checkout whose app runs (`--baseline-tree`); this one by default. */
  tree?: string,
): Promise<AckBenchFigures> {
  const stage = await startReplicaStage({}, tree);
  try {
    const { emulator } = stage;
    const people = benchPeople('UA', count);
    addToEmulator(emulator, people);
    await addToDirectory(stage.db.sequelize, people);
    emulator.addChannel({ id: CHANNEL, name: 'bench-acks', members: [AUTHOR, BOT, ...people] });
    await stage.startApp('app');
    const { row, copies } = await announcementDriver(() => stage).publish(AUTHOR, HEAD, {
      ann_title: 'Bench: please acknowledge',
      ann_body: 'Read and press *Acknowledge*.',
      ann_channels: [CHANNEL],
      ann_options: ['require_ack'],
    });
    const ts = copies[CHANNEL]!.ts;
    emulator.enableRateLimits();
    emulator.clearCalls();
    log(`${count} people acknowledge ${row.reference} in #bench-acks, ${inFlight} clicking at a time`);

    const answers = new Float64Array(count);
    const confirmations = new Float64Array(count);
    let next = 0;
    const clicker = async () => {
      for (let i = next++; i < count; i = next++) {
        const person = people[i]!;
        const started = performance.now();
        const result = await emulator
          .as(person)
          .clickButton({ actionId: 'announcement_ack', in: { channel: CHANNEL, ts } });
        if (result.status !== 200) throw new Error(`${person}'s click answered ${result.status}`);
        answers[i] = result.durationMs;
        await emulator.waitFor(() => emulator.ephemerals(person).length > 0, {
          timeoutMs: 60_000,
          intervalMs: 5,
          description: `${person}'s confirmation`,
        });
        confirmations[i] = performance.now() - started;
        if ((i + 1) % 2000 === 0) log(`  ${i + 1} clicks`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, clicker));
    const seconds = (performance.now() - started) / 1000;
    const lastClick = performance.now();

    const shown = `✔ ${count} acknowledged`;
    const finalCountShown = await emulator
      .waitFor(
        () => emulator.messages(CHANNEL).some((m) => m.ts === ts && JSON.stringify(m.blocks).includes(shown)),
        { timeoutMs: 120_000, intervalMs: 100, description: 'the final count' },
      )
      .then(() => true)
      .catch(() => false);
    const finalRefreshAfterMs = performance.now() - lastClick;
    const updateCalls = emulator
      .callsTo('chat.update')
      .filter((call) => call.args.channel === CHANNEL && call.args.ts === ts);
    const updates = updateCalls.filter((call) => call.ok).length;
    const [counted] = await stage.db.sequelize.query<{ n: string }>(
      'SELECT count(*) AS n FROM announcement_acks WHERE announcement_id = :id',
      { type: QueryTypes.SELECT, replacements: { id: row.id } },
    );
    return {
      acks: count,
      seconds,
      clicksPerSecond: count / seconds,
      answer: summarize(answers),
      confirmation: summarize(confirmations),
      updates,
      updatesPerThousand: (updates / count) * 1000,
      limited: updateCalls.filter((call) => call.status === 429).length,
      rows: Number(counted?.n ?? 0),
      finalCountShown,
      finalRefreshAfterMs,
    };
  } finally {
    await stage.stop();
  }
}

export function ackReport(f: AckBenchFigures): string[] {
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lat = (s: LatencySummary) =>
    `p50 ${ms(s.p50).toFixed(1)} ms, p95 ${ms(s.p95).toFixed(1)} ms, max ${ms(s.max).toFixed(1)} ms`;
  return [
    `acknowledgements:       ${f.acks} in ${f.seconds.toFixed(1)} s = ${f.clicksPerSecond.toFixed(1)} clicks/s`,
    `ack latency, answer:    ${lat(f.answer)}`,
    `ack latency, confirmed: ${lat(f.confirmation)}`,
    `chat.update calls:      ${f.updates} (${f.limited} answered 429) = ${f.updatesPerThousand.toFixed(2)} per 1,000 acknowledgements (goal <= ${UPDATES_GOAL}) ${pass(f.updatesPerThousand <= UPDATES_GOAL)}`,
    `final count shown:      ${f.finalCountShown ? `✔ ${f.acks} acknowledged` : 'NOT shown'}, ${(f.finalRefreshAfterMs / 1000).toFixed(1)} s after the last click ${pass(f.finalCountShown)}`,
    `acknowledgement rows:   ${f.rows} (expected ${f.acks}) ${pass(f.rows === f.acks)}`,
  ];
}
