import { requireAdmin } from './actors';
import { audit } from './audit';
import { toCsv } from './csv';
import type { WorkflowDeps } from './deps';
import type { InstanceStatus, LocalizedText, SlackFileRef, TaskStatus } from './model';
import { timeZoneOf } from './settings';
import { loadInstanceViews } from './view-loader';
import { DECIDED_TASK_STATUSES, type InstanceView } from './view-types';
import { WorkflowError } from './workflow-errors';
import { isIsoDate } from './working-days';

/**
 * Admins export the requests submitted in a date range for their statistics (§八): one row per
 * request, in the requesting admin's language (column names, statuses, step names, subjects and
 * field labels; identifiers such as references, template and department keys stay as they are),
 * times in UTC (ISO 8601), turnaround in hours for decided requests, and the file library
 * references of the request's attachments (a refused or not yet stored one by its name, marked).
 */

/** Which side of a LocalizedText the file is written in. */
export type ExportLanguage = keyof LocalizedText;

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
  'attachments',
] as const;

/** The columns in Chinese; in English they keep their machine-friendly names above. */
const HEADER_ZH: Record<(typeof EXPORT_HEADER)[number], string> = {
  reference: '編號',
  template: '申請類型',
  template_version: '類型版本',
  status: '狀態',
  requester: '申請人',
  requester_slack_id: '申請人 Slack ID',
  department: '部門',
  subject: '摘要',
  submitted_at: '提交時間',
  decided_at: '決定時間',
  turnaround_hours: '處理時數',
  revisions: '修訂次數',
  document_number: '文號',
  approvals: '審批紀錄',
  fields: '表單內容',
  attachments: '附件',
};

export function exportHeader(language: ExportLanguage): readonly string[] {
  return language === 'zh' ? EXPORT_HEADER.map((column) => HEADER_ZH[column]) : EXPORT_HEADER;
}

/** Statuses of requests and tasks, and who acted when no one did. */
const WORDS: Record<InstanceStatus | TaskStatus | 'system', LocalizedText> = {
  in_review: { en: 'in_review', zh: '審批中' },
  pending: { en: 'pending', zh: '待審' },
  approved: { en: 'approved', zh: '已核准' },
  rejected: { en: 'rejected', zh: '已駁回' },
  returned: { en: 'returned', zh: '已退回修改' },
  superseded: { en: 'superseded', zh: '已由他人決定' },
  transferred: { en: 'transferred', zh: '已轉交' },
  withdrawn: { en: 'withdrawn', zh: '已撤回' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  system: { en: 'system', zh: '系統' },
};

// Views are loaded in batches so a year of requests does not sit in memory as one query result.
const BATCH = 200;

/**
 * Every revision's decisions, oldest first, so a rejection stays on record after the request
 * is revised (issue 13 item 10), each with the approver's opinion or reason (item 26), and the
 * requester's withdrawal or an admin's cancellation under the name of whoever did it, not of
 * the approver whose task it closed (item 11).
 */
function decisionsOf(view: InstanceView, language: ExportLanguage): string[] {
  const revised = view.revisions.length > 1;
  const prefix = (revision: number) => (revised ? `r${revision} ` : '');
  const lines: { at: string; text: string }[] = [];
  for (const revision of view.revisions)
    for (const step of revision.steps)
      for (const task of step.tasks)
        if (DECIDED_TASK_STATUSES.has(task.status))
          lines.push({
            at: task.decidedAt ?? '',
            text: `${prefix(revision.revision)}${step.name[language]}: ${task.assignee.name} ${WORDS[task.status][language]}${task.decidedAt ? ` ${task.decidedAt}` : ''}${task.comment ? ` — ${task.comment}` : ''}`,
          });
  for (const event of view.history)
    if (event.kind === 'withdrawn' || event.kind === 'cancelled')
      lines.push({
        at: event.at,
        text: `${prefix(event.revision)}${event.actor?.name ?? WORDS.system[language]} ${WORDS[event.kind][language]} ${event.at}`,
      });
  return lines.sort((a, b) => a.at.localeCompare(b.at)).map((line) => line.text);
}

/** `FILE-2026-0001 FILE-2026-0002`; a file the library does not hold as `name (refused)`. */
function attachmentsColumn(view: InstanceView, language: ExportLanguage): string {
  return view.fields
    .filter((field) => field.type === 'files' && Array.isArray(field.value))
    .flatMap((field) => field.value as SlackFileRef[])
    .map((file) =>
      file.stored
        ? file.stored.reference
        : `${file.name} (${(file.refused ? ATTACHMENT_WORDS.refused : ATTACHMENT_WORDS.pending)[language]})`,
    )
    .join(' ');
}

const ATTACHMENT_WORDS: Record<'refused' | 'pending', LocalizedText> = {
  refused: { en: 'refused', zh: '未收存' },
  pending: { en: 'not stored yet', zh: '尚未存入' },
};

function row(view: InstanceView, language: ExportLanguage): (string | number | null)[] {
  const turnaround =
    view.decidedAt === null
      ? null
      : Math.round(((Date.parse(view.decidedAt) - Date.parse(view.createdAt)) / 3_600_000) * 10) / 10;
  const approvals = decisionsOf(view, language).join('; ');
  const fields = view.fields
    .filter((field) => field.display !== null)
    .map((field) => `${field.label[language]}: ${field.display![language]}`)
    .join('; ');
  return [
    view.reference,
    view.template.key,
    view.template.version,
    WORDS[view.status][language],
    view.requester.name,
    view.requester.slackUserId,
    view.requester.department?.key ?? null,
    view.subject[language],
    view.createdAt,
    view.decidedAt,
    turnaround,
    view.revision,
    view.documentNumber,
    approvals,
    fields,
    attachmentsColumn(view, language),
  ];
}

export async function exportCsv(
  deps: WorkflowDeps,
  adminSlackId: string,
  range: { from: string; to: string },
  language: ExportLanguage = 'en',
): Promise<string> {
  const admin = await requireAdmin(deps.store, adminSlackId);
  for (const field of ['from', 'to'] as const)
    if (!isIsoDate(range[field]))
      throw new WorkflowError('invalid_input', { field, value: String(range[field]) });
  if (range.from > range.to) throw new WorkflowError('invalid_input', { field: 'to', value: range.to });
  const ids = await deps.store.findIdsSubmittedBetween(
    range.from,
    range.to,
    timeZoneOf(deps.settings, admin),
  );
  const rows: (string | number | null)[][] = [];
  for (let start = 0; start < ids.length; start += BATCH)
    rows.push(
      ...(await loadInstanceViews(deps, ids.slice(start, start + BATCH))).map((view) => row(view, language)),
    );
  // Reading every request is itself worth a line in the audit log.
  await deps.store.inTransaction((transaction) =>
    audit(deps, transaction, {
      actor: adminSlackId,
      action: 'workflow.exported',
      subjectType: 'workflow_export',
      subjectId: `${range.from}..${range.to}`,
      after: { rows: rows.length },
    }),
  );
  return toCsv(exportHeader(language), rows);
}
