import { BatchWaitTimeoutError, GroupBatcher } from '../../../src/db/sql/group-batcher';

/** A statement stand-in whose batches finish when the test says so. */
function controlledRun() {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      finishers.push(() => resolve(items.map((item) => `done ${item}`)));
    });
  return { batches, finishers, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupBatcher', () => {
  it('runs a lone call at once, and groups the calls that arrive while a batch runs', async () => {
    const { batches, finishers, run } = controlledRun();
    const batcher = new GroupBatcher(run, { maxBatch: 100, maxConcurrent: 1 });
    const first = batcher.submit(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    await tick();
    expect(batches).toEqual([[1]]); // waiting for the running batch
    finishers[0]!();
    expect(await first).toBe('done 1');
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]!();
    expect(await Promise.all(later)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('keeps batches within maxBatch and runs up to maxConcurrent of them at once', async () => {
    const { batches, finishers, run } = controlledRun();
    const batcher = new GroupBatcher(run, { maxBatch: 2, maxConcurrent: 2 });
    const results = [1, 2, 3, 4, 5, 6, 7].map((item) => batcher.submit(item));
    await tick();
    // The first two calls start alone; the rest wait for a free slot.
    expect(batches).toEqual([[1], [2]]);
    finishers[0]!();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    finishers[1]!();
    finishers[2]!();
    await tick();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    finishers[3]!();
    finishers[4]!();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `done ${i}`));
  });

  it('fails every call of a failed batch and goes on with the next one', async () => {
    let calls = 0;
    const batcher = new GroupBatcher(
      async (items: number[]) => {
        calls += 1;
        if (items.includes(13)) throw new Error('database away');
        return items.map((item) => item * 2);
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const outcomes = await Promise.allSettled([batcher.submit(1), batcher.submit(13), batcher.submit(3)]);
    // 1 ran alone; 13 and 3 waited and ran together, so both failed.
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('database away'));
    expect(await batcher.submit(4)).toBe(8);
    expect(calls).toBe(3);
  });

  it('fails a batch whose results do not match its items rather than resolve calls wrongly', async () => {
    const batcher = new GroupBatcher(async () => ['only one'], { maxBatch: 10, maxConcurrent: 1 });
    const outcomes = await Promise.allSettled([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'only one' });
    expect(outcomes.slice(1)).toEqual([
      { status: 'rejected', reason: new Error('a batch of 2 returned 1 results') },
      { status: 'rejected', reason: new Error('a batch of 2 returned 1 results') },
    ]);
  });

  it('fails the calls that waited longer than maxWaitMs behind a batch that does not end', async () => {
    const { batches, finishers, run } = controlledRun();
    let now = 0;
    const batcher = new GroupBatcher(run, {
      maxBatch: 10,
      maxConcurrent: 1,
      maxWaitMs: 10_000,
      clock: () => now,
    });
    const hung = batcher.submit(1);
    await tick();
    const stale = batcher.submit(2);
    now = 10_001;
    const fresh = batcher.submit(3); // arriving, it finds 2 waiting too long
    await expect(stale).rejects.toBeInstanceOf(BatchWaitTimeoutError);
    finishers[0]!();
    expect(await hung).toBe('done 1');
    await tick();
    expect(batches).toEqual([[1], [3]]);
    finishers[1]!();
    expect(await fresh).toBe('done 3');
  });
});
