import { fanoutProgress, insertFanoutItems } from '../../src/db/repositories/fanout.repository';
import { type PurposeEvents, TEST_PURPOSE, testPurpose } from '../support/fanout-worker';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * A big fan-out never delays an interactive reply: bulk sends have their own queue and Web API
 * client, so while the fan-out waits out a long Retry-After with a backlog, a person's command is
 * still answered at once (the client that answers people is not the one Slack asked to wait).
 */
jest.setTimeout(60_000);

const PEOPLE = Array.from({ length: 60 }, (_, i) => `UBULK${String(i).padStart(4, '0')}`);
let running: RunningPlatform;

beforeAll(async () => {
  running = await startTestPlatform();
  for (const id of PEOPLE) running.emulator.addUser({ id, name: id.toLowerCase() });
  const events: PurposeEvents = { permanentErrors: [], settled: [] };
  running.platform.fanout.register(TEST_PURPOSE, testPurpose(events));
});
afterAll(() => running.stop());

it('opens a form for a command while the fan-out backlog waits out a 429', async () => {
  const { emulator } = running;
  emulator.injectFailure('chat.postMessage', { status: 429, retryAfter: 30 });
  const batch = 'isolation';
  await insertFanoutItems(
    PEOPLE.map((person) => ({
      itemKey: `${batch}-${person}`,
      batchKey: batch,
      purpose: TEST_PURPOSE,
      method: 'post' as const,
      channel: person,
      subject: { text: `bulk for ${person}` },
      priority: 9,
    })),
  );
  await running.platform.fanout.kick();
  await emulator.waitFor(() => emulator.callsTo('chat.postMessage').some((call) => call.status === 429), {
    timeoutMs: 10_000,
  });

  // /leave opens its form with views.open on the client that answers people: a client paused
  // for the fan-out's Retry-After would miss the trigger's 3 seconds.
  const result = await emulator.as('U01CAROL0').command('/leave', '');
  expect(result.status).toBe(200);
  await emulator.waitFor(() => emulator.openViews('U01CAROL0').length > 0, { timeoutMs: 10_000 });
  expect(emulator.callsTo('views.open').at(-1)).toMatchObject({ ok: true });

  // Answered while the fan-out was still paused with most of its backlog ahead of it.
  const progress = await fanoutProgress(batch);
  expect(progress.pending).toBeGreaterThan(PEOPLE.length / 2);
});
