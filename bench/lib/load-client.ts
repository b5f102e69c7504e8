import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  DrainResult,
  InitResult,
  PhaseResult,
  PhaseSpec,
  WorkerRequest,
  WorkerResponse,
} from './load-protocol';

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The main thread's handle on the load-generator worker. Workers do not inherit tsx's loader,
 * so the worker registers it (`tsx/cjs`) before requiring the TypeScript module.
 */
export class LoadGenerator {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;
  private closing = false;

  constructor() {
    const bootstrap = [
      "const { workerData } = require('node:worker_threads');",
      'require(workerData.tsx);',
      'require(workerData.file);',
    ].join('\n');
    this.worker = new Worker(bootstrap, {
      eval: true,
      workerData: { tsx: require.resolve('tsx/cjs'), file: join(__dirname, 'load-worker.ts') },
    });
    this.worker.on('message', (message: WorkerResponse) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`load generator: ${message.error}`));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', (error) => failAll(error));
    this.worker.on('exit', (code) => {
      this.exited = true;
      failAll(new Error(`load generator exited with code ${code}`));
    });
  }

  private call<T>(message: Body<WorkerRequest>): Promise<T> {
    if (this.exited) return Promise.reject(new Error('load generator has exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  init(): Promise<InitResult> {
    return this.call({ type: 'init' });
  }

  run(spec: PhaseSpec): Promise<PhaseResult> {
    return this.call({ type: 'run', spec });
  }

  drain(phase: number, timeoutMs: number): Promise<DrainResult> {
    return this.call({ type: 'drain', phase, timeoutMs });
  }

  /** Closes the sink and ends the worker; returns how many stray follow-ups arrived. */
  async close(): Promise<InitResult | undefined> {
    if (this.exited || this.closing) return undefined;
    this.closing = true;
    const result = await this.call<InitResult>({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
    return result;
  }
}
