import type { KnownBlock } from '@slack/types';
import { PERSONAL_KEYS } from '../../../domain/supervision/indicator-keys';
import type { PersonalReport } from '../../../domain/supervision/report.service';
import type { Translate } from '../../i18n';
import type { Reply } from '../../replies';
import { context, escapeMrkdwn, header, section } from '../blocks';
import { delta, keysLine } from './report.view';

const hours = (value: number | null, t: Translate) =>
  value === null ? t('report.notAvailable') : value.toFixed(1);
const percent = (part: number, whole: number, t: Translate) =>
  whole === 0 ? t('report.notAvailable') : `${Math.round((part / whole) * 1000) / 10} %`;
const total = (rows: ReadonlyArray<{ count: number }>) => rows.reduce((sum, row) => sum + row.count, 0);

/**
 * A person's own figures (`/oa report` by someone who heads nothing): their requests and how they
 * went, their tasks as approver and their due times, the acknowledgements asked of them.
 */
export function personalReportMessage(t: Translate, report: PersonalReport): Reply {
  const { current: c, previous: p } = report;
  const w = c.workflow;
  const tasks = w.steps.reduce((sum, row) => sum + row.tasks, 0);
  const previousTasks = p.workflow.steps.reduce((sum, row) => sum + row.tasks, 0);
  // One turnaround line: the request type they asked for most.
  const main = [...w.turnaround].sort((a, b) => b.decided - a.decided)[0];
  const title = t('report.personal.title', { period: report.period.label, name: report.person.name });
  const blocks: KnownBlock[] = [
    header(title),
    context(t('report.compared', { previous: report.period.previous.label })),
    section(
      [
        t('report.personal.requester'),
        t('report.personal.requests', {
          value: total(w.requests),
          delta: delta(total(w.requests), total(p.workflow.requests)),
        }),
        t('report.personal.decided', {
          value: w.decided,
          rejected: w.rejected,
          returned: w.returned,
          resubmissions: w.resubmissions,
        }),
        t('report.personal.turnaround', {
          median: hours(main?.medianHours ?? null, t),
          p90: hours(main?.p90Hours ?? null, t),
        }),
      ].join('\n'),
    ),
    section(
      [
        t('report.personal.approver'),
        t('report.personal.tasks', {
          value: tasks,
          delta: delta(tasks, previousTasks),
          overdue: w.overdueNow,
        }),
        t('report.personal.sla', {
          value: percent(w.sla.onTime, w.sla.tasks, t),
          onTime: w.sla.onTime,
          tasks: w.sla.tasks,
        }),
      ].join('\n'),
    ),
    section(
      [
        t('report.personal.acks'),
        t('report.personal.ackLine', {
          value: percent(c.acknowledgements.inTime, c.acknowledgements.asked, t),
          inTime: c.acknowledgements.inTime,
          asked: c.acknowledgements.asked,
        }),
      ].join('\n'),
    ),
    keysLine(t, report.period.label, null, PERSONAL_KEYS),
  ];
  return { text: escapeMrkdwn(title), blocks };
}
