import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import { type AnnouncementView, contentDiff, fromReviewValues } from '../../../domain/announcements';
import type { LocalizedText } from '../../../domain/workflows/model';
import type { TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { context, divider, escapeMrkdwn, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
import { announcementMessage } from './announcement-message.view';

/**
 * What an `announcement` review's approval card shows instead of form fields: the message exactly
 * as it will be posted (rendered by the same function as the posted copies, from the form under
 * review, in the reviewer's language), where and when it goes, and — for a correction — what changes, field by field.
 */
export function reviewPreviewBlocks(props: {
  t: Translate;
  locale: Locale;
  timezone: string;
  task: TaskView;
}): KnownBlock[] {
  const { t, locale, timezone, task } = props;
  const form = fromReviewValues(task.instance.values);
  const view = previewView(task, form);
  const message = announcementMessage(t, view, {
    ackCount: null,
    edited: form.change === 'correction',
    // In the reviewer's language throughout: labels and department names never mix languages.
    locale,
    timezone,
    preview: true,
  });
  const time = (iso: string) => formatDateTime(iso, locale, timezone);
  const departments = audienceNames(task, form.content.departmentKeys);
  const targets = form.content.channelIds.length
    ? form.content.channelIds.map((id) => `<#${id}>`).join(', ')
    : t('ann.preview.dms', {
        departments: escapeMrkdwn(departments.map((name) => localized(name, locale)).join(', ')),
      });
  const when = form.content.publishAt
    ? t('ann.preview.at', { time: time(form.content.publishAt) })
    : t('ann.preview.now');
  const expires = form.content.expiresAt
    ? t('ann.preview.expires', { time: time(form.content.expiresAt) })
    : '';
  const blocks: KnownBlock[] = [section(t('ann.preview.targets', { targets, when }) + expires)];
  const diff = contentDiff(form);
  if (diff.length) {
    const show = (field: string, value: string) => {
      if (value === '') return t('ann.diff.none');
      if (field === 'category') return t(`ann.category.${value as 'notice'}`);
      if (field === 'importance') return t(`ann.importance.${value as 'normal'}`);
      if (field === 'expiresAt') return time(value);
      return escapeMrkdwn(truncate(value, 900));
    };
    blocks.push(
      section(
        truncate(
          [
            t('ann.diff.title', { reference: form.reference }),
            ...diff.map((line) =>
              t('ann.diff.line', {
                field: t(`ann.diff.field.${line.field}`),
                before: show(line.field, line.before),
                after: show(line.field, line.after),
              }),
            ),
          ].join('\n'),
          3000,
        ),
      ),
    );
  }
  blocks.push(
    divider(),
    section(t('ann.preview.title')),
    ...message.blocks,
    context(t('ann.preview.end')),
    divider(),
  );
  return blocks;
}

/** The audience's department names; a department deleted since the form was written shows its key. */
function audienceNames(task: TaskView, keys: readonly string[]): LocalizedText[] {
  return keys.map((key) => task.instance.departmentNames[key] ?? { en: key, zh: key });
}

function previewView(task: TaskView, form: ReturnType<typeof fromReviewValues>): AnnouncementView {
  const { instance } = task;
  return {
    id: 0,
    reference: form.reference,
    status: 'in_review',
    author: instance.requester,
    department: instance.requester.department,
    content: form.content,
    version: instance.revision,
    edited: form.change === 'correction',
    publishedAt: null,
    withdrawnAt: null,
    withdrawnBy: null,
    audienceDepartments: audienceNames(task, form.content.departmentKeys),
    review: { instanceId: instance.id, reference: instance.reference, status: instance.status },
    // The preview is dated as it would be if approved now, unless it is scheduled.
    createdAt: new Date().toISOString(),
  };
}
