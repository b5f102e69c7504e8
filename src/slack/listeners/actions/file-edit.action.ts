import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { parseFileButtonValue, runFileAction } from '../../files/file-actions';
import { filePersonId } from '../../files/file-card';
import { FILE_ACTION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import { openModal } from '../../modals';
import { fileFormView } from '../../views/files/upload-form.view';
import type { ListenerApp } from '../router';

/** Edit details (owners): the upload form's fields and scope, filled in with the file's own. */
export function registerFileEditAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTION_IDS.edit, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runFileAction(deps, ctx, { client, respond, body }, async () => {
      const target = parseFileButtonValue(action.value);
      if (!target) return { text: ctx.t('files.refusal.notFound', { reference: '?' }) };
      const { file, access } = await deps.files.open(
        await filePersonId(deps, body.user.id),
        target.reference,
      );
      if (access.level !== 'owner')
        return { text: ctx.t('files.refusal.notOwner', { reference: file.reference }) };
      const [categories, departments, people] = await Promise.all([
        deps.files.categories(),
        deps.files.departments(),
        deps.files.people(file.scope.personIds),
      ]);
      await openModal(
        client,
        body.trigger_id,
        fileFormView(ctx.t, {
          mode: 'edit',
          locale: ctx.locale,
          categories,
          departments,
          privateMetadata: JSON.stringify({ reference: file.reference }),
          initial: {
            title: file.title,
            abstract: file.abstract,
            keywords: file.keywords.join(', '),
            categoryId: file.categoryId,
            departmentId: file.departmentId,
            confidentiality: file.confidentiality,
            everyone: file.scope.everyone,
            departmentIds: file.scope.departmentIds,
            includeSubDepartments: file.scope.includeSubDepartments,
            peopleSlackIds: people.flatMap((person) => (person.slackUserId ? [person.slackUserId] : [])),
            channelIds: file.scope.channelIds,
          },
        }),
      );
      return undefined;
    });
  });
}
