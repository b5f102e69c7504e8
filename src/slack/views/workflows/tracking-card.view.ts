import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { InstanceView, StepView, TaskSummary } from '../../../domain/workflows/types';
import type { Translate } from '../../i18n';
import { ACTION_IDS, BLOCK_IDS } from '../../ids';
import { context, escapeMrkdwn, fields, header, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
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
}

const MAX_TIMELINE_CHARS = 2900;
const MAX_COMMENTS = 5;

export function trackingCard(props: TrackingCardProps): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone, instance, forRequester } = props;
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const title = `${localized(instance.template.title, locale)} · ${instance.reference}`;
  const { cells, files } = fieldCells(instance, t, locale);
  const blocks: KnownBlock[] = [header(title), section(`*${t(`wf.status.${instance.status}`)}*`)];
  if (cells.length) blocks.push(fields(cells.slice(0, 10)));
  if (files) blocks.push(section(t('wf.card.attachments', { files })));
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

function timeline({ t, locale, timezone, instance }: TrackingCardProps): string[] {
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  return instance.steps.flatMap((step: StepView) => {
    const name = escapeMrkdwn(localized(step.name, locale));
    const mode =
      step.mode === 'all'
        ? ` ${t('wf.timeline.mode.all')}`
        : step.mode === 'any'
          ? ` ${t('wf.timeline.mode.any')}`
          : '';
    const line = (task: TaskSummary): string | null => {
      const who = personName(task.assignee);
      const reason = escapeMrkdwn(task.comment ?? '');
      const auto = task.autoHandling;
      if (task.status !== 'pending' && auto?.outcome === 'done')
        return t(`dl.timeline.auto.${auto.action}`, {
          step: name,
          who,
          time: time(task.decidedAt ?? task.createdAt),
          hours: auto.hours,
        });
      switch (task.status) {
        case 'approved':
          return t('wf.timeline.approved', { step: name, who, time: time(task.decidedAt ?? task.createdAt) });
        case 'rejected':
          return t('wf.timeline.rejected', {
            step: name,
            who,
            time: time(task.decidedAt ?? task.createdAt),
            reason,
          });
        case 'returned':
          return t('wf.timeline.returned', {
            step: name,
            who,
            time: time(task.decidedAt ?? task.createdAt),
            reason,
          });
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
            mode +
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
    };
    if (step.tasks.length === 0) {
      if (step.status === 'closed') return [t('wf.timeline.closed', { step: name })];
      const who = step.approvers.map(personName).join(', ') || '—';
      return [t('wf.timeline.planned', { step: name, who }) + mode];
    }
    return step.tasks.map(line).filter((text): text is string => text !== null);
  });
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
