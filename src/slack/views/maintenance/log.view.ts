import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { LogPage } from '../../../domain/maintenance/maintenance-log.service';
import type { LogEntry } from '../../../domain/maintenance/model';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, divider, escapeMrkdwn, header, section, truncate } from '../blocks';
import { formatDateTime } from '../format';

/** Entries shown in the `/oa maintenance log` message (one section each, well inside 50 blocks). */
export const MESSAGE_ENTRIES = 20;
/** Entries on the admins' Home (3 blocks in all: Slack allows 100 on a Home). */
export const HOME_ENTRIES = 5;

interface Reader {
  t: Translate;
  locale: Locale;
  timezone: string;
}

/** One entry: when, fault or maintenance, its kind, and the summary (the app's words, escaped). */
function entryLine({ t, locale, timezone }: Reader, entry: LogEntry, summaryMax: number): string {
  const when = formatDateTime(entry.at.toISOString(), locale, timezone);
  return `*${when}* · ${t(`maintlog.category.${entry.category}`)} · \`${entry.kind}\`\n${escapeMrkdwn(truncate(entry.summary, summaryMax))}`;
}

/** `/oa maintenance log [period]`: the newest entries, how many more the CSV holds, and where it went. */
export function maintenanceLogMessage(reader: Reader & { page: LogPage; note: string }): Reply {
  const { t, page } = reader;
  const period = page.period.label;
  const title = t('maintlog.title', { period });
  if (page.total === 0)
    return { text: title, blocks: [header(title), section(t('maintlog.empty', { period }))] };
  const blocks: KnownBlock[] = [header(title), context(t('maintlog.count', { total: page.total, period }))];
  for (const entry of page.entries) blocks.push(section(entryLine(reader, entry, 1500)));
  const more = page.total - page.entries.length;
  const footer = [more > 0 ? t('maintlog.more', { more }) : '', reader.note].filter(Boolean).join(' ');
  if (footer) blocks.push(context(footer));
  return { text: title, blocks };
}

/** The admins' Home section: the newest few entries, whatever their period. */
export function maintenanceHomeSection(reader: Reader & { entries: readonly LogEntry[] }): KnownBlock[] {
  const { t, entries } = reader;
  const lines = entries.map((entry) => entryLine(reader, entry, 300));
  return [
    divider(),
    section(t('maintlog.home', { count: HOME_ENTRIES })),
    section(lines.length ? lines.join('\n') : t('maintlog.homeEmpty')),
  ];
}
