import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { libraryPerson, runFileClick } from '../../file-interactions';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { FILE_ACTIONS } from '../../views/files/file-summary.view';
import { shareModal } from '../../views/files/share-modal.view';
import type { ListenerApp } from '../router';

/**
 * Share on a file's card (value: the reference): opens the Share modal for someone who may read
 * the file. A forged reference gets the library's refusal and reveals nothing (a confidential
 * file outside one's scope is, to them, a file that does not exist).
 */
export function registerFileShareAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTIONS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const reference = (action.value ?? '').slice(0, 40);
    await runFileClick(deps, ctx, client, respond, body.user.id, async () => {
      const person = await libraryPerson(deps, body.user.id);
      const { file, access } = await deps.files.open(person.id, reference);
      await openModal(client, body.trigger_id, shareModal(ctx.t, { file, owner: access.level === 'owner' }));
    });
  });
}
