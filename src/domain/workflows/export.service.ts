import { inTransaction } from '../../db/repositories/transaction';
import { findIdsSubmittedBetween } from '../../db/repositories/workflows-queries.repository';
import { audit } from '../audit/audit.service';
import { requireAdmin } from './actors';
import { toCsv } from './csv';
import { timeZoneOf } from './settings';
import { DECIDED_TASK_STATUSES, type InstanceView } from './types';
import { loadInstanceViews } from './view-loader';
import { WorkflowError } from './workflow-errors';
import { isIsoDate } from './working-days';

/**
 * Admins export the requests submitted in a date range for their statistics (§八): one row per
 * request, English labels, times in UTC (ISO 8601), turnaround in hours for decided requests.
 */

export const EXPORT_HEADER = [
  'reference',
  'template',
  'template_version',
  'status',
  'requester',
  'requester_slack_id',
  'department',
  'subject',
  'submitted_at',
  'decided_at',
  'turnaround_hours',
  'revisions',
  'document_number',
  'approvals',
  'fields',
] as const;

// Views are loaded in batches so a year of requests does not sit in memory as one query result.
const BATCH = 200;

/**
 * Every revision's decisions, oldest first, so a rejection stays on record after the request
 * is revised (issue 13 item 10), each with the approver's opinion or reason (item 26), and the
 * requester's withdrawal or an admin's cancellation under the name of whoever did it, not of
 * the approver whose task it closed (item 11).
 */
function decisionsOf(view: InstanceView): string[] {
  const revised = view.revisions.length > 1;
  const prefix = (revision: number) => (revised ? `r${revision} ` : '');
  const lines: { at: string; text: string }[] = [];
  for (const revision of view.revisions)
    for (const step of revision.steps)
      for (const task of step.tasks)
        if (DECIDED_TASK_STATUSES.has(task.status))
          lines.push({
            at: task.decidedAt ?? '',
            text: `${prefix(revision.revision)}${step.name.en}: ${task.assignee.name} ${task.status}${task.decidedAt ? ` ${task.decidedAt}` : ''}${task.comment ? ` — ${task.comment}` : ''}`,
          });
  for (const event of view.history)
    if (event.kind === 'withdrawn' || event.kind === 'cancelled')
      lines.push({
        at: event.at,
        text: `${prefix(event.revision)}${event.actor?.name ?? 'system'} ${event.kind} ${event.at}`,
      });
  return lines.sort((a, b) => a.at.localeCompare(b.at)).map((line) => line.text);
}

function row(view: InstanceView): (string | number | null)[] {
  const turnaround =
    view.decidedAt === null
      ? null
      : Math.round(((Date.parse(view.decidedAt) - Date.parse(view.createdAt)) / 3_600_000) * 10) / 10;
  const approvals = decisionsOf(view).join('; ');
  const fields = view.fields
    .filter((field) => field.display !== null)
    .map((field) => `${field.label.en}: ${field.display!.en}`)
    .join('; ');
  return [
    view.reference,
    view.template.key,
    view.template.version,
    view.status,
    view.requester.name,
    view.requester.slackUserId,
    view.requester.department?.key ?? null,
    view.subject.en,
    view.createdAt,
    view.decidedAt,
    turnaround,
    view.revision,
    view.documentNumber,
    approvals,
    fields,
  ];
}

export async function exportCsv(adminSlackId: string, range: { from: string; to: string }): Promise<string> {
  const admin = await requireAdmin(adminSlackId);
  for (const field of ['from', 'to'] as const)
    if (!isIsoDate(range[field]))
      throw new WorkflowError('invalid_input', { field, value: String(range[field]) });
  if (range.from > range.to) throw new WorkflowError('invalid_input', { field: 'to', value: range.to });
  const ids = await findIdsSubmittedBetween(range.from, range.to, timeZoneOf(admin));
  const rows: (string | number | null)[][] = [];
  for (let start = 0; start < ids.length; start += BATCH)
    rows.push(...(await loadInstanceViews(ids.slice(start, start + BATCH))).map(row));
  // Reading every request is itself worth a line in the audit log.
  await inTransaction((transaction) =>
    audit(transaction, {
      actor: adminSlackId,
      action: 'workflow.exported',
      subjectType: 'workflow_export',
      subjectId: `${range.from}..${range.to}`,
      after: { rows: rows.length },
    }),
  );
  return toCsv(EXPORT_HEADER, rows);
}
