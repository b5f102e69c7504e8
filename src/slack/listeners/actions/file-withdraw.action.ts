import type { BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { parseFileButtonValue, runFileAction } from '../../files/file-actions';
import { filePersonId } from '../../files/file-card';
import { FILE_ACTION_IDS } from '../../ids';
import { contextOf } from '../../interaction';
import type { ListenerApp } from '../router';

/** Withdraw (owners, after Slack's confirm dialog): hidden from all but its owners; versions kept. */
export function registerFileWithdrawAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(FILE_ACTION_IDS.withdraw, async ({ ack, body, action, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, body.user.id);
    await runFileAction(deps, ctx, { client, respond, body }, async () => {
      const target = parseFileButtonValue(action.value);
      if (!target) return { text: ctx.t('files.refusal.notFound', { reference: '?' }) };
      const file = await deps.files.withdraw(await filePersonId(deps, body.user.id), target.reference);
      return { text: ctx.t('files.withdraw.done', { reference: file.reference }) };
    });
  });
}
