import type { KnownBlock } from '@slack/types';
import type { StoredFile, StoredVersion } from '../../../domain/files/store';
import type { TaskView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, section, truncate } from '../blocks';
import { downloadValue, FILE_ACTIONS } from './file-summary.view';

/**
 * What a `file_version` review's approval card shows instead of form fields: the file, the new
 * label beside the current one, the change note, and a Download button for the version under
 * review (the library lets the reviewer download it before it is current).
 */
export function fileVersionPreviewBlocks(props: { t: Translate; task: TaskView }): KnownBlock[] {
  const { t, task } = props;
  const value = (id: string) => {
    const raw = task.instance.values[id];
    return typeof raw === 'string' ? raw : '';
  };
  const reference = value('reference');
  const label = value('label');
  const previous = value('previous_label');
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          [
            t('fileReview.preview.file', { title: escapeMrkdwn(value('title')), reference }),
            previous
              ? t('fileReview.preview.version', {
                  label: escapeMrkdwn(label),
                  previous: escapeMrkdwn(previous),
                })
              : t('fileReview.preview.firstVersion', { label: escapeMrkdwn(label) }),
          ].join('\n'),
          3000,
        ),
      },
      accessory: {
        type: 'button',
        action_id: FILE_ACTIONS.download,
        text: { type: 'plain_text', text: truncate(t('fileReview.preview.download', { label }), 75) },
        value: downloadValue(reference, label),
      },
    },
    section(t('fileReview.preview.note', { note: escapeMrkdwn(value('change_note')) })),
  ];
  if (value('file_name'))
    blocks.push(context(t('fileReview.preview.name', { name: escapeMrkdwn(value('file_name')) })));
  return blocks;
}

/** The DM to someone who downloaded an earlier version: a new one is current. */
export function newVersionNotice(
  t: Translate,
  file: StoredFile,
  version: StoredVersion,
): { text: string; blocks: KnownBlock[] } {
  const text = t('fileReview.notice.text', {
    reference: file.reference,
    title: file.title,
    label: version.label,
    note: version.changeNote,
  });
  return {
    text: truncate(text, 3000),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            t('fileReview.notice.text', {
              reference: file.reference,
              title: `*${escapeMrkdwn(file.title)}*`,
              label: escapeMrkdwn(version.label),
              note: escapeMrkdwn(version.changeNote),
            }),
            3000,
          ),
        },
        accessory: {
          type: 'button',
          action_id: FILE_ACTIONS.download,
          text: {
            type: 'plain_text',
            text: truncate(t('fileReview.notice.download', { label: version.label }), 75),
          },
          value: downloadValue(file.reference, version.label),
        },
      },
    ],
  };
}
