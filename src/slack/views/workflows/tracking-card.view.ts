import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import {
  DECIDED_TASK_STATUSES,
  type InstanceView,
  type StepView,
  type TaskSummary,
} from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { ACTION_IDS, BLOCK_IDS } from '../../ids';
import { context, escapeMrkdwn, fields, header, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
import { attachmentBlocks } from './attachments.view';
import { handOverOf } from './delegation.view';
import { fieldCells, personName } from './request-fields';

/**
 * The requester's tracking card: one message, updated in place at every event, with the
 * timeline of steps and the actions the requester has (withdraw while in review, resubmit after
 * a rejection or return). Also what `/oa status` and Details show to other allowed viewers.
 */
export interface TrackingCardProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  instance: InstanceView;
  /** Show the requester's buttons (only on the requester's own card). */
  forRequester: boolean;
  /** Attachments with a Download button per files field (a card: 5; Details: all ten). */
  filesPerField?: number;
}

const MAX_TIMELINE_CHARS = 2900;
/** Below a section's 3,000 characters with room for the heading. */
const MAX_EARLIER_CHARS = 2800;
const MAX_COMMENTS = 5;

export function trackingCard(props: TrackingCardProps): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone, instance, forRequester, filesPerField } = props;
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const title = `${localized(instance.template.title, locale)} · ${instance.reference}`;
  const { cells } = fieldCells(instance, t, locale);
  const blocks: KnownBlock[] = [header(title), section(`*${t(`wf.status.${instance.status}`)}*`)];
  if (cells.length) blocks.push(fields(cells.slice(0, 10)));
  blocks.push(...attachmentBlocks(t, locale, instance, filesPerField));
  const earlier = earlierRevisions(props);
  if (earlier) blocks.push(section(`${t('wf.timeline.earlier')}\n${earlier}`));
  blocks.push(section(truncate([t('wf.timeline.title'), ...timeline(props)].join('\n'), MAX_TIMELINE_CHARS)));
  const comments = instance.comments
    .slice(-MAX_COMMENTS)
    .map((c) =>
      t('wf.comment.line', { who: personName(c.author), time: time(c.at), text: escapeMrkdwn(c.text) }),
    );
  if (comments.length) blocks.push(context(truncate(comments.join('\n'), 2900)));
  const meta = [
    t('wf.card.requester', { name: personName(instance.requester) }).replace('\n', ' '),
    t('wf.card.submitted', { time: time(instance.createdAt) }),
  ];
  if (instance.revision > 1) meta.push(t('wf.card.revision', { revision: instance.revision }));
  if (instance.documentNumber) meta.push(t('wf.card.documentNumber', { number: instance.documentNumber }));
  blocks.push(context(meta.join(' · ')));
  const buttons = requesterButtons(t, instance, forRequester);
  if (buttons) blocks.push(buttons);
  return { text: truncate(`${title}: ${t(`wf.status.${instance.status}`)}`, 300), blocks };
}

/**
 * The decisions of every earlier revision, grouped by revision ("Revision 1 · Rejected", then
 * who decided what and why), so a first round's rejection stays visible once the request is
 * revised (issue 13 item 10). Read from the same view as the CSV export (`instance.revisions`).
 * When it is too long, the oldest lines give way: the latest rounds matter most.
 */
function earlierRevisions(props: TrackingCardProps): string | null {
  const { t, instance } = props;
  const earlier = instance.revisions.filter((revision) => revision.revision !== instance.revision);
  if (earlier.length === 0) return null;
  const lines = earlier.flatMap((revision) => [
    t('wf.timeline.revision', {
      revision: revision.revision,
      outcome: t(`wf.status.${revision.outcome ?? 'in_review'}`),
    }),
    ...revision.steps.flatMap((step) =>
      step.tasks
        .filter((task) => DECIDED_TASK_STATUSES.has(task.status))
        .map((task) => taskLine(props, step, task))
        .filter((text): text is string => text !== null),
    ),
  ]);
  const kept: string[] = [];
  let length = 0;
  for (const line of lines.reverse()) {
    length += line.length + 1;
    if (length > MAX_EARLIER_CHARS) {
      kept.push(kept.length === 0 ? truncate(line, MAX_EARLIER_CHARS) : '…');
      break;
    }
    kept.push(line);
  }
  return kept.reverse().join('\n');
}

