import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { CURRENT_TREE } from './baseline';
import type { FromTarget, TargetSpec, TargetStats, ToTarget } from './target-protocol';

/**
 * The orchestrator's handle on a target process. `fork` reuses this process's `execArgv`, which
 * under `tsx` carries its loader, so the child runs the TypeScript file directly. The child's
 * stdout is copied to our stderr: stdout is kept for the report.
 *
 * `tree`: the checkout whose `bench/lib/target-process.ts` is forked (`--baseline-tree`: an older
 * commit's). Only the messages of target-protocol.ts as of 6a4f73c cross the process boundary, and
 * the child runs in that checkout, so its imports and tsconfig are that commit's.
 */
export class TargetProcess {
  private readonly child: ChildProcess;
  private readonly waiters: Array<{ type: FromTarget['type']; resolve(m: FromTarget): void }> = [];
  private failure: Error | undefined;
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    cpuProfDir: string | undefined,
    tree: string,
  ) {
    // One file per thread (the main thread's is the big one; tsx's loader has its own).
    const profile = cpuProfDir
      ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfDir, name.replace(/\W+/g, '-'))}`]
      : [];
    this.child = fork(join(tree, 'bench', 'lib', 'target-process.ts'), [], {
      cwd: tree,
      execArgv: [...process.execArgv, ...profile],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stdout?.pipe(process.stderr);
    this.child.on('message', (message: FromTarget) => {
      if (message.type === 'error') {
        this.fail(new Error(`${name}: ${message.error}`));
        return;
      }
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message);
    });
    this.exit = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        this.fail(new Error(`${name}: target process exited (${signal ?? `code ${code}`})`));
        resolve();
      });
    });
  }

  private rejecters: Array<(error: Error) => void> = [];

  private fail(error: Error): void {
    this.failure ??= error;
    for (const reject of this.rejecters.splice(0)) reject(this.failure);
  }

  private request<T extends FromTarget['type']>(
    message: ToTarget,
    reply: T,
  ): Promise<Extract<FromTarget, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiter = {
        type: reply,
        resolve: (m: FromTarget) => {
          this.rejecters.splice(this.rejecters.indexOf(reject), 1);
          resolve(m as Extract<FromTarget, { type: T }>);
        },
      };
      this.waiters.push(waiter);
      this.rejecters.push(reject);
      this.child.send(message);
    });
  }

  /**
   * `cpuProfDir`: write V8 CPU profiles of the process to `<cpuProfDir>/<name>/`; `tree`: the
   * checkout the app comes from.
   */
  static async start(
    name: string,
    spec: TargetSpec,
    cpuProfDir?: string,
    tree = CURRENT_TREE,
  ): Promise<TargetProcess & { eventsUrl: string }> {
    const target = new TargetProcess(name, cpuProfDir, tree);
    try {
      const started = await target.request({ type: 'start', spec }, 'started');
      return Object.assign(target, { eventsUrl: started.eventsUrl });
    } catch (error) {
      await target.stop().catch(() => undefined);
      throw error;
    }
  }

  async stats(): Promise<TargetStats> {
    return (await this.request({ type: 'stats' }, 'stats')).stats;
  }

  /** Asks the app to stop and waits for the process to end; kills it if it does not within 15 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    if (!this.failure) {
      await Promise.race([
        this.request({ type: 'stop' }, 'stopped').catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
      ]);
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 15_000).unref();
    await this.exit;
    clearTimeout(killer);
  }
}
