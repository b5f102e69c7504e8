import type { SlackDeps } from '../../deps';
import { contextOf } from '../../interaction';
import { decodeSlackText } from '../../payloads';
import { replyForError } from '../../replies';
import type { ListenerApp } from '../router';
import { parseFilesText, runFilesCommand } from './files';

/**
 * `/files …` (issue 15): the upload modal, search, categories, purge, help. Acknowledged at once
 * (the modal needs the trigger within 3 s; a search reads the database); the answer comes back
 * privately through response_url.
 */
export function registerFilesCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/files', async ({ ack, command, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, command.user_id);
    const parsed = parseFilesText(decodeSlackText(command.text));
    const reply = await runFilesCommand(parsed, command.user_id, ctx, deps, {
      client,
      triggerId: command.trigger_id,
    }).catch((error: unknown) => replyForError(error, ctx, deps));
    if (reply) await respond({ response_type: 'ephemeral', ...reply });
  });
}