function timeline(props: TrackingCardProps): string[] {
  const { t, locale, instance } = props;
  // Once revised, the current round is headed like the earlier ones.
  const heading =
    instance.revisions.length > 1 ? [t('wf.timeline.revision.current', { revision: instance.revision })] : [];
  return [
    ...heading,
    ...instance.steps.flatMap((step: StepView) => {
      const name = escapeMrkdwn(localized(step.name, locale));
      if (step.tasks.length === 0) {
        if (step.status === 'closed') return [t('wf.timeline.closed', { step: name })];
        const who = step.approvers.map(personName).join(', ') || '—';
        return [t('wf.timeline.planned', { step: name, who }) + modeText(t, step)];
      }
      return step.tasks
        .map((task) => taskLine(props, step, task))
        .filter((text): text is string => text !== null);
    }),
  ];
}

const modeText = (t: Translate, step: StepView): string =>
  step.mode === 'all'
    ? ` ${t('wf.timeline.mode.all')}`
    : step.mode === 'any'
      ? ` ${t('wf.timeline.mode.any')}`
      : '';

/** One task's line of the timeline; null for tasks closed by someone else's act. */
function taskLine(
  { t, locale, timezone, instance }: TrackingCardProps,
  step: StepView,
  task: TaskSummary,
): string | null {
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const name = escapeMrkdwn(localized(step.name, locale));
  const who = personName(task.assignee);
  const reason = escapeMrkdwn(task.comment ?? '');
  const auto = task.autoHandling;
  const at = time(task.decidedAt ?? task.createdAt);
  if (task.status !== 'pending' && auto?.outcome === 'done')
    return t(`dl.timeline.auto.${auto.action}`, { step: name, who, time: at, hours: auto.hours });
  switch (task.status) {
    case 'approved': {
      return task.comment
        ? t('wf.timeline.approvedWithOpinion', { step: name, who, time: at, opinion: reason })
        : t('wf.timeline.approved', { step: name, who, time: at });
    }
    case 'rejected':
      return t('wf.timeline.rejected', { step: name, who, time: at, reason });
    case 'returned':
      return t('wf.timeline.returned', { step: name, who, time: at, reason });
    case 'pending': {
      const due = task.dueAt
        ? t(task.escalatedAt ? 'dl.timeline.escalated' : 'dl.timeline.due', { time: time(task.dueAt) })
        : '';
      const planned =
        auto && !auto.handledAt ? t(`dl.auto.planned.${auto.action}`, { time: time(auto.at) }) : '';
      const onBehalfOf =
        task.delegationId !== null && task.onBehalfOf
          ? t('away.line.onBehalfOf', { name: personName(task.onBehalfOf) })
          : '';
      return (
        t('wf.timeline.waiting', { step: name, who, time: time(task.createdAt) }) +
        onBehalfOf +
        modeText(t, step) +
        due +
        planned
      );
    }
    case 'transferred': {
      const handedOver = handOverOf(instance, task.taskId);
      return handedOver
        ? t('away.timeline.handedOver', { who, delegate: personName(handedOver.delegate) })
        : t('wf.timeline.transferred', { who, reason });
    }
    default:
      return null;
  }
}

function requesterButtons(t: Translate, instance: InstanceView, forRequester: boolean): ActionsBlock | null {
  const value = String(instance.id);
  const elements: Button[] = [];
  if (forRequester && instance.status === 'in_review') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.withdraw,
      value,
      style: 'danger',
      text: { type: 'plain_text', text: t('wf.button.withdraw') },
      confirm: {
        title: { type: 'plain_text', text: t('wf.confirm.withdraw.title') },
        text: { type: 'plain_text', text: t('wf.confirm.withdraw.text') },
        confirm: { type: 'plain_text', text: t('wf.confirm.yes') },
        deny: { type: 'plain_text', text: t('wf.confirm.no') },
      },
    });
  }
  if (forRequester && instance.status === 'in_review') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.nudge,
      value,
      text: { type: 'plain_text', text: t('dl.button.nudge') },
    });
  }
  if (forRequester && (instance.status === 'rejected' || instance.status === 'returned')) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.resubmit,
      value,
      style: 'primary',
      text: { type: 'plain_text', text: t('wf.button.resubmit') },
    });
  }
  if (instance.status === 'in_review') {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.comment,
      value,
      text: { type: 'plain_text', text: t('wf.button.comment') },
    });
  }
  elements.push({
    type: 'button',
    action_id: ACTION_IDS.details,
    value,
    text: { type: 'plain_text', text: t('wf.button.details') },
  });
  return { type: 'actions', block_id: BLOCK_IDS.requestActions, elements };
}
