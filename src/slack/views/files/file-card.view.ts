import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { StoredFile, StoredVersion } from '../../../domain/files/store';
import type { Translate } from '../../i18n';
import { FILE_ACTION_IDS } from '../../ids';
import { context, escapeMrkdwn, fields, header, section } from '../blocks';
import { formatDateTime } from '../format';
import { formatSize } from './file-format';

/** What a card shows besides the file and its version: names resolved by the caller. */
export interface FileCardFacts {
  /** Edit, New version and Withdraw are shown to the file's owners only (the server checks again). */
  canManage: boolean;
  locale: Locale;
  timeZone: string;
  categoryName: string | null;
  departmentName: string | null;
  /** Slack id of the uploader (a mention), or their name when they have none. */
  ownerLabel: string;
}

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** Keywords as chips: each in its own code span, which Slack draws as a small box. */
export const keywordChips = (keywords: readonly string[]): string =>
  keywords.map((keyword) => `\`${escapeMrkdwn(keyword).replace(/`/g, "'")}\``).join(' ');

/**
 * A library file's card (issue 15): title, abstract, keywords as chips, category, department,
 * confidentiality, current version, size, who and when, the reference; Download, Versions, Share
 * and, for its owners, New version, Edit details and Withdraw. The card carries only the
 * reference: every button is decided again on the server, so a card forwarded to someone else
 * gives them nothing their own rights do not.
 */
export function fileCardBlocks(
  t: Translate,
  file: StoredFile,
  version: StoredVersion | null,
  facts: FileCardFacts,
): KnownBlock[] {
  const none = t('files.card.none');
  const blocks: KnownBlock[] = [header(`${file.reference} ${file.title}`)];
  if (file.abstract) blocks.push(section(escapeMrkdwn(file.abstract)));
  if (file.keywords.length)
    blocks.push(context(t('files.card.keywords', { keywords: keywordChips(file.keywords) })));
  blocks.push(
    fields([
      t('files.card.reference', { reference: file.reference }),
      t('files.card.category', { category: escapeMrkdwn(facts.categoryName ?? none) }),
      t('files.card.department', { department: escapeMrkdwn(facts.departmentName ?? none) }),
      t('files.card.confidentiality', { level: t(`files.conf.${file.confidentiality}`) }),
      t('files.card.version', { label: version ? escapeMrkdwn(version.label) : t('files.card.noVersion') }),
      t('files.card.size', { size: version ? formatSize(version.sizeBytes) : none }),
    ]),
  );
  blocks.push(
    context(
      t('files.card.uploaded', {
        who: facts.ownerLabel,
        when: formatDateTime(file.createdAt.toISOString(), facts.locale, facts.timeZone),
        updated: formatDateTime(file.updatedAt.toISOString(), facts.locale, facts.timeZone),
      }),
    ),
  );
  if (file.status === 'withdrawn') blocks.push(context(t('files.card.withdrawn')));
  const buttons: Button[] = [
    button(t('files.button.download'), FILE_ACTION_IDS.download, file.reference, 'primary'),
    button(t('files.button.versions'), FILE_ACTION_IDS.versions, file.reference),
    button(t('files.button.share'), FILE_ACTION_IDS.share, file.reference),
  ];
  if (facts.canManage) {
    buttons.push(
      button(t('files.button.newVersion'), FILE_ACTION_IDS.newVersion, file.reference),
      button(t('files.button.edit'), FILE_ACTION_IDS.edit, file.reference),
    );
    if (file.status === 'active')
      buttons.push({
        ...button(t('files.button.withdraw'), FILE_ACTION_IDS.withdraw, file.reference, 'danger'),
        confirm: {
          title: {
            type: 'plain_text',
            text: t('files.withdraw.confirm.title', { reference: file.reference }),
          },
          text: { type: 'plain_text', text: t('files.withdraw.confirm.text') },
          confirm: { type: 'plain_text', text: t('files.withdraw.confirm.yes') },
          deny: { type: 'plain_text', text: t('files.withdraw.confirm.no') },
          style: 'danger',
        },
      });
  }
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `file_card:${file.reference}`,
    elements: buttons,
  };
  blocks.push(actions);
  return blocks;
}
