import { MaintenanceLogError } from '../../../../domain/maintenance/maintenance-log.service';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import { MESSAGE_ENTRIES, maintenanceLogMessage } from '../../../views/maintenance/log.view';
import type { OaIo } from './io';
import type { OaCommand } from './oa-text';

export type MaintenanceLogCommand = Extract<OaCommand, { kind: 'maintenance_log' }>;

/**
 * `/oa maintenance log [period]` (admins): the newest entries of the period in the answer, the
 * whole period as CSV in the admin's DM. The domain checks the right and the period.
 */
export async function answerMaintenanceLog(
  command: MaintenanceLogCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendFile'>,
): Promise<Reply> {
  const { t } = ctx;
  if (!deps.maintenanceLog) return plain(t('maintlog.unavailable'));
  try {
    const page = await deps.maintenanceLog.page(actorSlackId, command.period, MESSAGE_ENTRIES);
    let note = '';
    if (page.total > 0) {
      const { csv, rows, period } = await deps.maintenanceLog.csv(actorSlackId, command.period);
      try {
        await io.sendFile({
          filename: `maintenance-log-${period.label}.csv`,
          content: csv,
          title: t('maintlog.csvTitle', { period: period.label }),
          comment: t('maintlog.csvComment', { period: period.label, rows }),
        });
        note = t('maintlog.csvSent');
      } catch (error) {
        deps.logger.warn({ err: error }, 'maintenance log CSV not sent');
        note = t('maintlog.csvFailed');
      }
    }
    return maintenanceLogMessage({ t, locale: ctx.locale, timezone: ctx.timezone, page, note });
  } catch (error) {
    if (!(error instanceof MaintenanceLogError)) throw error;
    switch (error.refusal.code) {
      case 'not_a_period':
        return plain(t('maintlog.error.period', { input: escapeMrkdwn(error.refusal.input) }));
      case 'admin_only':
        return plain(t('error.adminOnly', { subcommand: 'maintenance log' }));
      default:
        return plain(t('wf.error.not_registered'));
    }
  }
}
