import { randomBytes } from 'node:crypto';
import type { KnownBlock } from '@slack/types';
import { IncidentError, MaintenanceRefusal } from '../domain/incidents/incident-errors';
import type { Directory } from '../domain/org/directory.service';
import { OrgError } from '../domain/org/org-errors';
import type { RefusalRecorder } from '../domain/supervision/store';
import { WorkflowError } from '../domain/workflows/workflow-errors';
import { currentRequestId, type Logger } from '../logger';
import type { Translate } from './i18n';
import { maintenanceRefusalText } from './maintenance-guard';
import { ModalNotOpenedError } from './modals';
import { countRefusal } from './refusal-counter';
import type { UserContext } from './user-context';
import { escapeMrkdwn } from './views/blocks';
import { formatDateTime } from './views/format';
import { registerPrompt } from './views/register-prompt.view';

export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

export const plain = (text: string): Reply => ({ text });

/**
 * Turns a failure into something the person can act on. Business refusals become a message from
 * the catalogs; anything unexpected is logged with a reference the person can quote to an admin.
 */
export async function replyForError(
  error: unknown,
  ctx: UserContext,
  deps: { logger: Logger; org: Pick<Directory, 'adminSlackIds'>; refusals?: RefusalRecorder | undefined },
): Promise<Reply> {
  countRefusal(error, deps);
  const { t } = ctx;
  const { logger, org } = deps;
  const unregistered =
    (error instanceof OrgError || error instanceof WorkflowError) && error.code === 'not_registered';
  if (unregistered) return notRegisteredReply(t, org);
  if (error instanceof ModalNotOpenedError) {
    logger.info({ slackError: error.slackError }, 'modal not opened; the person is asked to click again');
    return plain(t('error.modalNotOpened'));
  }
  if (error instanceof OrgError) return plain(await orgErrorText(error, t, org));
  if (error instanceof MaintenanceRefusal) return plain(maintenanceRefusalText(error, ctx));
  if (error instanceof IncidentError) return plain(t(`incident.error.${error.code}`, error.details));
  if (error instanceof WorkflowError) return plain(workflowErrorText(error, ctx));
  const reference = currentRequestId() ?? randomBytes(4).toString('hex');
  logger.error({ err: error, reference }, 'interaction failed');
  return plain(t('error.unexpected', { reference }));
}

/** People who are not in the directory are told how to get in, with a button that starts it. */
async function notRegisteredReply(t: Translate, org: Pick<Directory, 'adminSlackIds'>): Promise<Reply> {
  const admins = await org.adminSlackIds().catch(() => []);
  const list = admins
    .slice(0, 3)
    .map((id) => `<@${id}>`)
    .join(', ');
  const text = t('error.notRegistered', {
    admins: list ? t('error.notRegistered.admins', { admins: list }) : '',
  });
  return { text, blocks: registerPrompt(t, text) };
}

async function orgErrorText(
  error: OrgError,
  t: Translate,
  org: Pick<Directory, 'adminSlackIds'>,
): Promise<string> {
  const { details } = error;
  switch (error.code) {
    case 'not_registered':
      return (await notRegisteredReply(t, org)).text;
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

const WHATS = ['template', 'request', 'task', 'holiday', 'person'] as const;
const DECISIONS = ['approved', 'rejected', 'returned', 'transferred', 'withdrawn', 'cancelled'] as const;
const STATUSES = ['in_review', 'approved', 'rejected', 'returned', 'withdrawn', 'cancelled'] as const;

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.find((item) => item === value);

/** Workflow refusals, with their details translated where they are words rather than names. */
export function workflowErrorText(error: WorkflowError, { t, locale, timezone }: UserContext): string {
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.details)) {
    vars[key] = typeof value === 'string' ? escapeMrkdwn(value) : value;
  }
  const what = oneOf(WHATS, error.details.what);
  if (what) vars.what = t(`wf.what.${what}`);
  const decision = oneOf(DECISIONS, error.details.decision);
  if (decision) vars.decision = t(`wf.decision.${decision}`);
  const status = oneOf(STATUSES, error.details.status);
  if (status) vars.status = t(`wf.status.${status}`);
  if (typeof error.details.at === 'string') vars.at = formatDateTime(error.details.at, locale, timezone);
  return t(`wf.error.${error.code}`, vars);
}
