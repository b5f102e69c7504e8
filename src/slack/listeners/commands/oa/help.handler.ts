import type { Interaction } from '../../../interaction';
import { plain, type Reply } from '../../../replies';
import { helpMessage } from '../../../views/help.view';
import { MAX_COMMAND_TEXT, type OaCommand } from './oa-text';

export type HelpCommand = Extract<
  OaCommand,
  { kind: 'help' | 'unknown' | 'too_long' | 'usage' | 'invalid_roles' | 'invalid_language' }
>;

/** `/oa help`, an unknown subcommand, and text that cannot be a command: no I/O beyond the actor. */
export function answerHelp(command: HelpCommand, actor: Interaction): Reply {
  const { t } = actor.ctx;
  switch (command.kind) {
    case 'help':
    case 'unknown': {
      const standing = actor.standing();
      const roles = standing.kind === 'active' ? standing.person.roles : [];
      return helpMessage({
        t,
        isAdmin: roles.includes('admin'),
        isGuest: roles.includes('guest'),
        isSupervisor: roles.includes('supervisor'),
        isRegistered: standing.kind !== 'unregistered',
        ...(command.kind === 'unknown' ? { unknownSubcommand: command.subcommand } : {}),
      });
    }
    case 'too_long':
      return plain(t('error.tooLong', { length: command.length, limit: MAX_COMMAND_TEXT }));
    case 'usage':
      return plain(t(`usage.${command.subcommand}`));
    case 'invalid_roles':
      return plain(`${t('error.invalidRoles', { value: command.value.slice(0, 60) })}\n${t('usage.role')}`);
    case 'invalid_language':
      return plain(
        `${t('error.invalidLanguage', { value: command.value.slice(0, 20) })}\n${t('usage.language')}`,
      );
  }
}
