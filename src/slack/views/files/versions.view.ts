import type { KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../../config';
import type { StoredFile, StoredVersion } from '../../../domain/files/store';
import type { Translate } from '../../i18n';
import { FILE_ACTION_IDS, FILE_CALLBACK_IDS } from '../../ids';
import { context, escapeMrkdwn, header, section, truncate } from '../blocks';
import { formatDateTime } from '../format';
import { formatSize } from './file-format';

/** A modal holds 100 blocks: two per version and a header leave room for 45. */
const MAX_LISTED = 45;

/**
 * Every version of a file, newest first: label, status, size, the SHA-256 (shortened; the full
 * one is in the audit log), who and when, the change note, and its own Download button
 * (`<reference>@<label>`). A purged version says so instead of offering a download.
 */
export function versionsView(
  t: Translate,
  file: StoredFile,
  versions: readonly StoredVersion[],
  facts: { locale: Locale; timeZone: string; uploaderLabel: (personId: number) => string },
): ModalView {
  const blocks: KnownBlock[] = [
    header(t('files.versions.header', { reference: file.reference, title: file.title })),
  ];
  for (const version of versions.slice(0, MAX_LISTED)) {
    const lines = [
      t('files.versions.entry', {
        label: escapeMrkdwn(version.label),
        status: t(`files.versions.status.${version.status}`),
        size: formatSize(version.sizeBytes),
        sha: version.sha256.slice(0, 12),
        who: facts.uploaderLabel(version.uploadedByPersonId),
        when: formatDateTime(version.createdAt.toISOString(), facts.locale, facts.timeZone),
      }),
    ];
    if (version.changeNote) lines.push(t('files.versions.note', { note: escapeMrkdwn(version.changeNote) }));
    if (version.purgedAt)
      lines.push(t('files.versions.purged', { reason: escapeMrkdwn(version.purgeReason ?? '') }));
    const block: KnownBlock = {
      ...section(lines.join('\n')),
      ...(version.purgedAt
        ? {}
        : {
            accessory: {
              type: 'button',
              text: { type: 'plain_text', text: t('files.button.download') },
              action_id: FILE_ACTION_IDS.download,
              value: `${file.reference}@${version.label}`,
            },
          }),
    };
    blocks.push(block);
  }
  if (versions.length > MAX_LISTED)
    blocks.push(context(t('files.versions.more', { count: versions.length - MAX_LISTED })));
  return {
    type: 'modal',
    callback_id: FILE_CALLBACK_IDS.versions,
    title: { type: 'plain_text', text: truncate(t('files.versions.title'), 24) },
    close: { type: 'plain_text', text: t('files.modal.close') },
    blocks,
  };
}
