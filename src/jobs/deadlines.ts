import type { Queue } from 'bullmq';
import {
  type DeadlineTaskRow,
  findDeadlineTask,
  findDeadlineTasks,
} from '../db/repositories/workflows-deadlines.repository';
import { holidayDatesBetween } from '../db/repositories/workflows-holidays.repository';
import type { DeliveredRow } from '../delivery/after-delivery';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { DeadlineSettings } from '../domain/workflows/settings';
import {
  addWorkingHours,
  calendarOf,
  nextWorkingMoment,
  type WorkCalendar,
  workingHoursBetween,
} from '../domain/workflows/work-calendar';
import type { Logger } from '../logger';
import { type QueueBackend, withTimeout } from './queue-backend';
import { type SlotJob, SlotSchedule } from './slot-schedule';

/**
 * Reminder and escalation jobs. PostgreSQL is the source of truth (a task's due time, how many
 * reminders it had, whether it was escalated); jobs are derived from it with deterministic ids
 * (`remind-<taskId>-<n>`, `escalate-<taskId>`, `autohandle-<taskId>`), so adding one twice is harmless, and a
 * reconciliation pass — enqueued by node-cron under a time-slot id, so N replicas run it once per
 * slot — re-adds whatever a Redis flush or failover lost. Processors go through the domain, which
 * re-checks the task under a lock and writes the notification to the outbox.
 */
/**
 * Jobs in flight per worker. Reminders in flight together are written as one statement (see
 * sendScheduledReminder), so many in flight means a few large statements when a thousand fall
 * due at the same second: p99 lateness 0.36 s at 128 on Redis, 0.92 s at 48 (bench:reminders,
 * 2 CPUs). Escalations still take a pooled connection each and simply wait for one.
 */
export const DEADLINE_WORKER_CONCURRENCY = 128;
/** Queue events kept (BullMQ's own default length of the event stream). */
const QUEUE_EVENTS_KEPT = 10_000;
export const DEADLINE_QUEUE = 'deadlines';
const PAGE = 1000;

export type DeadlineJob = { taskId: number; n?: number };

export const remindJobId = (taskId: number, n: number) => `remind-${taskId}-${n}`;
export const escalateJobId = (taskId: number) => `escalate-${taskId}`;
export const autoHandleJobId = (taskId: number) => `autohandle-${taskId}`;
export const reconcileJobId = (slot: number) => `deadlines-reconcile-${slot}`;

export interface PlannedJob {
  id: string;
  name: 'remind' | 'escalate' | 'autohandle';
  data: DeadlineJob;
  at: Date;
}

/**
 * The jobs a pending task still needs: each reminder point of the SLA not yet sent (deferred to
 * the approver's working hours in their own time zone), the escalation, if not yet done, and the
 * automatic handling its escalation planned, if not yet run.
 */
export function planDeadlineJobs(
  task: DeadlineTaskRow,
  org: WorkCalendar,
  approver: WorkCalendar,
  settings: DeadlineSettings,
): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  const sla = workingHoursBetween(task.createdAt, task.dueAt, org);
  const points = settings.reminderPoints.slice(0, settings.maxReminders);
  points.forEach((point, index) => {
    const n = index + 1;
    if (n <= task.remindersSent) return;
    const at = point >= 1 ? task.dueAt : addWorkingHours(task.createdAt, sla * point, org);
    jobs.push({
      id: remindJobId(task.taskId, n),
      name: 'remind',
      data: { taskId: task.taskId, n },
      at: nextWorkingMoment(at, approver),
    });
  });
  if (!task.escalatedAt) {
    const at =
      settings.escalateAfterHours > 0
        ? addWorkingHours(task.dueAt, settings.escalateAfterHours, org)
        : task.dueAt;
    jobs.push({ id: escalateJobId(task.taskId), name: 'escalate', data: { taskId: task.taskId }, at });
  }
  if (task.autoHandling && !task.autoHandling.handledAt) {
    jobs.push({
      id: autoHandleJobId(task.taskId),
      name: 'autohandle',
      data: { taskId: task.taskId },
      at: new Date(task.autoHandling.at),
    });
  }
  return jobs;
}

export interface DeadlineStatus {
  lastReconciliation: { at: string; tasks: number; jobs: number; ms: number } | null;
}

export class DeadlineScheduler {
  readonly queue: Queue<DeadlineJob>;
  private reconciliation: SlotSchedule | undefined;
  readonly status: DeadlineStatus = { lastReconciliation: null };

  constructor(
    private readonly backend: QueueBackend,
    private readonly logger: Logger,
    /** Runs the jobs, and has the settings they are planned with. */
    private readonly workflows: Pick<
      WorkflowEngine,
      'settings' | 'sendScheduledReminder' | 'autoHandleTask' | 'escalateTask'
    >,
    private readonly options: {
      /** Called after a job wrote notifications to the outbox (kick the courier). */
      onOutbox?: () => void;
      /** Seconds between reconciliation passes (default 300). */
      reconcileEverySeconds?: number;
      /** Told how each job ended (metrics): sent, skipped (stale or not due), or error. */
      onJob?: (job: string, outcome: 'sent' | 'skipped' | 'error') => void;
    } = {},
  ) {
    this.queue = backend.createQueue<DeadlineJob>(DEADLINE_QUEUE);
  }

