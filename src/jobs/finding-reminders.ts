import type { Queue } from 'bullmq';
import type { FindingRow } from '../domain/supervision/finding-types';
import type { SpotChecks } from '../domain/supervision/spot-check.service';
import type { Logger } from '../logger';
import type { QueueBackend } from './queue-backend';
import { type SlotJob, SlotSchedule, slotJobId } from './slot-schedule';

/**
 * Open spot-check findings are chased like tasks: an hourly check (a slot-named job, so N replicas
 * run it once an hour) claims the problems open longer than FINDINGS_REMIND_AFTER_DAYS working
 * days whose follow-up owner was not reminded in the last 20 hours, marking them in the same
 * statement, and sends each owner a DM. At most one reminder a day per finding, whoever runs it.
 */
export const FINDING_REMINDER_QUEUE = 'finding-reminders';
const HOUR_MS = 3600_000;

export class FindingReminders {
  readonly queue: Queue;
  private schedule: SlotSchedule | undefined;

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    private readonly spotChecks: Pick<SpotChecks, 'claimReminders' | 'personById'>,
    /** Sends the reminder DM to the follow-up owner (in their language). */
    private readonly remind: (slackUserId: string, finding: FindingRow) => Promise<void>,
  ) {
    this.queue = backend.createQueue(FINDING_REMINDER_QUEUE);
  }

  private get job(): SlotJob {
    return { queue: this.queue, name: 'check', data: {}, jobId: slotJobId('finding-reminders', HOUR_MS) };
  }

  /** One check: returns how many owners were reminded. */
  async check(): Promise<number> {
    const due = await this.spotChecks.claimReminders();
    let sent = 0;
    for (const finding of due) {
      const owner =
        finding.followUpPersonId === null ? null : await this.spotChecks.personById(finding.followUpPersonId);
      if (!owner?.slackUserId || owner.status !== 'active') continue;
      try {
        await this.remind(owner.slackUserId, finding);
        sent += 1;
      } catch (error) {
        // Claimed for today: tomorrow's check tries again.
        this.logger.warn({ err: error, finding: finding.id }, 'finding reminder not sent');
      }
    }
    return sent;
  }

  start(): void {
    this.backend.createWorker(FINDING_REMINDER_QUEUE, async () => {
      await this.check();
    });
    this.schedule = new SlotSchedule(this.job, 3600, this.logger, 'finding reminder check');
    this.schedule.start();
  }

  async stop(): Promise<void> {
    await this.schedule?.stop();
  }
}
