import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { StoredFile } from '../../../domain/files/store';
import type { Translate } from '../../i18n';
import { FILE_ACTION_IDS } from '../../ids';
import { context, escapeMrkdwn, section } from '../blocks';
import { formatDateTime } from '../format';
import { keywordChips } from './file-card.view';

export interface SearchPage {
  query: string;
  files: readonly StoredFile[];
  total: number;
  page: number;
  pageSize: number;
  /** The command text for the next page, when there is one. */
  nextText: string | null;
}

/**
 * One page of `/files search`: only files the reader may see (the library decided), best first,
 * each with Open (its card, answered by the sharing listeners) and Download (checked again).
 */
export function searchResultsBlocks(
  t: Translate,
  result: SearchPage,
  facts: { locale: Locale; timeZone: string },
): { text: string; blocks: KnownBlock[] } {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = escapeMrkdwn(result.query);
  if (!result.total) {
    const text = t('files.search.none', { query });
    return { text, blocks: [section(text)] };
  }
  const heading = result.query
    ? t('files.search.header', { total: result.total, query, page: result.page, pages })
    : t('files.search.headerAll', { total: result.total, page: result.page, pages });
  const blocks: KnownBlock[] = [section(heading)];
  for (const file of result.files) {
    const line = t('files.search.line', {
      reference: file.reference,
      title: escapeMrkdwn(file.title),
      version: t(`files.conf.${file.confidentiality}`),
      updated: formatDateTime(file.updatedAt.toISOString(), facts.locale, facts.timeZone),
    });
    const extra = file.keywords.length ? `\n${keywordChips(file.keywords.slice(0, 8))}` : '';
    blocks.push(section(`${line}${extra}`), {
      type: 'actions',
      block_id: `file_result:${file.reference}`,
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: t('files.button.open') },
          action_id: FILE_ACTION_IDS.open,
          value: file.reference,
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: t('files.button.download') },
          action_id: FILE_ACTION_IDS.download,
          value: file.reference,
        },
      ],
    });
  }
  if (result.nextText) blocks.push(context(t('files.search.next', { text: escapeMrkdwn(result.nextText) })));
  return { text: heading, blocks };
}
