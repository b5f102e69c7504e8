import { ackAfterCommit } from '../../../src/slack/interaction';

/** Issue 13 item 3: a click is acknowledged once, at its commit or at the bound, and a late one says so. */
describe('ackAfterCommit', () => {
  it('acknowledges at the commit, once, and says nothing more', async () => {
    const calls: string[] = [];
    const acked = ackAfterCommit(
      async () => void calls.push('ack'),
      async () => void calls.push('slow'),
      50,
    );
    await acked.now();
    await acked.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual(['ack']);
  });

  it('acknowledges at the bound when the commit is late, then tells the person', async () => {
    const calls: string[] = [];
    const acked = ackAfterCommit(
      async () => void calls.push('ack'),
      async () => void calls.push('slow'),
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    await acked.now();
    expect(calls).toEqual(['ack', 'slow']);
  });
});
