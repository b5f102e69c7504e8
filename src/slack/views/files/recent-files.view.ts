import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { FileLibrary } from '../../../domain/files/file-library.service';
import type { Translate } from '../../i18n';
import { context, divider, escapeMrkdwn, section, truncate } from '../blocks';
import { formatDateTime } from '../format';
import { FILE_ACTIONS } from './file-summary.view';

/** Files on the Home tab: with its divider, title and rows, at most eight blocks (Home views hold 100). */
export const HOME_FILES = 5;

/**
 * Home "Recent files": the latest files this person may read, through the library's own search
 * with its access check (a confidential file outside their scope never appears), each with Open.
 * Withdrawn files, which their owners still see in search, are left out here.
 */
export async function recentFilesHomeSection(
  files: Pick<FileLibrary, 'search'>,
  props: { t: Translate; locale: Locale; timezone: string; personId: number },
): Promise<KnownBlock[]> {
  const { t, locale, timezone } = props;
  const { files: found } = await files.search(props.personId, { query: '', pageSize: HOME_FILES + 3 });
  const rows = found.filter((file) => file.status === 'active').slice(0, HOME_FILES);
  const title = section(`*${t('fileReview.home.title')}*`);
  if (!rows.length) return [divider(), title, context(t('fileReview.home.empty'))];
  return [
    divider(),
    title,
    ...rows.map(
      (file): KnownBlock => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            t('fileReview.home.row', {
              title: escapeMrkdwn(file.title),
              reference: file.reference,
              updated: formatDateTime(file.updatedAt.toISOString(), locale, timezone),
            }),
            3000,
          ),
        },
        accessory: {
          type: 'button',
          action_id: FILE_ACTIONS.open,
          text: { type: 'plain_text', text: t('fileReview.home.open') },
          value: file.reference,
        },
      }),
    ),
  ];
}
