import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { OverdueSummary } from '../../../domain/workflows/digest.service';
import type { Page, TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, header, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
import { taskOutcome } from './approval-card.view';
import { personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/**
 * The daily digest (an approver's pending tasks, oldest first, overdue ones marked, each with the
 * approval card's own buttons so the usual handlers act on them) and the weekly overdue summary
 * for admins. Both stay within Block Kit's 50 blocks: lists are capped and the rest counted.
 */
export interface DigestViewProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  now?: Date;
}

/** At most this many tasks (at most 2 blocks each) are listed: 4 + 2 × 20 blocks stays below 50. */
export const MAX_DIGEST_ITEMS = 20;
/** Department sections in a weekly summary (plus header, total and "more"). */
export const MAX_SUMMARY_DEPARTMENTS = 40;

/**
 * `stillPending` is given when a posted digest is brought in line after a decision: the tasks it
 * listed stay, each decided one with its outcome instead of buttons.
 */
export function dailyDigestMessage(
  props: DigestViewProps & { page: Page<TaskView>; stillPending?: number },
): {
  text: string;
  blocks: KnownBlock[];
} {
  const { t, locale, timezone, page } = props;
  const now = props.now ?? new Date();
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const items = page.items.slice(0, MAX_DIGEST_ITEMS);
  const overdue = items.filter((task) => task.dueAt !== null && new Date(task.dueAt) <= now).length;
  const summary = t('dg.daily.summary', { count: page.total });
  const blocks: KnownBlock[] = [header(t('dg.daily.title')), section(summary)];
  if (props.stillPending !== undefined)
    blocks.push(context(t('dg.daily.stillWaiting', { count: props.stillPending })));
  for (const task of items) {
    const late = task.dueAt !== null && new Date(task.dueAt) <= now;
    const line = t('dg.daily.item', {
      title: escapeMrkdwn(localized(task.instance.template.title, locale)),
      reference: task.instance.reference,
      requester: personName(task.instance.requester),
      since: time(task.createdAt),
      due: task.dueAt ? time(task.dueAt) : '—',
    });
    if (task.status !== 'pending') {
      blocks.push(section(`${line}\n${taskOutcome({ t, locale, timezone, task }) ?? ''}`));
      continue;
    }
    blocks.push(section(late ? `${line}\n${t('dg.daily.overdue')}` : line));
    blocks.push(taskButtons(t, task.taskId, task.instance.id));
  }
  if (page.total > items.length)
    blocks.push(context(t('dg.daily.more', { count: page.total - items.length })));
  const text = t('dg.daily.text', { count: page.total, overdue });
  return { text: truncate(text, 300), blocks };
}

export function weeklySummaryMessage(props: DigestViewProps & { summary: OverdueSummary }): {
  text: string;
  blocks: KnownBlock[];
} {
  const { t, locale, timezone, summary } = props;
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const shown = summary.departments.slice(0, MAX_SUMMARY_DEPARTMENTS);
  const total = t('dg.weekly.total', { count: summary.total, departments: summary.departments.length });
  const blocks: KnownBlock[] = [header(t('dg.weekly.title')), section(total)];
  for (const group of shown) {
    const name = group.department
      ? escapeMrkdwn(localized(group.department.name, locale))
      : t('dg.weekly.noDepartment');
    const lines = group.items.map((item) =>
      t('dg.weekly.item', {
        reference: item.reference,
        title: escapeMrkdwn(localized(item.title, locale)),
        approver: escapeMrkdwn(item.approver),
        due: time(item.dueAt),
      }),
    );
    if (group.count > group.items.length)
      lines.push(t('dg.weekly.itemsMore', { count: group.count - group.items.length }));
    blocks.push(
      section(truncate([t('dg.weekly.department', { name, count: group.count }), ...lines].join('\n'), 2900)),
    );
  }
  if (summary.departments.length > shown.length)
    blocks.push(context(t('dg.weekly.more', { count: summary.departments.length - shown.length })));
  return { text: truncate(total, 300), blocks };
}
