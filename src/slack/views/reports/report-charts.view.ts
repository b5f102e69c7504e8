import type { Report } from '../../../domain/supervision/report.service';
import type { ChartSpec } from '../../../reports/chart-render';
import type { Translate } from '../../i18n';

/** A chart of the report, with the numbers it shows as a text table for the message under it. */
export interface ReportChart {
  filename: string;
  title: string;
  spec: ChartSpec;
  table: string;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** Rows as a monospaced table (Slack shows ``` blocks in a fixed-width font). */
function table(head: string[], rows: Array<Array<string | number | null>>, none: string): string {
  const cells = [head, ...rows.map((row) => row.map((cell) => (cell === null ? none : String(cell))))];
  const widths = head.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return ['```', ...cells.map(line), '```'].join('\n');
}

/**
 * The report's charts: turnaround by request type (median and p90 working hours), and the share
 * of tasks decided by their due time, this period against the one before.
 */
export function reportCharts(
  t: Translate,
  report: Report,
  templateName: (key: string) => string,
): ReportChart[] {
  const none = t('report.notAvailable');
  const turnaround = report.current.workflow.turnaround;
  const types = turnaround.map((row) => templateName(row.template));
  const turnaroundTitle = t('report.chart.turnaround', { period: report.period.label });
  const slaTitle = t('report.chart.sla');
  const slaRows: Array<[string, number | null]> = [
    [
      report.period.previous.label,
      pct(report.previous.workflow.sla.onTime, report.previous.workflow.sla.tasks),
    ],
    [report.period.label, pct(report.current.workflow.sla.onTime, report.current.workflow.sla.tasks)],
  ];
  return [
    {
      filename: `turnaround-${report.period.label}.png`,
      title: turnaroundTitle,
      spec: {
        altText: t('report.chart.turnaroundAlt', {
          period: report.period.label,
          values: turnaround
            .map((row, i) => `${types[i]} ${round(row.medianHours) ?? none} / ${round(row.p90Hours) ?? none}`)
            .join('; '),
        }),
        option: {
          title: { text: turnaroundTitle },
          legend: { bottom: 0, data: [t('report.chart.median'), t('report.chart.p90')] },
          xAxis: { type: 'category', data: types },
          yAxis: { type: 'value', name: t('report.chart.hours') },
          series: [
            {
              type: 'bar',
              name: t('report.chart.median'),
              data: turnaround.map((row) => round(row.medianHours)),
            },
            { type: 'bar', name: t('report.chart.p90'), data: turnaround.map((row) => round(row.p90Hours)) },
          ],
        },
      },
      table: table(
        [t('report.chart.type'), t('report.chart.decided'), t('report.chart.median'), t('report.chart.p90')],
        turnaround.map((row, i) => [
          types[i] ?? row.template,
          row.decided,
          round(row.medianHours),
          round(row.p90Hours),
        ]),
        none,
      ),
    },
    {
      filename: `sla-${report.period.label}.png`,
      title: slaTitle,
      spec: {
        altText: t('report.chart.slaAlt', {
          values: slaRows.map(([label, value]) => `${label} ${value ?? none} %`).join('; '),
        }),
        option: {
          title: { text: slaTitle },
          xAxis: { type: 'category', data: slaRows.map(([label]) => label) },
          yAxis: { type: 'value', max: 100, name: '%' },
          series: [{ type: 'bar', data: slaRows.map(([, value]) => value), label: { show: true } }],
        },
      },
      table: table([t('report.chart.period'), '%'], slaRows, none),
    },
  ];
}
