import { profileOf, requireActivePerson, standingOf } from '../../domain/org/directory.service';
import {
  movePerson,
  setDepartmentHead,
  setLocalePreference,
  setRoles,
  setStatus,
} from '../../domain/org/org-admin.service';
import { OrgError } from '../../domain/org/org-errors';
import type { SlackDeps } from '../deps';
import { plain, type Reply } from '../replies';
import type { UserContext } from '../user-context';
import { escapeMrkdwn } from '../views/blocks';
import { helpMessage } from '../views/help.view';
import { departmentName, whoamiMessage } from '../views/profile.view';
import { MAX_COMMAND_TEXT, type OaCommand } from './oa-text';

/**
 * One function per `/oa` subcommand: each makes one domain call and renders the answer.
 * Domain refusals are thrown as OrgError and rendered by the caller.
 */

const mention = (slackId: string | null, fallback: string) =>
  slackId ? `<@${slackId}>` : escapeMrkdwn(fallback);

export async function runOaCommand(
  command: OaCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
): Promise<Reply> {
  try {
    return await dispatch(command, actorSlackId, ctx, deps);
  } catch (error) {
    // The domain does not know which words were typed; name the subcommand in the refusal.
    if (error instanceof OrgError && error.code === 'admin_only') {
      throw new OrgError('admin_only', { subcommand: command.kind });
    }
    throw error;
  }
}

async function dispatch(
  command: OaCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
): Promise<Reply> {
  const { t } = ctx;
  switch (command.kind) {
    case 'help':
    case 'unknown': {
      const standing = await standingOf(actorSlackId);
      const roles = standing.kind === 'active' ? standing.person.roles : [];
      return helpMessage({
        t,
        isAdmin: roles.includes('admin'),
        isGuest: roles.includes('guest'),
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
    case 'whoami': {
      await requireActivePerson(actorSlackId);
      const profile = await profileOf(actorSlackId);
      if (!profile) throw new OrgError('not_registered');
      return whoamiMessage({ t, locale: ctx.locale, timezone: ctx.timezone, profile });
    }
    case 'language': {
      await setLocalePreference(actorSlackId, command.locale);
      deps.users.forget(actorSlackId);
      const next = await deps.users.resolve(actorSlackId, await requireActivePerson(actorSlackId));
      await deps.refreshHome(actorSlackId);
      return plain(next.t('done.language', { language: next.t(`language.${command.locale ?? 'auto'}`) }));
    }
    case 'role': {
      const change = await setRoles(actorSlackId, command.target, command.roles);
      await deps.refreshHome(command.target);
      const names = (roles: string[]) => roles.map((role) => t(`role.${role as 'user'}`)).join(', ');
      return plain(
        t('done.roles', {
          who: mention(change.target.slackUserId, change.target.name),
          roles: names(change.after),
          before: names(change.before),
        }),
      );
    }
    case 'move': {
      const change = await movePerson(actorSlackId, command.target, command.departmentKey);
      await deps.refreshHome(command.target);
      return plain(
        t('done.move', {
          who: mention(change.target.slackUserId, change.target.name),
          department: change.after ? escapeMrkdwn(departmentName(change.after, ctx.locale)) : '',
          before: change.before ? escapeMrkdwn(departmentName(change.before, ctx.locale)) : t('common.none'),
        }),
      );
    }
    case 'head': {
      const change = await setDepartmentHead(actorSlackId, command.departmentKey, command.target);
      await deps.refreshHome(command.target);
      return plain(
        t('done.head', {
          who: mention(change.target.slackUserId, change.target.name),
          department: escapeMrkdwn(departmentName(change.department, ctx.locale)),
          before: change.before ? escapeMrkdwn(change.before) : t('common.none'),
        }),
      );
    }
    case 'suspend':
    case 'reactivate': {
      const change = await setStatus(
        actorSlackId,
        command.target,
        command.kind === 'suspend' ? 'suspended' : 'active',
      );
      await deps.refreshHome(command.target);
      return plain(
        t(`done.${command.kind}`, { who: mention(change.target.slackUserId, change.target.name) }),
      );
    }
  }
}
