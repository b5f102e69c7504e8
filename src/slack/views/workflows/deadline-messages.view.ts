import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { CardLocation, TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
import { taskOutcome } from './approval-card.view';
import { personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/**
 * Short deadline messages: a reminder (scheduled or nudged) that links to the approval card and
 * carries the same buttons, and the escalation notices to the next level up and to the requester.
 */
export interface DeadlineViewProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  task: TaskView;
}

/** A link that opens a message in Slack (the archive URL redirects to the workspace). */
export function messageLink(card: CardLocation): string {
  return `https://slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}`;
}

function vars({ locale, timezone, task }: DeadlineViewProps) {
  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale, timezone) : '—');
  return {
    title: escapeMrkdwn(localized(task.instance.template.title, locale)),
    reference: task.instance.reference,
    requester: personName(task.instance.requester),
    approver: personName(task.assignee),
    due: time(task.dueAt),
    since: time(task.createdAt),
  };
}

export function reminderMessage(props: DeadlineViewProps & { reason: 'scheduled' | 'nudge'; now?: Date }): {
  text: string;
  blocks: KnownBlock[];
} {
  const { t, task } = props;
  const v = vars(props);
  // A reminder posted earlier, brought in line once the task is decided: no buttons left.
  if (task.status !== 'pending') {
    const text = t('dl.reminder.closed', v);
    const blocks: KnownBlock[] = [section(text)];
    const outcome = taskOutcome(props);
    if (outcome) blocks.push(context(outcome));
    if (task.card) blocks.push(context(t('dl.reminder.link', { link: messageLink(task.card) })));
    return { text: truncate(text, 300), blocks };
  }
  const overdue = task.dueAt !== null && new Date(task.dueAt) <= (props.now ?? new Date());
  const key =
    props.reason === 'nudge'
      ? 'dl.reminder.nudge'
      : overdue
        ? 'dl.reminder.overdue'
        : 'dl.reminder.scheduled';
  const text = t(key, v);
  const blocks: KnownBlock[] = [section(text)];
  if (task.card) blocks.push(context(t('dl.reminder.link', { link: messageLink(task.card) })));
  blocks.push(taskButtons(t, task.taskId, task.instance.id));
  return { text: truncate(text, 300), blocks };
}

export function escalationMessage(
  props: DeadlineViewProps & { audience: 'target' | 'requester'; targets: string[] },
): { text: string } {
  const v = vars(props);
  const targets = props.targets.map(escapeMrkdwn).join(', ') || '—';
  return {
    text: props.t(props.audience === 'target' ? 'dl.escalated.target' : 'dl.escalated.requester', {
      ...v,
      targets,
    }),
  };
}
