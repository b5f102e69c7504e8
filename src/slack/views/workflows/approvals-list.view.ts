import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { Page, TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { ACTION_IDS } from '../../ids';
import { context, divider, escapeMrkdwn, header, section } from '../blocks';
import { formatDateTime, localized } from '../format';
import { onBehalfOfLine } from './delegation.view';
import { personName } from './request-fields';
import { taskButtons } from './task-buttons.view';

/** Tasks per page: each takes 3 blocks, and a message holds at most 50. */
export const APPROVALS_PAGE_SIZE = 10;

export function approvalsList(props: {
  t: Translate;
  locale: Locale;
  timezone: string;
  page: Page<TaskView>;
}): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone, page } = props;
  const title = t('wf.approvals.title', { count: page.total });
  if (page.total === 0) return { text: t('wf.approvals.none'), blocks: [section(t('wf.approvals.none'))] };
  const blocks: KnownBlock[] = [header(title)];
  for (const task of page.items) {
    const { instance } = task;
    const line = [
      `*${escapeMrkdwn(localized(instance.template.title, locale))} · ${instance.reference}*`,
      `${personName(instance.requester)} · ${escapeMrkdwn(localized(instance.subject, locale))}`,
      t('wf.card.step', {
        index: task.stepIndex + 1,
        count: task.stepCount,
        name: escapeMrkdwn(localized(task.stepName, locale)),
      }) +
        ' · ' +
        t('wf.card.submitted', { time: formatDateTime(instance.createdAt, locale, timezone) }),
    ];
    const onBehalfOf = onBehalfOfLine(t, task);
    if (onBehalfOf) line.push(onBehalfOf);
    blocks.push(divider(), section(line.join('\n')), taskButtons(t, task.taskId, instance.id));
  }
  const to = page.offset + page.items.length;
  blocks.push(context(t('wf.approvals.page', { from: page.offset + 1, to, total: page.total })));
  if (to < page.total) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.approvalsPage,
          value: String(to),
          text: { type: 'plain_text', text: t('wf.button.nextPage') },
        },
      ],
    });
  }
  return { text: title, blocks };
}
