import { AnnouncementError, type AnnouncementSubmitResult } from '../../../domain/announcements';
import { channelFacts, composerErrors, readComposer } from '../../announcements/composer-input';
import { refusalText } from '../../announcements/refusals';
import type { SlackDeps } from '../../deps';
import { contextOf } from '../../interaction';
import { refuseIfMaintenance } from '../../maintenance-guard';
import { parseJson } from '../../payloads';
import { replyForError } from '../../replies';
import {
  COMPOSER_BLOCKS,
  COMPOSER_CALLBACK,
  composerMetadataSchema,
} from '../../views/announcements/composer.view';
import type { ListenerApp } from '../router';

/**
 * The composer's submission: a new announcement goes to review, a correction to its item. Field
 * problems come back under their fields, a refusal under the title; the modal stays open.
 */
export function registerAnnouncementComposer(app: ListenerApp, deps: SlackDeps): void {
  app.view(COMPOSER_CALLBACK, async ({ ack, body, view, client }) => {
    const metadata = parseJson(composerMetadataSchema, view.private_metadata);
    if (!metadata) return ack();
    const ctx = await contextOf(deps, body.user.id);
    let result: AnnouncementSubmitResult;
    try {
      // During maintenance a new draft is refused under the title (the composer stays open as
      // typed); a correction of a published item still goes to review.
      if (metadata.mode === 'new') await refuseIfMaintenance(deps);
      const { channelIds, ...input } = readComposer(view.state.values);
      const content = { ...input, channels: await channelFacts(client, channelIds) };
      result =
        metadata.mode === 'new'
          ? await deps.announcements.submitAnnouncement(body.user.id, content, {
              idempotencyKey: metadata.key,
            })
          : await deps.announcements.reviseAnnouncement(body.user.id, metadata.announcementId, content);
    } catch (error) {
      const text =
        error instanceof AnnouncementError
          ? refusalText(ctx.t, error)
          : (await replyForError(error, ctx, deps)).text;
      return ack({ response_action: 'errors', errors: { [COMPOSER_BLOCKS.title]: text.slice(0, 2000) } });
    }
    if (!result.ok) return ack({ response_action: 'errors', errors: composerErrors(ctx.t, result.errors) });
    await ack();
    deps.outbox.kick();
  });
}
