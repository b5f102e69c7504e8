import type { MaintenanceLog } from '../domain/maintenance/maintenance-log.service';
import type { Logger } from '../logger';

/**
 * The database and the queue's datastore, pinged every `everyMs`: the maintenance log records
 * each transition, not each failed ping. The database being away is recorded once it is back
 * (the log lives in it), with when it went and when it came back; the queue's datastore is
 * recorded when it goes (if the database is there to hold the entry) and when it is back.
 */

type Check = () => Promise<void>;

export class ConnectivityWatch {
  private readonly downSince: { database?: Date; queue?: Date } = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly checks: { database: Check; queue: Check },
    private readonly log: Pick<MaintenanceLog, 'record'>,
    private readonly logger: Logger,
    private readonly queueKind: string,
    private readonly everyMs = 15_000,
  ) {}

  /** One look at both; returns when whatever it records is written. */
  async check(now = new Date()): Promise<void> {
    const ok = async (check: Check) =>
      check().then(
        () => true,
        () => false,
      );
    const [database, queue] = await Promise.all([ok(this.checks.database), ok(this.checks.queue)]);
    const writes: Promise<void>[] = [];
    if (!database && !this.downSince.database) {
      this.downSince.database = now;
      this.logger.error({ since: now }, 'database unreachable');
    } else if (database && this.downSince.database) {
      const since = this.downSince.database;
      delete this.downSince.database;
      const seconds = Math.round((now.getTime() - since.getTime()) / 1000);
      this.logger.info({ since, seconds }, 'database reachable again');
      writes.push(
        this.log.record({
          kind: 'database_unreachable',
          summary: `database unreachable for about ${seconds} s (${since.toISOString()} to ${now.toISOString()})`,
          details: { from: since.toISOString(), to: now.toISOString(), seconds },
          at: since,
          requestId: null,
        }),
      );
    }
    if (!queue && !this.downSince.queue) {
      this.downSince.queue = now;
      this.logger.error({ since: now, backend: this.queueKind }, 'queue datastore unreachable');
      if (database)
        writes.push(
          this.log.record({
            kind: 'queue_unreachable',
            summary: `queue datastore (${this.queueKind}) unreachable`,
            details: { backend: this.queueKind, since: now.toISOString() },
            requestId: null,
          }),
        );
    } else if (queue && this.downSince.queue) {
      const since = this.downSince.queue;
      delete this.downSince.queue;
      const seconds = Math.round((now.getTime() - since.getTime()) / 1000);
      this.logger.info({ since, seconds, backend: this.queueKind }, 'queue datastore reachable again');
      writes.push(
        this.log.record({
          kind: 'queue_back',
          summary: `queue datastore (${this.queueKind}) reachable again after about ${seconds} s`,
          details: { backend: this.queueKind, from: since.toISOString(), to: now.toISOString(), seconds },
          requestId: null,
        }),
      );
    }
    await Promise.all(writes);
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'connectivity check failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
