import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { reviewPreviewBlocks } from '../announcements/review-preview.view';
import { context, escapeMrkdwn, fields, header, section, truncate } from '../blocks';
import { fileVersionPreviewBlocks } from '../files/version-review.view';
import { formatDateTime, localized } from '../format';
import { attachmentBlocks } from './attachments.view';
import { decidedByAbsent, handOverOf, onBehalfOfLine } from './delegation.view';
import { fieldCells, personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/**
 * The card an approver receives in their DM. While the task is pending it carries the decision
 * buttons; once it is decided (by them or anyone else) it is updated in place with no buttons left.
 */
export interface ApprovalCardProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  task: TaskView;
  /** When the task was superseded: who decided and when, for "already decided by X at T". */
  supersededBy?: { name: string; at: string } | undefined;
}

/**
 * Template-specific content shown instead of the form's fields, by template key: the announcement
 * review shows the message exactly as it will be posted, a file version review the version with
 * its Download button. A fixed table, not a registry filled at
 * start-up: a card renders the same whatever has been set up before it.
 */
const PREVIEWS: Readonly<Record<string, (props: ApprovalCardProps) => KnownBlock[]>> = {
  announcement: reviewPreviewBlocks,
  file_version: fileVersionPreviewBlocks,
};

export function approvalCard(props: ApprovalCardProps): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone, task } = props;
  const { instance } = task;
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const title = `${localized(instance.template.title, locale)} · ${instance.reference}`;
  const { cells } = fieldCells(instance, t, locale);
  const department = instance.requester.department
    ? localized(instance.requester.department.name, locale)
    : '—';
  const blocks: KnownBlock[] = [
    header(title),
    fields([
      t('wf.card.requester', { name: personName(instance.requester) }),
      t('wf.card.department', { department: escapeMrkdwn(department) }),
    ]),
  ];
  const preview = PREVIEWS[instance.template.key];
  if (preview) blocks.push(...preview(props));
  else if (cells.length) blocks.push(fields(cells.slice(0, 10)));
  blocks.push(...attachmentBlocks(t, locale, instance));
  const meta = [
    t('wf.card.step', {
      index: task.stepIndex + 1,
      count: task.stepCount,
      name: escapeMrkdwn(localized(task.stepName, locale)),
    }),
    t('wf.card.submitted', { time: time(instance.createdAt) }),
  ];
  if (task.dueAt) meta.push(t('wf.card.due', { time: time(task.dueAt) }));
  if (instance.revision > 1) meta.push(t('wf.card.revision', { revision: instance.revision }));
  blocks.push(context(meta.join(' · ')));
  const onBehalfOf = onBehalfOfLine(t, task);
  if (onBehalfOf) blocks.push(context(onBehalfOf));

  const outcome = taskOutcome(props);
  if (outcome) {
    blocks.push(section(outcome));
  } else {
    blocks.push(taskButtons(t, task.taskId, instance.id));
  }
  return { text: truncate(`${title} — ${instance.requester.name}`, 300), blocks };
}

/** What became of a task, for its approver; null while it is pending. */
export function taskOutcome({ t, locale, timezone, task, supersededBy }: ApprovalCardProps): string | null {
  const at = task.decidedAt ? formatDateTime(task.decidedAt, locale, timezone) : '';
  const reason = escapeMrkdwn(task.comment ?? '');
  const auto = task.autoHandling;
  // Closed by the system (overdue): say so rather than "you approved".
  if (task.status !== 'pending' && auto?.outcome === 'done')
    return t(`dl.card.auto.${auto.action}`, { time: at, hours: auto.hours });
  switch (task.status) {
    case 'pending':
      return null;
  }
  // A delegated task decided by the absent approver, or a task handed over to one's delegate.
  const byAbsent = decidedByAbsent({ t, locale, timezone, task });
  if (byAbsent) return byAbsent;
  const handedOver = task.status === 'transferred' ? handOverOf(task.instance, task.taskId) : null;
  if (handedOver) return t('away.task.handedOver', { delegate: personName(handedOver.delegate), time: at });
  switch (task.status) {
    case 'approved':
      return task.comment
        ? t('wf.task.approvedByYouWithOpinion', { time: at, opinion: reason })
        : t('wf.task.approvedByYou', { time: at });
    case 'rejected':
      return t('wf.task.rejectedByYou', { time: at, reason });
    case 'returned':
      return t('wf.task.returnedByYou', { time: at, reason });
    case 'transferred':
      return t('wf.task.transferredByYou', { time: at, reason });
    case 'withdrawn':
      return t('wf.task.superseded', { why: t('wf.task.superseded.request_withdrawn') });
    case 'cancelled':
      return t('wf.task.superseded', { why: t('wf.task.superseded.request_cancelled') });
    case 'superseded':
      return t('wf.task.superseded', {
        why: supersededBy
          ? t('wf.task.superseded.decided_by_other', {
              by: escapeMrkdwn(supersededBy.name),
              time: formatDateTime(supersededBy.at, locale, timezone),
            })
          : t(`wf.status.${task.instance.status}`),
      });
  }
}
