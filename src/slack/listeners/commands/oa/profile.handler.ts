import { activePersonOf } from '../../../../domain/org/directory.service';
import type { SlackDeps } from '../../../deps';
import type { Interaction } from '../../../interaction';
import { plain, type Reply } from '../../../replies';
import { whoamiMessage } from '../../../views/profile.view';
import type { OaCommand } from './oa-text';

export type ProfileCommand = Extract<OaCommand, { kind: 'whoami' | 'language' }>;

/** `/oa whoami` (from the interaction's directory read) and `/oa language` (answered in the new one). */
export async function answerProfile(
  command: ProfileCommand,
  actorSlackId: string,
  actor: Interaction,
  deps: SlackDeps,
): Promise<Reply> {
  const { ctx } = actor;
  if (command.kind === 'whoami') {
    const profile = await deps.org.profileFor(activePersonOf(actor.standing()));
    return whoamiMessage({ t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, profile });
  }
  await deps.org.setLocalePreference(actorSlackId, command.locale);
  deps.users.forget(actorSlackId);
  const next = await deps.users.resolve(actorSlackId, await deps.org.requireActivePerson(actorSlackId));
  await deps.refreshHome(actorSlackId);
  return plain(next.t('done.language', { language: next.t(`language.${command.locale ?? 'auto'}`) }));
}
