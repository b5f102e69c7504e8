import { MaintenanceRefusal } from '../domain/incidents/incident-errors';
import type { SlackDeps } from './deps';
import type { UserContext } from './user-context';
import { escapeMrkdwn } from './views/blocks';
import { formatDateTime } from './views/format';

export { MaintenanceRefusal };

/**
 * The one check every surface that starts something new calls first (slash commands that submit
 * or open a form, request and announcement submissions, file uploads): while maintenance mode is
 * on it throws MaintenanceRefusal, which `replyForError` turns into the reason and the expected end
 * in the person's language (an ephemeral answer; in a modal, an error under a field, so nothing
 * typed is lost). Decisions, acknowledgements and jobs never call it: they go on during maintenance.
 */
export async function refuseIfMaintenance(deps: Pick<SlackDeps, 'maintenance'>): Promise<void> {
  await deps.maintenance.refuseIfOn();
}

/** What a refused submission shows: the reason, and the end in the person's own time zone. */
export function maintenanceRefusalText(refusal: MaintenanceRefusal, ctx: UserContext): string {
  return ctx.t('maintenance.refused', {
    until: formatDateTime(refusal.until.toISOString(), ctx.locale, ctx.timezone),
    reason: escapeMrkdwn(refusal.reason.slice(0, 500)),
  });
}