  private async calendars(): Promise<{ org: WorkCalendar; of: (timeZone: string | null) => WorkCalendar }> {
    const { settings } = this.workflows;
    // The organisation's holiday list is short: read it whole rather than guess a range.
    const holidays = await holidayDatesBetween('1970-01-01', '9999-12-31');
    const org = calendarOf(settings.calendar, settings.defaultTimeZone, holidays);
    const byZone = new Map<string, WorkCalendar>();
    return {
      org,
      of: (timeZone) => {
        const zone = timeZone ?? settings.defaultTimeZone;
        let calendar = byZone.get(zone);
        if (!calendar) {
          calendar = calendarOf(settings.calendar, zone, holidays);
          byZone.set(zone, calendar);
        }
        return calendar;
      },
    };
  }

  private async addJobs(jobs: PlannedJob[], now = Date.now()): Promise<void> {
    if (jobs.length === 0) return;
    await withTimeout(
      this.backend.addMissing(
        this.queue,
        jobs.map((job) => ({
          name: job.name,
          data: job.data,
          opts: { jobId: job.id, delay: Math.max(0, job.at.getTime() - now), removeOnComplete: true },
        })),
      ),
      'the job queue',
      10_000,
    );
  }

  /** Adds the jobs of one task (after its assignment was delivered, or again: harmless). */
  async schedule(taskId: number): Promise<number> {
    const task = await findDeadlineTask(taskId);
    if (!task) return 0;
    const { org, of } = await this.calendars();
    const jobs = planDeadlineJobs(task, org, of(task.assigneeTimeZone), this.workflows.settings.deadlines);
    await this.addJobs(jobs);
    return jobs.length;
  }

  /** Removes the jobs of a decided task (a job that still fires finds the task closed anyway). */
  async cancel(taskId: number): Promise<void> {
    const { maxReminders } = this.workflows.settings.deadlines;
    const ids = [
      escalateJobId(taskId),
      autoHandleJobId(taskId),
      ...Array.from({ length: maxReminders }, (_, i) => remindJobId(taskId, i + 1)),
    ];
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /** After delivery (the courier's event): schedule on assignment, cancel when the task closes. */
  async afterDelivery(row: DeliveredRow): Promise<void> {
    if (row.taskId === null) return;
    if (row.kind === 'task_assigned') await this.schedule(row.taskId);
    else if (row.kind === 'task_decided' || row.kind === 'task_superseded') await this.cancel(row.taskId);
  }

  /** Re-adds the jobs of every pending task with a due time (existing ids are left alone). */
  async reconcile(): Promise<{ tasks: number; jobs: number }> {
    const started = Date.now();
    const { org, of } = await this.calendars();
    const { deadlines } = this.workflows.settings;
    let afterId = 0;
    let tasks = 0;
    let jobs = 0;
    for (;;) {
      const page = await findDeadlineTasks(afterId, PAGE);
      if (page.length === 0) break;
      const planned = page.flatMap((task) =>
        planDeadlineJobs(task, org, of(task.assigneeTimeZone), deadlines),
      );
      await this.addJobs(planned);
      tasks += page.length;
      jobs += planned.length;
      afterId = page[page.length - 1]!.taskId;
    }
    // Adding jobs in bulk writes two queue events per job and, on the PostgreSQL backend, trims
    // none of them: after a reconciliation from an empty queue (100,000 tasks) the event table
    // holds 600,000 rows, and the first trim would delete them all while reminders are firing.
    // Trimmed here, at a quiet moment (a no-op in steady state, and on Redis).
    await withTimeout(this.backend.trimEvents(this.queue, QUEUE_EVENTS_KEPT), 'the job queue', 30_000).catch(
      (error: unknown) => this.logger.warn({ err: error }, 'could not trim the deadline queue events'),
    );
    this.status.lastReconciliation = {
      at: new Date().toISOString(),
      tasks,
      jobs,
      ms: Date.now() - started,
    };
    return { tasks, jobs };
  }

  private get reconcileEverySeconds(): number {
    return Math.max(1, Math.round(this.options.reconcileEverySeconds ?? 300));
  }

  /** One reconciliation per time slot (the same job id on every replica). */
  private get reconcileJob(): SlotJob {
    const everyMs = this.reconcileEverySeconds * 1000;
    return {
      queue: this.queue,
      name: 'reconcile',
      data: { taskId: 0 },
      jobId: (now) => reconcileJobId(Math.floor(now.getTime() / everyMs)),
    };
  }

  /** One deadline job through the domain; true when it wrote notifications. */
  private async run(name: string, { taskId, n }: DeadlineJob): Promise<boolean> {
    if (name === 'remind') return this.workflows.sendScheduledReminder(taskId, n ?? 1);
    if (name === 'autohandle') return this.workflows.autoHandleTask(taskId);
    const done = await this.workflows.escalateTask(taskId);
    // The escalation may have planned automatic handling: add its job now.
    if (done) await this.schedule(taskId);
    return done;
  }

  start(): void {
    this.backend.createWorker<DeadlineJob>(
      DEADLINE_QUEUE,
      async (job) => {
        const observe = this.options.onJob ?? (() => undefined);
        try {
          if (job.name === 'reconcile') {
            await this.reconcile();
            observe(job.name, 'sent');
            return;
          }
          const done = await this.run(job.name, job.data);
          observe(job.name, done ? 'sent' : 'skipped');
          if (done) this.options.onOutbox?.();
        } catch (error) {
          observe(job.name, 'error');
          throw error;
        }
      },
      { concurrency: DEADLINE_WORKER_CONCURRENCY },
    );
    // Every replica's timer enqueues the slot's job; a start reconciles at once.
    this.reconciliation = new SlotSchedule(
      this.reconcileJob,
      this.reconcileEverySeconds,
      this.logger,
      'deadline reconciliation',
    );
    this.reconciliation.start();
  }

  async stop(): Promise<void> {
    await this.reconciliation?.stop();
  }

  counts() {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}
