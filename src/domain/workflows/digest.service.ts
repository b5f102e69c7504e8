import {
  claimDigestDeliveries,
  type DigestDeliveryKind,
  type DigestRecipient,
  findActiveAdmins,
  findApproversWithPendingTasks,
  findOverdueTasks,
  hasOverdueTasks,
} from '../../db/repositories/digests.repository';
import { inTransaction } from '../../db/repositories/transaction';
import { holidayDatesBetween } from '../../db/repositories/workflows-holidays.repository';
import { insertOutboxRows } from '../../db/repositories/workflows-outbox.repository';
import { dailyDigestDate, weeklySummaryDate } from './digest-slots';
import type { LocalizedText } from './model';
import { workflowSettings } from './settings';
import { templateVersionsByIds } from './template.service';
import type { DepartmentRef } from './types';
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

export async function runDigests(now = new Date()): Promise<DigestRun> {
  return { daily: await queueDailyDigests(now), weekly: await queueWeeklySummaries(now) };
}

/** Approvers with pending tasks whose digest time has come on a working day of theirs. */
async function queueDailyDigests(now: Date): Promise<number> {
  const { digests, calendar, defaultTimeZone } = workflowSettings();
  if (!digests.dailyAt) return 0;
  const dailyAt = digests.dailyAt;
  const recipients = await findApproversWithPendingTasks();
  if (recipients.length === 0) return 0;
  // Every zone's "today" lies within a day of UTC's.
  const today = todayIn('UTC', now);
  const holidays = await holidayDatesBetween(addDays(today, -2), addDays(today, 2));
  const due = recipients.flatMap((recipient) => {
    const zone = recipient.timezone ?? defaultTimeZone;
    const localDate = dailyDigestDate(now, calendarOf(calendar, zone, holidays), dailyAt);
    return localDate ? [{ recipient, localDate }] : [];
  });
  return queue('daily_digest', due);
}

/** Admins, on the configured weekday and time of the organisation, when anything is overdue. */
async function queueWeeklySummaries(now: Date): Promise<number> {
  const { digests, defaultTimeZone } = workflowSettings();
  if (!digests.weekly) return 0;
  const localDate = weeklySummaryDate(now, defaultTimeZone, digests.weekly);
  // Nothing overdue: no message (a summary of nothing is noise).
  if (!localDate || !(await hasOverdueTasks(now))) return 0;
  const admins = await findActiveAdmins();
  return queue(
    'weekly_summary',
    admins.map((recipient) => ({ recipient, localDate })),
  );
}

async function queue(
  kind: DigestDeliveryKind,
  due: { recipient: DigestRecipient; localDate: string }[],
): Promise<number> {
  if (due.length === 0) return 0;
  return inTransaction(async (transaction) => {
    const claimed = await claimDigestDeliveries(
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
    await insertOutboxRows(rows, transaction);
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
export async function readOverdueSummary(now = new Date()): Promise<OverdueSummary> {
  const rows = await findOverdueTasks(now);
  const templates = await templateVersionsByIds(rows.map((row) => row.templateId));
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
