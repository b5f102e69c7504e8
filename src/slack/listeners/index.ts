import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerOaCommand } from './commands/oa.command';
import { registerAppHomeOpened } from './events/app-home-opened.event';

/** Every listener is registered here; a test checks the slash commands against the manifests. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerOaCommand(app, deps);
  registerAppHomeOpened(app, deps);
}
