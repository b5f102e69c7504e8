import type { WorkflowDeps } from './deps';
import { dailyDigestDate, weeklySummaryDate } from './digest-slots';
import type { LocalizedText } from './model';
import type { DigestDeliveryKind, DigestRecipient } from './store';
import { templateVersionsByIds } from './template.service';
import type { DepartmentRef } from './view-types';
import { calendarOf } from './work-calendar';
import { addDays, todayIn } from './working-days';

/**
 * Daily digests (each approver's pending tasks, in their morning) and the weekly overdue summary
 * (to admins). A check runs every few minutes; whoever is due and has not had today's digest gets
 * a `digest_deliveries` row and an outbox row in one transaction, so it goes out exactly once
 * however many replicas check, and the courier renders the list as it is at delivery.
 */

export interface DigestRun {
  daily: number;
  weekly: number;
}

export async function runDigests(deps: WorkflowDeps, now = deps.clock.now()): Promise<DigestRun> {
  return { daily: await queueDailyDigests(deps, now), weekly: await queueWeeklySummaries(deps, now) };
}

/** Approvers with pending tasks whose digest time has come on a working day of theirs. */
async function queueDailyDigests(deps: WorkflowDeps, now: Date): Promise<number> {
  const { digests, calendar, defaultTimeZone } = deps.settings;
  if (!digests.dailyAt) return 0;
  const dailyAt = digests.dailyAt;
  const recipients = await deps.store.findApproversWithPendingTasks();
  if (recipients.length === 0) return 0;
  // Every zone's "today" lies within a day of UTC's.
  const today = todayIn('UTC', now);
  const holidays = await deps.store.holidayDatesBetween(addDays(today, -2), addDays(today, 2));
  const due = recipients.flatMap((recipient) => {
    const zone = recipient.timezone ?? defaultTimeZone;
    const localDate = dailyDigestDate(now, calendarOf(calendar, zone, holidays), dailyAt);
    return localDate ? [{ recipient, localDate }] : [];
  });
  return queue(deps, 'daily_digest', due);
}

/** Admins, on the configured weekday and time of the organisation, when anything is overdue. */
async function queueWeeklySummaries(deps: WorkflowDeps, now: Date): Promise<number> {
  const { digests, defaultTimeZone } = deps.settings;
  if (!digests.weekly) return 0;
  const localDate = weeklySummaryDate(now, defaultTimeZone, digests.weekly);
  // Nothing overdue: no message (a summary of nothing is noise).
  if (!localDate || !(await deps.store.hasOverdueTasks(now))) return 0;
  const admins = await deps.store.findActiveAdmins();
  return queue(
    deps,
    'weekly_summary',
    admins.map((recipient) => ({ recipient, localDate })),
  );
}

async function queue(
  deps: WorkflowDeps,
  kind: DigestDeliveryKind,
  due: { recipient: DigestRecipient; localDate: string }[],
): Promise<number> {
  if (due.length === 0) return 0;
  return deps.store.inTransaction(async (transaction) => {
    const claimed = await deps.store.claimDigestDeliveries(
      kind,
      due.map(({ recipient, localDate }) => ({ personId: recipient.personId, localDate })),
      transaction,
    );
    const rows = due
      .filter(({ recipient }) => claimed.has(recipient.personId))
      .map(({ recipient, localDate }) => ({
        kind,
        recipientPersonId: recipient.personId,
        recipientSlackId: recipient.slackUserId,
        instanceId: null,
        taskId: null,
        payload: { localDate },
      }));
    await deps.store.insertOutboxRows(rows, transaction);
    return rows.length;
  });
}

// --- the weekly summary's content -------------------------------------------------------------

export interface OverdueItem {
  taskId: number;
  instanceId: number;
  reference: string;
  title: LocalizedText;
  approver: string;
  dueAt: string;
}

export interface OverdueDepartment {
  /** The approver's department; null for approvers without one. */
  department: DepartmentRef | null;
  count: number;
  /** The longest overdue first, at most `MAX_ITEMS_PER_DEPARTMENT`. */
  items: OverdueItem[];
}

export interface OverdueSummary {
  total: number;
  departments: OverdueDepartment[];
}

export const MAX_ITEMS_PER_DEPARTMENT = 5;

/** Pending tasks past their due time, grouped by their approver's department (largest first). */
export async function readOverdueSummary(
  deps: WorkflowDeps,
  now = deps.clock.now(),
): Promise<OverdueSummary> {
  const rows = await deps.store.findOverdueTasks(now);
  const templates = await templateVersionsByIds(
    deps,
    rows.map((row) => row.templateId),
  );
  const groups = new Map<string, OverdueDepartment>();
  for (const row of rows) {
    const key = row.department?.key ?? '';
    let group = groups.get(key);
    if (!group) {
      const department = row.department
        ? {
            key: row.department.key,
            name: { en: row.department.name, zh: row.department.nameZh ?? row.department.name },
          }
        : null;
      group = { department, count: 0, items: [] };
      groups.set(key, group);
    }
    group.count++;
    if (group.items.length < MAX_ITEMS_PER_DEPARTMENT)
      group.items.push({
        taskId: row.taskId,
        instanceId: row.instanceId,
        reference: row.reference,
        title: templates.get(row.templateId)?.definition.title ?? { en: '?', zh: '?' },
        approver: row.approverName,
        dueAt: row.dueAt.toISOString(),
      });
  }
  const departments = [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.department?.key ?? '~').localeCompare(b.department?.key ?? '~'),
  );
  return { total: rows.length, departments };
}
