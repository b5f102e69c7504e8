import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { InstanceView, Page } from '../../../domain/workflows/view-types';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn, header, section, truncate } from '../blocks';
import { formatDateTime, localized } from '../format';
import { personName } from './request-fields';

/** `/oa search` results: one line per request, newest first, within Block Kit limits. */
export function searchResults(props: {
  t: Translate;
  locale: Locale;
  timezone: string;
  page: Page<InstanceView>;
}): { text: string; blocks: KnownBlock[] } {
  const { t, locale, timezone, page } = props;
  if (page.total === 0) return { text: t('search.none'), blocks: [section(t('search.none'))] };
  const lines = page.items.map(
    (request) =>
      `${t(`wf.status.${request.status}`)} · *${request.reference}* ${escapeMrkdwn(localized(request.subject, locale))} — ${personName(request.requester)} · ${formatDateTime(request.createdAt, locale, timezone)}`,
  );
  const blocks: KnownBlock[] = [
    header(t('search.title', { total: page.total })),
    section(truncate(lines.join('\n'), 3000)),
  ];
  if (page.total > page.items.length) {
    blocks.push(context(t('search.more', { shown: page.items.length, total: page.total })));
  }
  return { text: t('search.title', { total: page.total }), blocks };
}
