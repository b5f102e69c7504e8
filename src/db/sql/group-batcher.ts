/**
 * Group commit for one kind of statement: calls that arrive while a batch is running wait and
 * then run together as the next batch, one round trip and one commit for all of them. A lone
 * call runs at once (no timer, no added latency when the load is light); under a burst the
 * batches grow by themselves, so throughput follows the statement, not the number of callers.
 *
 * `run` receives the waiting items in order (the same item twice if it was submitted twice) and
 * returns, for each, its own result in the same order. When a batch fails, every call in it fails
 * with the same error (and is retried by whoever called).
 */
export class GroupBatcher<Item, Result> {
  private waiting: Array<{
    item: Item;
    since: number;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }> = [];
  private running = 0;

  constructor(
    private readonly run: (items: Item[]) => Promise<Result[]>,
    private readonly options: {
      /** Most items in one statement (keeps parameter lists and lock sets bounded). */
      maxBatch: number;
      /** Batches in flight at once (each holds a pooled connection). */
      maxConcurrent: number;
      /**
       * Longest a call may wait for its batch to start. When the database hangs, the calls queued
       * behind the running batches would otherwise wait one pool timeout per batch ahead of them;
       * past this they fail with BatchWaitTimeoutError (checked whenever a call arrives or a batch
       * ends, so no timer per call).
       */
      maxWaitMs?: number;
      /** Time source for maxWaitMs (tests); Date.now by default. */
      clock?: () => number;
    },
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, since: this.now(), resolve, reject });
      this.pump();
    });
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  private pump(): void {
    this.failStale();
    while (this.running < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.runBatch(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** Fails the calls that have waited longer than maxWaitMs (the oldest are first in line). */
  private failStale(): void {
    const { maxWaitMs } = this.options;
    if (maxWaitMs === undefined) return;
    const oldest = this.now() - maxWaitMs;
    const firstFresh = this.waiting.findIndex((entry) => entry.since >= oldest);
    const stale = firstFresh === -1 ? this.waiting.length : firstFresh;
    for (const entry of this.waiting.splice(0, stale)) entry.reject(new BatchWaitTimeoutError(maxWaitMs));
  }

  private async runBatch(batch: GroupBatcher<Item, Result>['waiting']): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      if (results.length !== batch.length)
        throw new Error(`a batch of ${batch.length} returned ${results.length} results`);
      for (const [i, entry] of batch.entries()) entry.resolve(results[i] as Result);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}

export class BatchWaitTimeoutError extends Error {
  constructor(maxWaitMs: number) {
    super(`waited more than ${maxWaitMs} ms for a batch to start (the database is not answering)`);
    this.name = 'BatchWaitTimeoutError';
  }
}
