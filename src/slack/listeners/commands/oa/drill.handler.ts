import { OrgError } from '../../../../domain/org/org-errors';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';

/**
 * `/oa drill` (admins): a restore drill now. The admin is re-read from the directory here; the
 * drill runs in the background and its result reaches every admin in a DM.
 */
export async function answerDrill(actorSlackId: string, ctx: UserContext, deps: SlackDeps): Promise<Reply> {
  const person = await deps.org.requireActivePerson(actorSlackId);
  if (!person.roles.includes('admin')) throw new OrgError('admin_only', { subcommand: 'drill' });
  if (!deps.backups) return plain(ctx.t('drill.unavailable'));
  const started = deps.backups.requestDrill(actorSlackId);
  return plain(ctx.t(started === 'started' ? 'drill.started' : 'drill.running'));
}
