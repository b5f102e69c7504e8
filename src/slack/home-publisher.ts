import type { WebClient } from '@slack/web-api';
import { profileOf } from '../domain/org/directory.service';
import type { UserContextResolver } from './user-context';
import { homeView } from './views/home.view';

/** Renders and publishes one person's App Home. Used on app_home_opened and by the refresh job. */
export async function publishHome(
  client: WebClient,
  users: UserContextResolver,
  slackUserId: string,
): Promise<void> {
  const profile = await profileOf(slackUserId);
  const ctx = await users.resolve(slackUserId, profile);
  const view = !profile
    ? homeView({ kind: 'unregistered', t: ctx.t })
    : profile.status === 'suspended'
      ? homeView({ kind: 'suspended', t: ctx.t, profile })
      : homeView({ kind: 'active', t: ctx.t, locale: ctx.locale, timezone: ctx.timezone, profile });
  await client.views.publish({ user_id: slackUserId, view });
}
