import { ReportError } from '../../../../domain/supervision/report.service';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { reportMessage } from '../../../views/reports/report.view';
import type { OaCommand } from './oa-text';

export type ReportCommand = Extract<OaCommand, { kind: 'report' }>;

/** `/oa report [period] [department]`: one domain call (which decides what the reader may see). */
export async function answerReport(
  command: ReportCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
): Promise<Reply> {
  try {
    const report = await deps.reports.report(actorSlackId, command.period, command.departmentKey);
    return reportMessage({ t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, report });
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
