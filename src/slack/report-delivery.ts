import type { WebClient } from '@slack/web-api';
import type { Report } from '../domain/supervision/report.service';
import { type ChartFonts, ChartFontsMissing, findChartFonts, GlyphsMissing } from '../reports/chart-fonts';
import { renderChart } from '../reports/chart-render';
import type { SlackDeps } from './deps';
import type { UserContext } from './user-context';
import { context } from './views/blocks';
import { localized } from './views/format';
import { reportMessage } from './views/reports/report.view';
import { reportCharts } from './views/reports/report-charts.view';

/** The fonts are looked up once per process (they are files on disk). */
let fonts: ChartFonts | undefined;

export interface ImageSender {
  sendImage(image: {
    filename: string;
    png: Buffer;
    title: string;
    altText: string;
    comment: string;
  }): Promise<void>;
}

/**
 * The report's charts, drawn on the server and sent to the reader's DM (a report is not for the
 * channel it was asked in). A chart that cannot be drawn or sent does not cost the figures: the
 * answer says why, to be shown under them.
 */
export async function sendCharts(
  report: Report,
  ctx: UserContext,
  deps: Pick<SlackDeps, 'workflows' | 'logger'>,
  io: ImageSender,
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

/**
 * A report sent to a person's DM by the app itself (the monthly report, the Home's button): the
 * message with its figures, then the charts under it. `beforePost` waits for each post's turn with Slack.
 */
export async function sendReportToDm(
  client: WebClient,
  deps: Pick<SlackDeps, 'workflows' | 'logger'>,
  slackUserId: string,
  ctx: UserContext,
  report: Report,
  options: { intro?: string; beforePost?: () => Promise<void> } = {},
): Promise<void> {
  const dm = await client.conversations.open({ users: slackUserId });
  const channel = dm.channel?.id ?? slackUserId;
  const message = reportMessage({ t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, report });
  await options.beforePost?.();
  await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: [...(options.intro ? [context(options.intro)] : []), ...(message.blocks ?? [])],
  });
  const charts = await sendCharts(report, ctx, deps, {
    sendImage: async ({ filename, png, title, altText, comment }) => {
      await client.filesUploadV2({
        channel_id: channel,
        filename,
        title,
        alt_text: altText,
        initial_comment: comment,
        file: png,
      });
    },
  });
  // The charts follow the message; if they could not be drawn or sent, the reader is told why.
  if (charts !== ctx.t('report.charts')) {
    await options.beforePost?.();
    await client.chat.postMessage({ channel, text: charts });
  }
}
