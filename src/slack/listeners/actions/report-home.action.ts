import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { sendReportToDm } from '../../report-delivery';
import { REPORT_ACTIONS } from '../../views/reports/reports-home.view';
import type { ListenerApp } from '../router';

/**
 * The Home's "Full report": this month's report, as the clicker may see it (the report service
 * checks again, whatever the button says), sent with its charts to their DM.
 */
export function registerReportHomeAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(REPORT_ACTIONS.homeFullReport, async ({ ack, body, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runAndReport(deps, ctx, respond, async () => {
      const report = await deps.reports.report(body.user.id);
      await sendReportToDm(client, deps, body.user.id, ctx, report);
      return ctx.t('home.reports.sent', { period: report.period.label });
    });
  });
}
