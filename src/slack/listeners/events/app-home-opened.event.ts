import type { SlackDeps } from '../../deps';
import { publishHome } from '../../home-publisher';
import type { ListenerApp } from '../router';

/** Fresh Home on every visit to the Home tab (publishing is idempotent, so Slack retries are harmless). */
export function registerAppHomeOpened(app: ListenerApp, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, deps.users, event.user);
  });
}
