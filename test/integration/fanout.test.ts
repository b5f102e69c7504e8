import { randomBytes } from 'node:crypto';
import { type ApiCallRecord, SlackEmulator } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import { Person } from '../../src/db/models';
import {
  type FanoutItemInsert,
  fanoutProgress,
  findFanoutItems,
  insertFanoutItems,
} from '../../src/db/repositories/fanout.repository';
import { FANOUT_QUEUE, type FanoutOptions } from '../../src/delivery/fanout-sender';
import { createLogger } from '../../src/logger';
import { useTestDatabase } from '../support/database';
import { type PurposeEvents, startFanoutWorker, TEST_PURPOSE, testPurpose } from '../support/fanout-worker';
import { TEST_REDIS_URL } from '../support/redis';

/**
 * The fan-out engine on both queue backends, against the emulator: every item once, in priority
 * order, not before its time, through Slack's 429s, with permanent errors handed to the purpose.
 */
const logger = createLogger('silent');
const PEOPLE = Array.from({ length: 40 }, (_, i) => `UFAN${String(i).padStart(4, '0')}`);

describe.each(['redis', 'postgres'] as const)('fan-out engine (%s queue)', (queue) => {
  const db = useTestDatabase();
  let emulator: SlackEmulator;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    emulator = new SlackEmulator({ port: 0 });
    for (const id of PEOPLE) emulator.addUser({ id, name: id.toLowerCase() });
    await emulator.start();
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    emulator.disableRateLimits();
    emulator.clearFailures();
  });

  afterAll(async () => {
    await emulator.stop();
  });

  const worker = (
    options: Partial<FanoutOptions>,
    events: PurposeEvents,
    onPermanent?: Parameters<typeof testPurpose>[1],
  ) => {
    const started = startFanoutWorker(
      {
        databaseUrl: db.url,
        redisUrl: queue === 'redis' ? TEST_REDIS_URL : undefined,
        namespace: `fanout_${randomBytes(4).toString('hex')}`,
        slack: { botToken: emulator.botToken, apiUrl: emulator.apiUrl },
        options: { channelIntervalMs: 0, reconcileEveryMs: 60_000, ...options },
      },
      testPurpose(events, onPermanent),
      logger,
    );
    closers.push(() => started.backend.close());
    return started;
  };

  const dm = (batchKey: string, person: string, extra: Partial<FanoutItemInsert> = {}): FanoutItemInsert => ({
    itemKey: `${batchKey}-${person}`,
    batchKey,
    purpose: TEST_PURPOSE,
    method: 'post',
    channel: person,
    subject: { text: `${batchKey} for ${person}` },
    ...extra,
  });

  const posts = (batchKey: string) =>
    emulator
      .callsTo('chat.postMessage')
      .filter((call) => call.ok && String(call.args.text).startsWith(`${batchKey} for`));

  const settledBatch = (batchKey: string) =>
    emulator.waitFor(
      async () => {
        const progress = await fanoutProgress(batchKey);
        return progress.pending === 0 ? progress : undefined;
      },
      { timeoutMs: 60_000 },
    );

  it('sends every item once, highest priority first, and nothing before its time', async () => {
    const events: PurposeEvents = { permanentErrors: [], settled: [] };
    const { sender, start } = worker({ concurrency: 1, postsPerSecond: 50 }, events);
    const batch = `order-${queue}`;
    const notBefore = new Date(Date.now() + 1500);
    const items = [
      ...PEOPLE.slice(0, 5).map((p) => dm(batch, p, { priority: 9 })),
      ...PEOPLE.slice(5, 8).map((p) => dm(batch, p, { priority: 1 })),
      dm(batch, PEOPLE[8]!, { priority: 1, notBefore }),
      dm(batch, PEOPLE[9]!, { subject: { skip: true } }),
    ];
    expect(await insertFanoutItems(items)).toBe(10);
    expect(await insertFanoutItems(items)).toBe(0);
    await sender.kick();
    start();

    expect(await settledBatch(batch)).toEqual({ pending: 0, sent: 9, failed: 0, skipped: 1 });
    const sent = posts(batch);
    expect(sent.map((call) => call.args.channel)).toEqual([
      ...PEOPLE.slice(5, 8),
      ...PEOPLE.slice(0, 5),
      PEOPLE[8],
    ]);
    expect(sent.at(-1)!.at).toBeGreaterThanOrEqual(notBefore.getTime());
    // Each person got exactly one message, carrying its item id as metadata.
    const stored = await findFanoutItems(batch);
    for (const item of stored.filter((i) => i.status === 'sent')) {
      const messages = emulator.messages(emulator.dmChannelOf(item.channel));
      expect(messages).toHaveLength(1);
      expect(messages[0]!.metadata).toEqual({
        event_type: 'gongwu_fanout',
        event_payload: { fanout_item_id: item.id },
      });
      expect(item.resultTs).toBe(messages[0]!.ts);
    }
    await emulator.waitFor(() => events.settled.length === 10);
    expect(events.settled.filter((i) => i.status === 'skipped').map((i) => i.channel)).toEqual([PEOPLE[9]]);
  });

  it('a kick looks again only after an insert was committed, and a look before the commit hides nothing', async () => {
    const events: PurposeEvents = { permanentErrors: [], settled: [] };
    // Not started yet: no reconciliation runs, so only the kicks can queue the item.
    const { sender, backend, start } = worker({ concurrency: 2, postsPerSecond: 50 }, events);
    const jobs = backend.createQueue(FANOUT_QUEUE);
    const queued = async () => (await jobs.getJobs(['waiting', 'prioritized', 'delayed'])).length;
    await sender.kick();
    await sender.kick(); // nothing inserted since: no look, and the next kicks still work
    const batch = `commit-${queue}`;
    const transaction = await Person.sequelize!.transaction();
    expect(await insertFanoutItems([dm(batch, PEOPLE[30]!)], transaction)).toBe(1);
    await sender.kick(); // before the commit: nothing to find yet
    expect(await queued()).toBe(0);
    await transaction.commit();
    await sender.kick();
    expect(await queued()).toBe(1);
    start();
    expect(await settledBatch(batch)).toEqual({ pending: 0, sent: 1, failed: 0, skipped: 0 });
  });

  it("waits exactly Slack's Retry-After on a 429 and loses nothing", async () => {
    emulator.enableRateLimits({ 'chat.postMessage': { limit: 5, windowMs: 1000 } });
    const events: PurposeEvents = { permanentErrors: [], settled: [] };
    // Our ceiling above the workspace's, so Slack answers 429s.
    const { sender, start } = worker({ concurrency: 4, postsPerSecond: 20 }, events);
    const batch = `limits-${queue}`;
    const targets = PEOPLE.slice(10, 30);
    await insertFanoutItems(targets.map((p) => dm(batch, p)));
    start();
    await sender.kick();

    expect(await settledBatch(batch)).toEqual({ pending: 0, sent: 20, failed: 0, skipped: 0 });
    const calls = emulator
      .callsTo('chat.postMessage')
      .filter((call) => String(call.args.text).startsWith(`${batch} for`));
    const limited = calls.filter((call) => call.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // The item that got a 429 was not tried again before Retry-After had passed.
    const itemOf = (call: ApiCallRecord) => JSON.stringify(call.args.metadata);
    for (const refused of limited) {
      const next = calls.find((call) => call.at > refused.at && itemOf(call) === itemOf(refused));
      expect(next).toBeDefined();
      expect(next!.at - refused.at).toBeGreaterThanOrEqual(1000 - 50);
    }
    for (const person of targets) expect(emulator.messages(emulator.dmChannelOf(person))).toHaveLength(1);
  });

  it("hands a permanent error to the purpose: 'fail' records it, 'retry' after a fix sends", async () => {
    const outside = emulator.addChannel({ name: `outside-${queue}`, members: [PEOPLE[0]!] });
    const fixable = emulator.addChannel({ name: `fixable-${queue}`, members: [PEOPLE[0]!] });
    const events: PurposeEvents = { permanentErrors: [], settled: [] };
    const { sender, start } = worker({ postsPerSecond: 20 }, events, async (item, error) => {
      if (error === 'not_in_channel' && item.channel === fixable.id) {
        emulator.joinChannel(fixable.id, emulator.botUserId);
        return 'retry';
      }
      return 'fail';
    });
    const batch = `permanent-${queue}`;
    await insertFanoutItems([
      { ...dm(batch, PEOPLE[0]!), itemKey: `${batch}-outside`, channel: outside.id },
      { ...dm(batch, PEOPLE[0]!), itemKey: `${batch}-fixable`, channel: fixable.id },
    ]);
    start();
    await sender.kick();

    expect(await settledBatch(batch)).toEqual({ pending: 0, sent: 1, failed: 1, skipped: 0 });
    const items = await findFanoutItems(batch);
    const failed = items.find((i) => i.channel === outside.id)!;
    expect(failed).toMatchObject({ status: 'failed', lastError: 'not_in_channel' });
    expect(items.find((i) => i.channel === fixable.id)).toMatchObject({
      status: 'sent',
      resultChannel: fixable.id,
    });
    expect(events.permanentErrors).toEqual(
      expect.arrayContaining([
        { itemId: failed.id, error: 'not_in_channel' },
        { itemId: items.find((i) => i.channel === fixable.id)!.id, error: 'not_in_channel' },
      ]),
    );
    expect(emulator.messages(fixable.id)).toHaveLength(1);
    expect(emulator.messages(outside.id)).toHaveLength(0);
  });

  it('does not post again an item whose worker died after Slack accepted it', async () => {
    const events: PurposeEvents = { permanentErrors: [], settled: [] };
    const { sender, start } = worker({ postsPerSecond: 20 }, events);
    const batch = `doubt-${queue}`;
    const person = PEOPLE[35]!;
    await insertFanoutItems([dm(batch, person)]);
    const [item] = await findFanoutItems(batch);
    // What a worker that died after Slack accepted the post leaves behind: the message carries
    // the item id, the row is still pending and its lease has run out.
    const channel = emulator.dmChannelOf(person);
    const earlier = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel,
        text: 'posted before the crash',
        metadata: { event_type: 'gongwu_fanout', event_payload: { fanout_item_id: item!.id } },
      }),
    }).then((response) => response.json() as Promise<{ ts: string }>);
    await db.sequelize.query(
      "UPDATE fanout_items SET leased_until = now() - interval '1 second' WHERE id = :id",
      { replacements: { id: item!.id }, type: QueryTypes.UPDATE },
    );
    start();
    await sender.reconcile();

    expect(await settledBatch(batch)).toEqual({ pending: 0, sent: 1, failed: 0, skipped: 0 });
    expect(emulator.messages(channel)).toHaveLength(1);
    expect((await findFanoutItems(batch))[0]).toMatchObject({ resultChannel: channel, resultTs: earlier.ts });
  });
});
