import type { App } from '@slack/bolt';
import { runOaCommand } from '../../commands/oa.handlers';
import { parseOaText } from '../../commands/oa-text';
import type { SlackDeps } from '../../deps';
import { findPersonBySlackIdSafe } from '../../person-lookup';
import { replyForError } from '../../replies';

/** `/oa …`: acknowledge at once, then answer through response_url (ephemeral). */
export function registerOaCommand(app: App, deps: SlackDeps): void {
  app.command('/oa', async ({ ack, command, respond }) => {
    await ack();
    const person = await findPersonBySlackIdSafe(command.user_id, deps.logger);
    const ctx = await deps.users.resolve(command.user_id, person);
    const reply = await runOaCommand(parseOaText(command.text), command.user_id, ctx, deps).catch(
      (error: unknown) => replyForError(error, ctx, deps.logger),
    );
    await respond({ response_type: 'ephemeral', ...reply });
  });
}
