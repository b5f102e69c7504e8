import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { SPOT_CHECK_TYPES } from '../../../domain/supervision/finding-types';
import type { SlackDeps } from '../../deps';
import { SUPERVISION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { buttonId, parseJson } from '../../payloads';
import { replyForError } from '../../replies';
import { refusalText } from '../../supervision-refusals';
import type { UserContext } from '../../user-context';
import { closeFindingModal, judgedItemMessage, problemModal } from '../../views/supervision/spot-check.view';
import type { ListenerApp } from '../router';

/** What a verdict button carries: the item and the check (its seed). */
export const itemKeySchema = z.object({
  type: z.enum(SPOT_CHECK_TYPES),
  id: z.number().int().positive(),
  seed: z.number().int().positive(),
});

async function tell(
  deps: SlackDeps,
  ctx: UserContext,
  respond: ((m: object) => Promise<unknown>) | undefined,
  error: unknown,
) {
  const text = refusalText(ctx.t, error) ?? (await replyForError(error, ctx, deps)).text;
  if (respond) await respond({ response_type: 'ephemeral', replace_original: false, text });
  else deps.logger.warn({ err: error }, 'spot-check refusal with no surface to show it on');
}

/**
 * The buttons of a sampled item (Conforms records at once and replaces the buttons with the
 * verdict; Problem opens the modal) and the Home's Close (opens the closing modal). The server
 * decides who may: the clicker is re-read, never trusted from the button.
 */
export function registerSpotCheckActions(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(SUPERVISION_IDS.conforms, async ({ ack, body, action, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const key = parseJson(itemKeySchema, action.value);
    if (!key) return;
    try {
      const { finding, created } = await deps.spotChecks.recordVerdict(body.user.id, {
        ...key,
        itemId: key.id,
        outcome: 'conforms',
      });
      const item = await deps.spotChecks.itemOf(key.type, key.id);
      if (item && created)
        await respond({
          replace_original: true,
          ...judgedItemMessage(ctx, item, finding, body.user.id, await deps.spotChecks.departments()),
        });
      else if (!created)
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: ctx.t('spot.already', { id: finding.id }),
        });
    } catch (error) {
      await tell(deps, ctx, respond, error);
    }
  });

  app.action<BlockButtonAction>(SUPERVISION_IDS.problem, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const key = parseJson(itemKeySchema, action.value);
    if (!key) return;
    try {
      const item = await deps.spotChecks.itemOf(key.type, key.id);
      if (!item) throw new Error('spot-check item vanished');
      const origin =
        body.container?.channel_id && body.container?.message_ts
          ? { channel: String(body.container.channel_id), ts: String(body.container.message_ts) }
          : null;
      await openModal(
        client,
        body.trigger_id,
        problemModal(ctx, item, key, await deps.spotChecks.departments(), origin),
      );
    } catch (error) {
      await tell(deps, ctx, respond, error);
    }
  });

  app.action<BlockButtonAction>(SUPERVISION_IDS.closeFinding, async ({ ack, body, action, client }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    const findingId = buttonId(action);
    if (findingId === undefined) return;
    const open = await deps.spotChecks.openFindingsFor(body.user.id, 500);
    const finding = open.find((row) => row.id === findingId);
    // Closed meanwhile, or not theirs: the Home is rebuilt and shows what is true now.
    if (!finding) return deps.refreshHome(body.user.id);
    await openModal(client, body.trigger_id, closeFindingModal(ctx.t, finding));
  });
}
