import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import type { OaIo } from './io';
import type { OaCommand } from './oa-text';

export type LockCommand = Extract<OaCommand, { kind: 'lock_my_account' }>;

/**
 * `/oa lock-my-account <what happened>`: anyone locks their own account at once (requirements
 * §三.(三).3); every admin is told. Telling them may fail (Slack away): the lock stands and is in
 * the audit log whatever happens.
 */
export async function answerLock(
  command: LockCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'tellAdmins'>,
): Promise<Reply> {
  await deps.org.lockOwnAccount(actorSlackId, command.whatHappened);
  deps.users.forget(actorSlackId);
  await deps.refreshHome(actorSlackId);
  const what = escapeMrkdwn(command.whatHappened.slice(0, 500));
  await io
    .tellAdmins((t) => t('lock.adminNotice', { who: `<@${actorSlackId}>`, what }))
    .catch((error: unknown) => deps.logger.warn({ err: error }, 'admins not told of a locked account'));
  return plain(ctx.t('lock.done'));
}
