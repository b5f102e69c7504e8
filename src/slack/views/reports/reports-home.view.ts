import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { Report } from '../../../domain/supervision/report.service';
import type { Translate } from '../../i18n';
import { divider, header, section } from '../blocks';
import { reportScope } from './report.view';

export const REPORT_ACTIONS = { homeFullReport: 'report_home_full' } as const;

const percent = (part: number, whole: number, t: Translate) =>
  whole === 0 ? t('report.notAvailable') : `${Math.round((part / whole) * 1000) / 10} %`;

/**
 * The App Home's Reports section for heads, supervisors and admins: this month's key figures in
 * one line and a button that sends the full report (message and charts) to their DM. Four blocks.
 */
export function reportsHomeSection(t: Translate, locale: Locale, report: Report): KnownBlock[] {
  const c = report.current;
  return [
    divider(),
    header(t('home.reports.title')),
    section(
      t('home.reports.figures', {
        scope: reportScope(t, locale, report),
        period: report.period.label,
        requests: c.workflow.requests.reduce((sum, row) => sum + row.count, 0),
        sla: percent(c.workflow.sla.onTime, c.workflow.sla.tasks, t),
        overdue: c.workflow.overdueNow,
        published: c.publishing.published,
        active: c.usage.activePeople,
      }),
    ),
    {
      type: 'actions',
      block_id: 'home_reports',
      elements: [
        {
          type: 'button',
          action_id: REPORT_ACTIONS.homeFullReport,
          value: report.period.label,
          text: { type: 'plain_text', text: t('home.reports.button') },
        },
      ],
    },
  ];
}
