import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { InstanceView, Page, TaskView, TemplateInfo } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { ACTION_IDS } from '../../ids';
import { context, divider, escapeMrkdwn, section } from '../blocks';
import { formatDateTime, localized } from '../format';
import { personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/** Home tab sections: what waits for me (with buttons), my latest requests, and how to start one. */
export const HOME_TASKS = 5;
export const HOME_REQUESTS = 8;

export function workflowHomeSections(props: {
  t: Translate;
  locale: Locale;
  timezone: string;
  pending: Page<TaskView>;
  mine: Page<InstanceView>;
  templates: TemplateInfo[];
  canStart: boolean;
}): KnownBlock[] {
  const { t, locale, timezone, pending, mine, templates, canStart } = props;
  const blocks: KnownBlock[] = [divider(), section(t('wf.home.waiting', { count: pending.total }))];
  if (pending.total === 0) blocks.push(context(t('wf.home.waiting.none')));
  for (const task of pending.items.slice(0, HOME_TASKS)) {
    const { instance } = task;
    blocks.push(
      section(
        `*${escapeMrkdwn(localized(instance.template.title, locale))} · ${instance.reference}* — ${personName(instance.requester)}\n${escapeMrkdwn(localized(instance.subject, locale))}`,
      ),
      taskButtons(t, task.taskId, instance.id),
    );
  }
  if (pending.total > HOME_TASKS)
    blocks.push(context(t('wf.home.waiting.more', { count: pending.total - HOME_TASKS })));

  blocks.push(divider(), section(t('wf.home.mine')));
  if (mine.total === 0) blocks.push(context(t('wf.home.mine.none')));
  else {
    const lines = mine.items
      .slice(0, HOME_REQUESTS)
      .map(
        (request) =>
          `${t(`wf.status.${request.status}`)} · *${request.reference}* ${escapeMrkdwn(localized(request.subject, locale))} · ${formatDateTime(request.createdAt, locale, timezone)}`,
      );
    blocks.push(section(lines.join('\n')));
  }

  const startable = templates.filter((template) => template.purpose === 'request');
  if (canStart && startable.length) {
    blocks.push(divider(), section(t('wf.home.start')), {
      type: 'actions',
      elements: startable.slice(0, 25).map((template) => ({
        type: 'button' as const,
        action_id: `${ACTION_IDS.startRequest}:${template.key}`,
        value: template.key,
        text: { type: 'plain_text' as const, text: localized(template.title, locale).slice(0, 75) },
      })),
    });
  }
  return blocks;
}
