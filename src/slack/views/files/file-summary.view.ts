import type { KnownBlock } from '@slack/types';
import type { StoredFile, StoredVersion } from '../../../domain/files/store';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, section, truncate } from '../blocks';

/**
 * The file buttons this part of the app answers or emits. `file_download` is answered by the file
 * card's listener (the library re-checks the clicker's right at every click); its value is the
 * reference, or `<reference>@<label>` for one version.
 */
export const FILE_ACTIONS = {
  share: 'file_share',
  open: 'file_open',
  download: 'file_download',
} as const;

export const FILE_CALLBACKS = { share: 'file_share_form' } as const;

export const downloadValue = (reference: string, label?: string) =>
  label ? `${reference}@${label}` : reference;

/**
 * A compact card of a file: its title, reference and current version, with Download and Share.
 * Posted by Share (into a channel or a DM) and by Open (to the clicker). It carries nothing the
 * library would not show the card's reader anyway beyond the title: every download is checked.
 */
export function fileSummaryCard(
  t: Translate,
  props: { file: StoredFile; current: StoredVersion | null; sharedBy?: string },
): { text: string; blocks: KnownBlock[] } {
  const { file, current } = props;
  const line = current
    ? t('fileReview.card.line', { reference: file.reference, label: escapeMrkdwn(current.label) })
    : t('fileReview.card.noVersion', { reference: file.reference });
  const button = (actionId: string, text: string) => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    value: file.reference,
  });
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(file.title)}*\n${line}`),
    {
      type: 'actions',
      block_id: `file_summary_${file.reference}`,
      elements: [
        ...(current ? [button(FILE_ACTIONS.download, t('fileReview.card.download'))] : []),
        button(FILE_ACTIONS.share, t('fileReview.card.share')),
      ],
    },
  ];
  if (props.sharedBy) blocks.push(context(t('fileReview.card.sharedBy', { user: props.sharedBy })));
  return {
    text: truncate(t('fileReview.card.text', { reference: file.reference, title: file.title }), 300),
    blocks,
  };
}
