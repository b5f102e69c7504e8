import { OrgError } from '../../../../domain/org/org-errors';
import type { SlackDeps } from '../../../deps';
import type { Interaction } from '../../../interaction';
import type { Reply } from '../../../replies';
import { answerAdmin } from './admin.handler';
import { runAwayCommand } from './away.handler';
import { answerDrill } from './drill.handler';
import { answerHelp } from './help.handler';
import { answerIncident } from './incident.handler';
import type { OaIo } from './io';
import { answerLock } from './lock.handler';
import { answerMaintenance } from './maintenance.handler';
import { answerMaintenanceLog } from './maintenance-log.handler';
import type { OaCommand } from './oa-text';
import { answerProfile } from './profile.handler';
import { answerReport } from './report.handler';
import { answerRequests } from './requests.handler';
import { answerSupervision } from './supervision.handler';

export { ioFor, type OaIo } from './io';
export { parseOaText } from './oa-text';

/**
 * The `/oa` subcommands, each answered by the handler of its group. `actor` is the interaction's
 * one directory read (language, time zone, standing); subcommands that change something leave the
 * checks to the domain, which re-reads the actor in its transaction. Null: a modal was the answer.
 */
export async function runOaCommand(
  command: OaCommand,
  actorSlackId: string,
  actor: Interaction,
  deps: SlackDeps,
  io: OaIo,
): Promise<Reply | null> {
  try {
    return await answer(command, actorSlackId, actor, deps, io);
  } catch (error) {
    // The domain does not know which words were typed; name the subcommand in the refusal.
    if (error instanceof OrgError && error.code === 'admin_only')
      throw new OrgError('admin_only', { subcommand: command.kind });
    throw error;
  }
}

function answer(command: OaCommand, actorSlackId: string, actor: Interaction, deps: SlackDeps, io: OaIo) {
  switch (command.kind) {
    case 'lock_my_account':
      return answerLock(command, actorSlackId, actor.ctx, deps, io);
    case 'report':
      return answerReport(command, actorSlackId, actor.ctx, deps, io);
    case 'spotcheck':
    case 'spotcheck_invalid':
    case 'scorecard':
    case 'audit':
    case 'audit_usage':
      return answerSupervision(command, actorSlackId, actor.ctx, deps, io);
    case 'drill':
      return answerDrill(actorSlackId, actor.ctx, deps);
    case 'incident':
      return answerIncident(command, actorSlackId, actor.ctx, deps);
    case 'maintenance':
      return answerMaintenance(command, actorSlackId, actor.ctx, deps);
    case 'maintenance_log':
      return answerMaintenanceLog(command, actorSlackId, actor.ctx, deps, io);
    case 'away':
      return runAwayCommand(deps.workflows, command.away, actorSlackId, actor.ctx);
    case 'register':
    case 'status':
    case 'search':
    case 'export':
    case 'cancel':
      return answerRequests(command, actorSlackId, actor.ctx, deps, io);
    case 'whoami':
    case 'language':
      return answerProfile(command, actorSlackId, actor, deps);
    case 'role':
    case 'move':
    case 'head':
    case 'suspend':
    case 'reactivate':
      return answerAdmin(command, actorSlackId, actor.ctx, deps);
    default:
      return answerHelp(command, actor);
  }
}

/**
 * Subcommands whose answer can go in the acknowledgement itself (Slack shows a message in the
 * command's HTTP answer to the person, like one sent through response_url): text that needs no
 * I/O, or a display read of the directory (help, whoami). Not here: anything that opens a modal
 * (its trigger is the ack's business), sends a file, changes something, or may read a lot (status,
 * search, away status).
 */
export function answersInAck(command: OaCommand): boolean {
  switch (command.kind) {
    case 'help':
    case 'unknown':
    case 'whoami':
    case 'too_long':
    case 'usage':
    case 'invalid_roles':
    case 'invalid_language':
    case 'spotcheck_invalid':
    case 'audit_usage':
      return true;
    case 'incident':
      return command.incident.action === 'usage' || command.incident.action === 'bad_severity';
    case 'maintenance':
      return ['usage', 'bad_until', 'no_reason'].includes(command.maintenance.action);
    case 'away':
      return (
        command.away.action === 'usage' ||
        command.away.action === 'invalid_date' ||
        command.away.action === 'missing_delegate'
      );
    default:
      return false;
  }
}
