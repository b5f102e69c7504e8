import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { FileLibraryError } from '../../../domain/files/file-errors';
import type { FileScope } from '../../../domain/files/model';
import type { SlackDeps } from '../../deps';
import { libraryPerson, refusalText } from '../../file-interactions';
import { contextOf } from '../../interaction';
import { parseJson } from '../../payloads';
import { findPersonBySlackIdSafe } from '../../person-lookup';
import { classifySlackError } from '../../slack-errors';
import { FILE_CALLBACKS, fileSummaryCard } from '../../views/files/file-summary.view';
import { MAX_SHARE_TARGETS, SHARE_INPUTS } from '../../views/files/share-modal.view';
import type { ListenerApp } from '../router';

const metadataSchema = z.object({ reference: z.string().min(1).max(40) });
const unique = <T>(items: readonly T[]) => [...new Set(items)];

/**
 * The Share modal's submission. Checked again on the server, whatever the modal said: the sharer
 * may read the file; the app is a member of each channel (else the error says so under the
 * field and nothing typed is lost); only an owner may widen the scope, and that change goes
 * through the library (audited, confidential files never to everyone). Then the card (never the
 * bytes) is posted to each channel and person, and the sharer is told where it went.
 */
export function registerFileShareForm(app: ListenerApp, deps: SlackDeps): void {
  app.view(FILE_CALLBACKS.share, async ({ ack, body, view, client }) => {
    const ctx = await contextOf(deps, body.user.id);
    const meta = parseJson(metadataSchema, view.private_metadata);
    if (!meta) {
      await ack();
      return;
    }
    const values = view.state.values;
    const channels = unique(
      values[SHARE_INPUTS.channels.block]?.[SHARE_INPUTS.channels.action]?.selected_conversations ?? [],
    );
    const people = unique(
      values[SHARE_INPUTS.people.block]?.[SHARE_INPUTS.people.action]?.selected_users ?? [],
    );
    const addToScope = (
      values[SHARE_INPUTS.scope.block]?.[SHARE_INPUTS.scope.action]?.selected_options ?? []
    ).some((option) => option.value === 'add');
    const refuse = (block: string, text: string) =>
      ack({ response_action: 'errors', errors: { [block]: text.slice(0, 2000) } });
    if (!channels.length && !people.length)
      return refuse(SHARE_INPUTS.channels.block, ctx.t('fileReview.share.nothing'));
    if (channels.length > MAX_SHARE_TARGETS || people.length > MAX_SHARE_TARGETS)
      return refuse(
        SHARE_INPUTS.channels.block,
        ctx.t('fileReview.share.tooMany', { max: MAX_SHARE_TARGETS * 2 }),
      );

    let opened: Awaited<ReturnType<SlackDeps['files']['open']>>;
    let sharer: Awaited<ReturnType<typeof libraryPerson>>;
    try {
      sharer = await libraryPerson(deps, body.user.id);
      opened = await deps.files.open(sharer.id, meta.reference);
    } catch (error) {
      const text = await refusalText(deps, ctx, error);
      if (!text) throw error;
      return refuse(SHARE_INPUTS.channels.block, text);
    }
    const outside = await channelsWithoutTheApp(client, channels);
    if (outside.length)
      return refuse(
        SHARE_INPUTS.channels.block,
        ctx.t('fileReview.share.notInChannel', { channels: outside.join(', ') }),
      );

    let scopeAdded = false;
    if (addToScope) {
      const personIds: number[] = [];
      const unregistered: string[] = [];
      for (const userId of people) {
        const person = await findPersonBySlackIdSafe(deps.org, userId, deps.logger);
        if (person) personIds.push(person.id);
        else unregistered.push(`@${(await userName(client, userId)) ?? userId}`);
      }
      if (unregistered.length)
        return refuse(
          SHARE_INPUTS.people.block,
          ctx.t('fileReview.share.notRegistered', {
            people: unregistered.join(', '),
            count: unregistered.length,
          }),
        );
      const scope: FileScope = {
        ...opened.file.scope,
        channelIds: unique([...opened.file.scope.channelIds, ...channels]),
        personIds: unique([...opened.file.scope.personIds, ...personIds]),
      };
      try {
        // The library checks again that the sharer owns the file (a forged checkbox changes nothing).
        await deps.files.changeScope(sharer.id, opened.file.reference, scope);
        scopeAdded = true;
      } catch (error) {
        if (!(error instanceof FileLibraryError)) throw error;
        return refuse(SHARE_INPUTS.scope.block, (await refusalText(deps, ctx, error)) ?? error.message);
      }
    }
    await ack();

    const { file, current } = opened;
    const posted: string[] = [];
    const lines: string[] = [];
    for (const target of [...channels, ...people]) {
      const mention = /^[UW]/.test(target) ? `<@${target}>` : `<#${target}>`;
      // A person's card speaks their language; a channel's, the sharer's.
      const t = /^[UW]/.test(target)
        ? (await deps.users.resolve(target, await findPersonBySlackIdSafe(deps.org, target, deps.logger))).t
        : ctx.t;
      try {
        await client.chat.postMessage({
          channel: target,
          ...fileSummaryCard(t, { file, current, sharedBy: body.user.id }),
        });
        posted.push(mention);
      } catch (error) {
        const failure = classifySlackError(error);
        const code = failure.kind === 'permanent' ? failure.error : 'error';
        deps.logger.warn({ err: error, target }, 'could not post a shared file card');
        lines.push(
          code === 'not_in_channel'
            ? ctx.t('fileReview.share.failedNotInChannel', { reference: file.reference, target: mention })
            : ctx.t('fileReview.share.failed', { reference: file.reference, target: mention, error: code }),
        );
      }
    }
    if (posted.length)
      lines.unshift(
        ctx.t('fileReview.share.done', { reference: file.reference, targets: posted.join(', ') }),
      );
    if (scopeAdded)
      lines.push(
        ctx.t('fileReview.share.scopeAdded', {
          reference: file.reference,
          targets: [...channels.map((id) => `<#${id}>`), ...people.map((id) => `<@${id}>`)].join(', '),
        }),
      );
    await client.chat
      .postMessage({ channel: body.user.id, text: lines.join('\n') })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not tell the sharer'));
  });
}

/** The chosen channels the app is not a member of, by name (a modal's error is plain text). */
async function channelsWithoutTheApp(client: WebClient, channels: readonly string[]): Promise<string[]> {
  const outside: string[] = [];
  for (const channel of channels) {
    const info = await client.conversations.info({ channel }).catch(() => undefined);
    const found = info?.channel;
    if (found && !found.is_im && found.is_member === false) outside.push(`#${found.name ?? channel}`);
  }
  return outside;
}

async function userName(client: WebClient, userId: string): Promise<string | undefined> {
  const info = await client.users.info({ user: userId }).catch(() => undefined);
  return info?.user?.name;
}
