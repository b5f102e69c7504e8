import { type Report, ReportError } from '../../../../domain/supervision/report.service';
import {
  type ChartFonts,
  ChartFontsMissing,
  findChartFonts,
  GlyphsMissing,
} from '../../../../reports/chart-fonts';
import { renderChart } from '../../../../reports/chart-render';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { context } from '../../../views/blocks';
import { localized } from '../../../views/format';
import { reportMessage } from '../../../views/reports/report.view';
import { reportCharts } from '../../../views/reports/report-charts.view';
import type { OaIo } from './io';
import type { OaCommand } from './oa-text';

/** The fonts are looked up once per process (they are files on disk). */
let fonts: ChartFonts | undefined;

/**
 * The report's charts, drawn on the server and sent to the reader's DM (a report is not for the
 * channel it was asked in). A chart that cannot be drawn or sent does not cost the figures: the
 * reader is told why under them.
 */
async function sendCharts(
  report: Report,
  ctx: UserContext,
  deps: Pick<SlackDeps, 'workflows' | 'logger'>,
  io: Pick<OaIo, 'sendImage'>,
): Promise<string> {
  try {
    fonts ??= findChartFonts();
    const templates = await deps.workflows.listTemplates();
    const name = (key: string) => {
      const template = templates.find((candidate) => candidate.key === key);
      return template ? localized(template.title, ctx.locale) : key;
    };
    for (const chart of reportCharts(ctx.t, report, name)) {
      const image = renderChart(chart.spec, fonts);
      await io.sendImage({
        filename: chart.filename,
        png: image.png,
        title: chart.title,
        altText: image.altText,
        comment: chart.table,
      });
    }
    return ctx.t('report.charts');
  } catch (error) {
    deps.logger.warn({ err: error }, 'report charts not sent');
    const noFonts = error instanceof ChartFontsMissing || error instanceof GlyphsMissing;
    return ctx.t(noFonts ? 'report.chartsNoFonts' : 'report.chartsFailed');
  }
}

export type ReportCommand = Extract<OaCommand, { kind: 'report' }>;

/** `/oa report [period] [department]`: one domain call (which decides what the reader may see). */
export async function answerReport(
  command: ReportCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendImage'>,
): Promise<Reply> {
  try {
    const report = await deps.reports.report(actorSlackId, command.period, command.departmentKey);
    const message = reportMessage({ t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, report });
    const charts = await sendCharts(report, ctx, deps, io);
    return { ...message, blocks: [...(message.blocks ?? []), context(charts)] };
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    const { refusal } = error;
    switch (refusal.code) {
      case 'not_a_period':
        return plain(ctx.t('report.error.period', { input: refusal.input }));
      case 'unknown_department':
        return plain(ctx.t('report.error.department', { key: refusal.key }));
      case 'department_not_yours':
        return plain(ctx.t('report.error.notYours', { key: refusal.key }));
      case 'not_registered':
        return plain(ctx.t('wf.error.not_registered'));
      default:
        return plain(ctx.t('report.error.notAllowed'));
    }
  }
}
