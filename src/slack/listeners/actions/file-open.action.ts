import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { libraryPerson, runFileClick } from '../../file-interactions';
import { contextOf } from '../../interaction';
import { FILE_ACTIONS, fileSummaryCard } from '../../views/files/file-summary.view';
import type { ListenerApp } from '../router';

/**
 * Open (on Home "Recent files"; value: the reference): the file's card, in the clicker's DM with
 * the app, after the library checks they may read it.
 */
export function registerFileOpenAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTIONS.open, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const reference = (action.value ?? '').slice(0, 40);
    await runFileClick(deps, ctx, client, respond, body.user.id, async () => {
      const person = await libraryPerson(deps, body.user.id);
      const { file, current } = await deps.files.open(person.id, reference);
      await client.chat.postMessage({ channel: body.user.id, ...fileSummaryCard(ctx.t, { file, current }) });
    });
  });
}
