import { randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { adminSlackIds } from '../domain/org/directory.service';
import { OrgError } from '../domain/org/org-errors';
import { currentRequestId, type Logger } from '../logger';
import type { Translate } from './i18n';
import { escapeMrkdwn } from './views/blocks';

export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

export const plain = (text: string): Reply => ({ text });

/**
 * Turns a failure into something the person can act on. Business refusals become a message from
 * the catalogs; anything unexpected is logged with a reference the person can quote to an admin.
 */
export async function replyForError(error: unknown, t: Translate, logger: Logger): Promise<Reply> {
  if (error instanceof OrgError) return plain(await orgErrorText(error, t));
  const reference = currentRequestId() ?? randomBytes(4).toString('hex');
  logger.error({ err: error, reference }, 'interaction failed');
  return plain(t('error.unexpected', { reference }));
}

async function orgErrorText(error: OrgError, t: Translate): Promise<string> {
  const { details } = error;
  switch (error.code) {
    case 'not_registered': {
      const admins = await adminSlackIds().catch(() => []);
      const list = admins
        .slice(0, 3)
        .map((id) => `<@${id}>`)
        .join(', ');
      return t('error.notRegistered', {
        admins: list ? t('error.notRegistered.admins', { admins: list }) : '',
      });
    }
    case 'suspended':
      return t('error.suspended');
    case 'admin_only':
      return t('error.adminOnly', { subcommand: details.subcommand ?? '' });
    case 'person_not_found':
      return t('error.personNotFound', { who: details.who ? `<@${details.who}>` : '' });
    case 'department_not_found':
      return t('error.departmentNotFound', {
        key: escapeMrkdwn(details.key ?? ''),
        keys: details.keys ?? '',
      });
    case 'guest_exclusive':
      return t('error.guestExclusive');
    case 'last_admin':
      return t('error.lastAdmin');
    case 'self_suspend':
      return t('error.selfSuspend');
    case 'no_change':
      return t('error.noChange', { who: escapeMrkdwn(details.who ?? '') });
  }
}
