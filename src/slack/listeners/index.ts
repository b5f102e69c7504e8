import type { App } from '@slack/bolt';
import { registerAckActions } from '../announcements/ack.listeners';
import { registerAnnounceListeners } from '../announcements/announce.listeners';
import type { SlackDeps } from '../deps';
import type { SlashCommand } from '../ids';
import { registerAwayActions } from './actions/away.action';
import { registerNudgeAction } from './actions/nudge.action';
import { registerRegisterAction } from './actions/register.action';
import { registerTaskActions } from './actions/task.actions';
import { registerApprovalsCommand } from './commands/approvals.command';
import { registerOaCommand } from './commands/oa.command';
import { registerRequestCommands } from './commands/request.command';
import { registerAppHomeOpened } from './events/app-home-opened.event';
import { registerReasonForm } from './views/reason-form.view';
import { registerRequestForm } from './views/request-form.view';

type Register = (app: App, deps: SlackDeps) => void;

/**
 * Which module answers each slash command. Keyed by SlashCommand, so a command declared in ids.ts
 * without a listener does not compile; the manifest test compares these keys with the manifests.
 */
export const COMMAND_LISTENERS: Record<SlashCommand, Register> = {
  '/oa': registerOaCommand,
  '/leave': registerRequestCommands,
  '/document': registerRequestCommands,
  '/request': registerRequestCommands,
  '/approvals': registerApprovalsCommand,
  '/announce': registerAnnounceListeners,
};

const OTHER_LISTENERS: Register[] = [
  registerAckActions,
  registerAppHomeOpened,
  registerTaskActions,
  registerNudgeAction,
  registerAwayActions,
  registerRegisterAction,
  registerReasonForm,
  registerRequestForm,
];

/** Every listener, registered with Bolt's own app.command/action/view/event. */
export function registerListeners(app: App, deps: SlackDeps): void {
  for (const register of new Set([...Object.values(COMMAND_LISTENERS), ...OTHER_LISTENERS]))
    register(app, deps);
}
