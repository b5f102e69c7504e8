import { get, type IncomingMessage } from 'node:http';
import { SlackEmulator } from '../src';

/**
 * Issue 13 item 24: switching person in the workspace page a dozen times printed
 * MaxListenersExceededWarning — each page stream added its own listener to the emulator. The
 * streams now share one listener, and the last one to close removes it.
 */
let emulator: SlackEmulator;

beforeAll(async () => {
  emulator = new SlackEmulator({ port: 0 });
  emulator.addUser({ id: 'U0ALICE00', name: 'alice' });
  await emulator.start();
});
afterAll(() => emulator.stop());

const openStream = (userId: string) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const req = get(`${emulator.url}/_ui/events?user=${userId}`, (res) => {
      res.once('data', () => resolve(res));
    });
    req.on('error', reject);
  });

it('keeps one emulator listener for any number of page streams, and none once they close', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    const streams = [];
    for (let i = 0; i < 15; i++) streams.push(await openStream('U0ALICE00'));
    expect(emulator.listenerCount('change')).toBe(1);
    for (const stream of streams) stream.destroy();
    await emulator.waitFor(() => emulator.listenerCount('change') === 0, {
      timeoutMs: 5000,
      description: 'the shared listener removed',
    });
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  } finally {
    process.off('warning', onWarning);
  }
});
