import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { AttachmentRefusal, SlackFileRef } from '../../../domain/workflows/model';
import type { InstanceView } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { FILE_ACTION_IDS } from '../../ids';
import { context, escapeMrkdwn, section, truncate } from '../blocks';
import { formatSize } from '../files/file-format';
import { localized } from '../format';

/**
 * A request's attachments as the approval card, the tracking card and Details show them: one line
 * per file, `reference · name · size`, with a Download button (`file_download`, handled by the
 * file library's listener, which re-checks the clicker's right) once the library holds it; a
 * refused file says why; one still on its way says so. Each file is its own section, so the
 * buttons' action ids stay unique per block as Slack requires.
 */

/** Files with a button per files field on a card; Details shows up to the file input's ten. */
export const CARD_FILES_PER_FIELD = 5;

export const refusalReason = (t: Translate, refusal: AttachmentRefusal) => t(`att.reason.${refusal}`);

/** "`FILE-2026-0001` · medical-note.pdf · 12 KB", or the name and what became of it. */
export function attachmentLine(t: Translate, file: SlackFileRef): string {
  const name = escapeMrkdwn(file.name);
  if (file.stored)
    return t('att.line.stored', {
      reference: file.stored.reference,
      name,
      size: formatSize(file.stored.size),
    });
  if (file.refused) return t('att.line.refused', { name, reason: refusalReason(t, file.refused) });
  return t('att.line.pending', { name });
}

function fileBlock(t: Translate, file: SlackFileRef): SectionBlock {
  const block = section(truncate(attachmentLine(t, file), 2900));
  if (!file.stored) return block;
  return {
    ...block,
    accessory: {
      type: 'button',
      action_id: FILE_ACTION_IDS.download,
      text: { type: 'plain_text', text: t('att.download') },
      value: file.stored.reference,
    },
  };
}

/** The blocks of every files field that has files; `perField` files get a line and a button. */
export function attachmentBlocks(
  t: Translate,
  locale: Locale,
  instance: Pick<InstanceView, 'fields'>,
  perField = CARD_FILES_PER_FIELD,
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const field of instance.fields) {
    if (field.type !== 'files' || !Array.isArray(field.value) || field.value.length === 0) continue;
    const files = field.value as SlackFileRef[];
    blocks.push(section(`*${escapeMrkdwn(localized(field.label, locale))}*`));
    blocks.push(...files.slice(0, perField).map((file) => fileBlock(t, file)));
    const rest = files.slice(perField);
    if (rest.length)
      blocks.push(
        context(
          truncate(
            [t('att.more', { count: rest.length }), ...rest.map((file) => attachmentLine(t, file))].join(
              '\n',
            ),
            2900,
          ),
        ),
      );
  }
  return blocks;
}
