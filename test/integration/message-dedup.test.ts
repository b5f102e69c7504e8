import { SlackEmulator } from '@gongwu/slack-emulator';
import { WebClient } from '@slack/web-api';
import { findEarlierPost, findEarlierPosts, markMetadata } from '../../src/slack/message-dedup';

/**
 * Finding earlier posts by their metadata mark, against the emulator over HTTP: a merged post answers
 * for every row it covers, and several rows are looked up with one (rate-limited) history read.
 */
const PERSON = 'U0DEDUP01';
const MARK = { eventType: 'gongwu_outbox', key: 'outbox_id' } as const;
let emulator: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emulator = new SlackEmulator({ port: 0 });
  emulator.addUser({ id: PERSON, name: 'dedup' });
  await emulator.start();
  client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
  await client.chat.postMessage({
    channel: PERSON,
    text: 'three notices in one message',
    metadata: markMetadata({ ...MARK, id: 'row-1', covers: ['row-2', 'row-3'] }),
  } as Parameters<WebClient['chat']['postMessage']>[0]);
  await client.chat.postMessage({
    channel: PERSON,
    text: 'a message of another kind naming row-4',
    metadata: { event_type: 'something_else', event_payload: { outbox_id: 'row-4' } },
  } as Parameters<WebClient['chat']['postMessage']>[0]);
});

afterAll(async () => {
  await emulator.stop();
});

it('finds every covered row in one read of the history, and nothing for rows never posted', async () => {
  const readsBefore = emulator.callsTo('conversations.history').length;
  const found = await findEarlierPosts(client, PERSON, MARK, ['row-1', 'row-2', 'row-3', 'row-4', 'row-5']);
  expect(emulator.callsTo('conversations.history').length - readsBefore).toBe(1);
  expect([...found.keys()].sort()).toEqual(['row-1', 'row-2', 'row-3']);
  const channel = emulator.dmChannelOf(PERSON);
  const [merged] = emulator.messages(channel).filter((m) => m.text === 'three notices in one message');
  for (const location of found.values()) expect(location).toEqual({ channel, ts: merged!.ts });
});

it('reads nothing when no row was tried before', async () => {
  const callsBefore = emulator.calls.length;
  expect((await findEarlierPosts(client, PERSON, MARK, [])).size).toBe(0);
  expect(emulator.calls.length).toBe(callsBefore);
});

it('answers for a single mark the same way', async () => {
  expect(await findEarlierPost(client, PERSON, { ...MARK, id: 'row-3' })).toMatchObject({
    channel: emulator.dmChannelOf(PERSON),
  });
  expect(await findEarlierPost(client, PERSON, { ...MARK, id: 'row-4' })).toBeUndefined();
});
