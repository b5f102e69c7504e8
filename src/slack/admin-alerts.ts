import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from './deps';
import type { Translate } from './i18n';

/**
 * A message to every active admin, each in their own language, as a DM from the app (scheduled
 * backups and drills). Sent to each admin on their own: one who cannot be reached does not keep
 * the others from being told. Throws after trying everyone if any send failed.
 */
export async function tellAdmins(
  client: WebClient,
  deps: Pick<SlackDeps, 'users' | 'org'>,
  text: (t: Translate) => string,
): Promise<void> {
  const failures: unknown[] = [];
  for (const slackUserId of await deps.org.adminSlackIds()) {
    try {
      const ctx = await deps.users.resolve(slackUserId, await deps.org.findPerson(slackUserId));
      await client.chat.postMessage({ channel: slackUserId, text: text(ctx.t) });
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `could not tell ${failures.length} admin(s)`);
}
