import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { ReportDetail } from '../../../domain/supervision/report.service';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, escapeMrkdwn, header, section } from '../blocks';

/** Rows shown in the message; all of them go into the CSV file. */
export const DETAIL_ROWS_SHOWN = 20;
/** A section's text is at most 3,000 characters (Block Kit). */
const SECTION_LIMIT = 2900;

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(Math.round(value * 100) / 100);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** The rows as CSV (RFC 4180: quoted where needed, CRLF), with a byte order mark for Excel. */
export function detailCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  // A cell starting with = + - @ would be a formula in a spreadsheet: a leading quote keeps it text.
  const safe = (text: string) => (/^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text);
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => quote(safe(cell(row[c])))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The records behind one figure: how many, the first ones as a table, and where the rest are. */
export function reportDetailMessage(t: Translate, locale: Locale, detail: ReportDetail): Reply {
  const scope = detail.person
    ? escapeMrkdwn(detail.person.name)
    : detail.department
      ? escapeMrkdwn(
          locale === 'zh-TW' && detail.department.nameZh ? detail.department.nameZh : detail.department.name,
        )
      : t('report.scope.all');
  const title = t('report.detail.title', { key: detail.key, period: detail.period.label, scope });
  const blocks: KnownBlock[] = [header(title), context(t('report.detail.count', { total: detail.total }))];
  if (detail.total === 0) blocks.push(section(t('report.detail.none')));
  else {
    const shown = detail.rows.slice(0, DETAIL_ROWS_SHOWN);
    const columns = Object.keys(shown[0]!);
    const lines = [columns.join(' | '), ...shown.map((row) => columns.map((c) => cell(row[c])).join(' | '))];
    let text = '';
    let fitted = -1; // the header line is not a record
    for (const line of lines) {
      const next = `${text}${text ? '\n' : ''}${line}`;
      if (next.length + 8 > SECTION_LIMIT) break;
      text = next;
      fitted += 1;
    }
    blocks.push(section(`\`\`\`${text}\`\`\``));
    if (detail.total > fitted)
      blocks.push(context(t('report.detail.more', { shown: fitted, total: detail.total })));
  }
  return { text: title, blocks };
}
