import { z } from 'zod';
import { SPOT_CHECK_TYPES } from '../../../domain/supervision/finding-types';
import type { SlackDeps } from '../../deps';
import { SUPERVISION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { parseJson } from '../../payloads';
import { replyForError } from '../../replies';
import { refusalText } from '../../supervision-refusals';
import { judgedItemMessage } from '../../views/supervision/spot-check.view';
import type { ListenerApp } from '../router';

const problemMetadata = z.object({
  type: z.enum(SPOT_CHECK_TYPES),
  id: z.number().int().positive(),
  seed: z.number().int().positive(),
  channel: z.string().max(32).optional(),
  ts: z.string().max(32).optional(),
});
const closeMetadata = z.object({ findingId: z.number().int().positive() });

/**
 * The Problem modal (a finding with its note, department and follow-up owner) and the closing
 * modal. A refusal the supervisor can act on stays in the modal under the note, nothing typed is
 * lost. After a Problem: the item's DM shows the verdict, the follow-up owner is told in a DM, and
 * both Homes list the finding.
 */
export function registerFindingForms(app: ListenerApp, deps: SlackDeps): void {
  app.view(SUPERVISION_IDS.problemForm, async ({ ack, body, view, client }) => {
    const metadata = parseJson(problemMetadata, view.private_metadata);
    if (!metadata) return ack();
    const ctx = await contextOf(deps, body.user.id);
    const values = view.state.values;
    const note = values[SUPERVISION_IDS.noteBlock]?.[SUPERVISION_IDS.noteInput]?.value ?? '';
    const department =
      values[SUPERVISION_IDS.departmentBlock]?.[SUPERVISION_IDS.departmentInput]?.selected_option?.value;
    const followUp =
      values[SUPERVISION_IDS.followUpBlock]?.[SUPERVISION_IDS.followUpInput]?.selected_user ?? null;
    let result: Awaited<ReturnType<SlackDeps['spotChecks']['recordVerdict']>>;
    try {
      result = await deps.spotChecks.recordVerdict(body.user.id, {
        type: metadata.type,
        itemId: metadata.id,
        seed: metadata.seed,
        outcome: 'problem',
        note,
        ...(department && /^\d{1,9}$/.test(department) ? { departmentId: Number(department) } : {}),
        followUpSlackId: followUp,
      });
    } catch (error) {
      const text = refusalText(ctx.t, error) ?? (await replyForError(error, ctx, deps)).text;
      const block = /follow/i.test(String((error as { refusal?: { code?: string } }).refusal?.code))
        ? SUPERVISION_IDS.followUpBlock
        : SUPERVISION_IDS.noteBlock;
      return ack({ response_action: 'errors', errors: { [block]: text.slice(0, 2000) } });
    }
    await ack();
    const { finding, created } = result;
    const [item, departments] = await Promise.all([
      deps.spotChecks.itemOf(metadata.type, metadata.id),
      deps.spotChecks.departments(),
    ]);
    try {
      if (item && metadata.channel && metadata.ts)
        await client.chat.update({
          channel: metadata.channel,
          ts: metadata.ts,
          ...judgedItemMessage(ctx, item, finding, body.user.id, departments),
        });
      if (created && followUp && followUp !== body.user.id) {
        const owner = await contextOf(deps, followUp);
        const dm = await client.conversations.open({ users: followUp });
        await client.chat.postMessage({
          channel: dm.channel?.id ?? followUp,
          text: owner.t('spot.assigned', {
            id: finding.id,
            reference: finding.itemReference,
            by: body.user.id,
            note: finding.note.slice(0, 1500),
          }),
        });
      }
    } catch (error) {
      // The finding is recorded; a message that could not be updated or sent is only logged.
      deps.logger.warn({ err: error, finding: finding.id }, 'spot-check finding recorded, message not sent');
    }
    await deps.refreshHome(body.user.id);
    if (followUp) await deps.refreshHome(followUp);
  });

  app.view(SUPERVISION_IDS.closeForm, async ({ ack, body, view }) => {
    const metadata = parseJson(closeMetadata, view.private_metadata);
    if (!metadata) return ack();
    const ctx = await contextOf(deps, body.user.id);
    const note = view.state.values[SUPERVISION_IDS.noteBlock]?.[SUPERVISION_IDS.noteInput]?.value ?? '';
    let closed: Awaited<ReturnType<SlackDeps['spotChecks']['closeFinding']>>;
    try {
      closed = await deps.spotChecks.closeFinding(body.user.id, metadata.findingId, note);
    } catch (error) {
      const text = refusalText(ctx.t, error) ?? (await replyForError(error, ctx, deps)).text;
      return ack({ response_action: 'errors', errors: { [SUPERVISION_IDS.noteBlock]: text.slice(0, 2000) } });
    }
    await ack();
    // The closer's Home at once; the recorder's and the follow-up owner's lists change too.
    const others = [closed.recordedByPersonId, closed.followUpPersonId].filter(
      (id): id is number => id !== null,
    );
    const slackIds = await Promise.all(
      others.map(async (id) => (await deps.spotChecks.personById(id))?.slackUserId),
    );
    for (const slackId of new Set([body.user.id, ...slackIds])) if (slackId) await deps.refreshHome(slackId);
  });
}
