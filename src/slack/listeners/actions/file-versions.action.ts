import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { parseFileButtonValue, runFileAction } from '../../files/file-actions';
import { filePersonId } from '../../files/file-card';
import { FILE_ACTION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { escapeMrkdwn } from '../../views/blocks';
import { versionsView } from '../../views/files/versions.view';
import type { ListenerApp } from '../router';

/** Versions: every version of a file the person may read, each with its own Download, in a modal. */
export function registerFileVersionsAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTION_IDS.versions, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runFileAction(deps, ctx, { client, respond, body }, async () => {
      const target = parseFileButtonValue(action.value);
      if (!target) return { text: ctx.t('files.refusal.notFound', { reference: '?' }) };
      const { file, versions } = await deps.files.versions(
        await filePersonId(deps, body.user.id),
        target.reference,
      );
      const people = await deps.files.people(versions.map((version) => version.uploadedByPersonId));
      const label = (id: number) => {
        const person = people.find((entry) => entry.id === id);
        return person?.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person?.displayName ?? '?');
      };
      await openModal(
        client,
        body.trigger_id,
        versionsView(ctx.t, file, versions, {
          locale: ctx.locale,
          timeZone: ctx.timezone,
          uploaderLabel: label,
        }),
        { onTop: body.container?.type === 'view' },
      );
      return undefined;
    });
  });
}
