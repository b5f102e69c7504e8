import type { Queue } from 'bullmq';
import {
  dueMonthlyReport,
  type MonthlyRecipient,
  type MonthlyReportSends,
  type MonthlySchedule,
} from '../domain/supervision/monthly-report';
import type { Logger } from '../logger';
import type { QueueBackend } from './queue-backend';
import { SlotSchedule, slotJobId } from './slot-schedule';

/**
 * The monthly supervision report (issue 16). Like the backups (backups.ts), every replica runs a
 * timer that only enqueues a check under the id of its time slot, so the N replicas' checks are
 * one job per slot, on the Redis and the PostgreSQL queue backends alike; the schedule lives in
 * every process rather than as a BullMQ job scheduler kept in Redis (slot-schedule.ts says why).
 * A check asks whether the report is due (the first working day of the month from 09:00,
 * domain/supervision/monthly-report.ts) and sends it to each recipient it can claim in
 * `monthly_report_sends`: whoever runs a check, and however often, each recipient gets one.
 */
export const MONTHLY_REPORT_QUEUE = 'monthly-reports';

export interface MonthlyReportDeps {
  sends: MonthlyReportSends;
  schedule: MonthlySchedule;
  /** Sends `month`'s report to the recipient (their department's, or the organisation's). */
  deliver(recipient: MonthlyRecipient, month: string): Promise<void>;
}

type MonthlyCheck = Record<string, never>;

export class MonthlyReportScheduler {
  private readonly queue: Queue<MonthlyCheck>;
  private checks: SlotSchedule | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly deps: MonthlyReportDeps,
    private readonly checkEveryMinutes = 5,
  ) {
    this.queue = backend.createQueue<MonthlyCheck>(MONTHLY_REPORT_QUEUE);
  }

  /** One check: the month whose report went out now, and to how many people, or nothing. */
  async check(now = new Date()): Promise<{ month: string; sent: number; failed: number } | null> {
    const { sends } = this.deps;
    const month = await dueMonthlyReport(now, this.deps.schedule, (from, to) => sends.holidays(from, to));
    if (!month) return null;
    let sent = 0;
    let failed = 0;
    for (const recipient of await sends.recipients()) {
      if (!(await sends.claim(month, recipient))) continue;
      try {
        await this.deps.deliver(recipient, month);
        await sends.markSent(month, recipient);
        sent += 1;
      } catch (error) {
        failed += 1;
        this.logger.warn({ err: error, month, user: recipient.slackUserId }, 'monthly report not sent');
        await sends.release(month, recipient);
      }
    }
    if (sent || failed) this.logger.info({ month, sent, failed }, 'monthly reports sent');
    return { month, sent, failed };
  }

  start(): void {
    this.backend.createWorker<MonthlyCheck>(MONTHLY_REPORT_QUEUE, async () => {
      await this.check();
    });
    const everySeconds = Math.max(60, Math.round(this.checkEveryMinutes * 60));
    this.checks = new SlotSchedule(
      {
        queue: this.queue,
        name: 'check',
        data: {},
        jobId: slotJobId('monthly-report-check', everySeconds * 1000),
      },
      everySeconds,
      this.logger,
      'monthly report check',
    );
    this.checks.start();
  }

  async stop(): Promise<void> {
    await this.checks?.stop();
  }
}
