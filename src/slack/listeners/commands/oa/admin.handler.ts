import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import { departmentName } from '../../../views/profile.view';
import type { OaCommand } from './oa-text';

export type AdminCommand = Extract<OaCommand, { kind: 'role' | 'move' | 'head' | 'suspend' | 'reactivate' }>;

const mention = (slackId: string | null, fallback: string) =>
  slackId ? `<@${slackId}>` : escapeMrkdwn(fallback);

/** A configuration change made in Slack, for the maintenance log (the audit log has its details). */
function logChange(deps: SlackDeps, actorSlackId: string, summary: string, details: Record<string, unknown>) {
  return deps.maintenanceLog?.record({
    kind: 'config_changed',
    summary: `${summary} (by ${actorSlackId})`,
    details: { by: actorSlackId, ...details },
  });
}

/**
 * The admin subcommands (role, move, head, suspend, reactivate): one domain call each, which
 * checks the right; the person changed sees a fresh Home; the change goes to the maintenance log.
 */
export async function answerAdmin(
  command: AdminCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
): Promise<Reply> {
  const { t } = ctx;
  const department = (name: Parameters<typeof departmentName>[0]) =>
    escapeMrkdwn(departmentName(name, ctx.locale));
  switch (command.kind) {
    case 'role': {
      const change = await deps.org.setRoles(actorSlackId, command.target, command.roles);
      await logChange(
        deps,
        actorSlackId,
        `/oa role: ${change.target.name} ${change.before.join(',')} → ${change.after.join(',')}`,
        {
          command: 'role',
          target: command.target,
          before: change.before,
          after: change.after,
        },
      );
      await deps.refreshHome(command.target);
      const names = (roles: string[]) => roles.map((role) => t(`role.${role as 'user'}`)).join(', ');
      const who = mention(change.target.slackUserId, change.target.name);
      return plain(t('done.roles', { who, roles: names(change.after), before: names(change.before) }));
    }
    case 'move': {
      const change = await deps.org.movePerson(actorSlackId, command.target, command.departmentKey);
      await logChange(deps, actorSlackId, `/oa move: ${change.target.name} → ${command.departmentKey}`, {
        command: 'move',
        target: command.target,
        department: command.departmentKey,
      });
      await deps.refreshHome(command.target);
      return plain(
        t('done.move', {
          who: mention(change.target.slackUserId, change.target.name),
          department: change.after ? department(change.after) : '',
          before: change.before ? department(change.before) : t('common.none'),
        }),
      );
    }
    case 'head': {
      const change = await deps.org.setDepartmentHead(actorSlackId, command.departmentKey, command.target);
      await logChange(deps, actorSlackId, `/oa head: ${change.target.name} heads ${command.departmentKey}`, {
        command: 'head',
        target: command.target,
        department: command.departmentKey,
        before: change.before,
      });
      await deps.refreshHome(command.target);
      return plain(
        t('done.head', {
          who: mention(change.target.slackUserId, change.target.name),
          department: department(change.department),
          before: change.before ? escapeMrkdwn(change.before) : t('common.none'),
        }),
      );
    }
    case 'suspend':
    case 'reactivate': {
      const status = command.kind === 'suspend' ? 'suspended' : 'active';
      const change = await deps.org.setStatus(actorSlackId, command.target, status);
      await logChange(deps, actorSlackId, `/oa ${command.kind}: ${change.target.name}`, {
        command: command.kind,
        target: command.target,
      });
      await deps.refreshHome(command.target);
      return plain(
        t(`done.${command.kind}`, { who: mention(change.target.slackUserId, change.target.name) }),
      );
    }
  }
}
