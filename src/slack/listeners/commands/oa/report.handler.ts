import { ALL_INDICATOR_KEYS } from '../../../../domain/supervision/indicator-keys';
import { isPersonalReport, ReportError } from '../../../../domain/supervision/report.service';
import { reportWorkbook, WORKBOOK_RAW_KEYS } from '../../../../reports/report-workbook';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import { sendCharts } from '../../../report-delivery';
import type { UserContext } from '../../../user-context';
import { context } from '../../../views/blocks';
import { personalReportMessage } from '../../../views/reports/personal-report.view';
import { reportMessage, reportScope } from '../../../views/reports/report.view';
import { DETAIL_ROWS_SHOWN, detailCsv, reportDetailMessage } from '../../../views/reports/report-detail.view';
import type { OaIo } from './io';
import type { OaCommand } from './oa-text';

export type ReportCommand = Extract<OaCommand, { kind: 'report' }>;

/**
 * `/oa report [period] [department] [detail <key> | xlsx]`: the domain decides what the reader may
 * see (admins and supervisors: everything; heads: their departments; others: their own figures).
 */
export async function answerReport(
  command: ReportCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendImage' | 'sendFile' | 'sendBinary'>,
): Promise<Reply> {
  try {
    if (command.detail) return await answerDetail(command, command.detail, actorSlackId, ctx, deps, io);
    if (command.xlsx) return await answerWorkbook(command, actorSlackId, ctx, deps, io);
    const report = await deps.reports.reportOrOwn(actorSlackId, command.period, command.departmentKey);
    if (isPersonalReport(report)) return personalReportMessage(ctx.t, report);
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
        // Asking for another department's figures is refused by the server: counted as such.
        void deps.refusals
          ?.record('report_not_yours', actorSlackId)
          .catch((failure: unknown) => deps.logger.warn({ err: failure }, 'refused interaction not counted'));
        return plain(ctx.t('report.error.notYours', { key: refusal.key }));
      case 'unknown_indicator':
        return plain(
          ctx.t('report.error.indicator', {
            key: refusal.key,
            keys: (refusal.keys.length ? refusal.keys : ALL_INDICATOR_KEYS).map((k) => `\`${k}\``).join(' '),
          }),
        );
      case 'not_registered':
        return plain(ctx.t('wf.error.not_registered'));
      default:
        return plain(ctx.t('report.error.notAllowed'));
    }
  }
}

/** `… detail <key>`: the first rows in the answer, all of them as CSV into the DM. */
async function answerDetail(
  command: ReportCommand,
  key: string,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendFile'>,
): Promise<Reply> {
  const detail = await deps.reports.detail(actorSlackId, key, {
    period: command.period,
    departmentKey: command.departmentKey,
  });
  const message = reportDetailMessage(ctx.t, ctx.locale, {
    ...detail,
    rows: detail.rows.slice(0, DETAIL_ROWS_SHOWN),
  });
  if (detail.total <= DETAIL_ROWS_SHOWN) return message;
  const scope = detail.department ? `-${detail.department.key}` : '';
  const sent = await io
    .sendFile({
      filename: `${detail.key}-${detail.period.label}${scope}.csv`,
      content: detailCsv(detail.rows),
      title: `${detail.key} ${detail.period.label}`,
      comment: ctx.t('report.detail.csv', {
        key: detail.key,
        total: detail.total,
        period: detail.period.label,
      }),
    })
    .then(
      () => true,
      (error: unknown) => {
        deps.logger.warn({ err: error }, 'report detail CSV not sent');
        return false;
      },
    );
  return sent
    ? message
    : { ...message, blocks: [...(message.blocks ?? []), context(ctx.t('report.detail.csvFailed'))] };
}

/** `… xlsx`: the report as a workbook into the DM (the figures and the raw records). */
async function answerWorkbook(
  command: ReportCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendBinary'>,
): Promise<Reply> {
  const report = await deps.reports.report(actorSlackId, command.period, command.departmentKey);
  const raw = await Promise.all(
    WORKBOOK_RAW_KEYS.map(async (key) => ({
      key,
      rows: (
        await deps.reports.detail(actorSlackId, key, {
          period: command.period,
          departmentKey: command.departmentKey,
        })
      ).rows,
    })),
  );
  const data = await reportWorkbook(
    report,
    {
      group: (group) => ctx.t(`report.group.${group}`),
      key: ctx.t('report.sheet.key'),
      value: ctx.t('report.sheet.value'),
      previous: ctx.t('report.sheet.previous'),
    },
    raw,
  );
  const scope = reportScope(ctx.t, ctx.locale, report);
  try {
    await io.sendBinary({
      filename: `report-${report.period.label}${report.department ? `-${report.department.key}` : ''}.xlsx`,
      data,
      title: ctx.t('report.title', { period: report.period.label, scope }),
      comment: ctx.t('report.xlsx.comment', { period: report.period.label, scope }),
    });
  } catch (error) {
    deps.logger.warn({ err: error }, 'report workbook not sent');
    return plain(ctx.t('report.xlsx.failed'));
  }
  return plain(ctx.t('report.xlsx.sent', { period: report.period.label, scope }));
}
