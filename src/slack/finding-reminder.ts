import type { WebClient } from '@slack/web-api';
import type { FindingRow } from '../domain/supervision/finding-types';
import type { SlackDeps } from './deps';
import { formatDateTime } from './views/format';

/** The daily reminder of an open spot-check finding, as a DM to its follow-up owner in their language. */
export function findingReminderSender(client: WebClient, deps: Pick<SlackDeps, 'users' | 'org'>) {
  return async (slackUserId: string, finding: FindingRow): Promise<void> => {
    const ctx = await deps.users.resolve(slackUserId, await deps.org.profileOf(slackUserId));
    const dm = await client.conversations.open({ users: slackUserId });
    const text = ctx.t('spot.reminder', {
      id: finding.id,
      reference: finding.itemReference,
      since: formatDateTime(finding.createdAt.toISOString(), ctx.locale, ctx.timezone),
      note: finding.note.slice(0, 1500),
    });
    await client.chat.postMessage({ channel: dm.channel?.id ?? slackUserId, text });
  };
}
