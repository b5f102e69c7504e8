import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { parseFileButtonValue, runFileAction } from '../../files/file-actions';
import { filePersonId } from '../../files/file-card';
import { megabytes } from '../../files/file-refusals';
import { fileLimitsOf } from '../../files/upload-modal';
import { FILE_ACTION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { newVersionView } from '../../views/files/upload-form.view';
import type { ListenerApp } from '../router';

/** New version (owners): the modal with a file, a label greater than the current one, a note. */
export function registerFileNewVersionAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(
    FILE_ACTION_IDS.newVersion,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const ctx = await contextOf(deps, body.user.id);
      await runFileAction(deps, ctx, { client, respond, body }, async () => {
        const target = parseFileButtonValue(action.value);
        if (!target) return { text: ctx.t('files.refusal.notFound', { reference: '?' }) };
        const opened = await deps.files.open(await filePersonId(deps, body.user.id), target.reference);
        if (opened.access.level !== 'owner')
          return { text: ctx.t('files.refusal.notOwner', { reference: opened.file.reference }) };
        const limits = fileLimitsOf(deps);
        await openModal(
          client,
          body.trigger_id,
          newVersionView(
            ctx.t,
            {
              reference: opened.file.reference,
              title: opened.file.title,
              currentLabel: opened.current?.label ?? '—',
            },
            { filetypes: limits.allowed, maxMb: megabytes(limits.maxBytes) },
          ),
        );
        return undefined;
      });
    },
  );
}
