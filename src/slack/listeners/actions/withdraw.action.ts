import type { BlockButtonAction } from '@slack/bolt';

import type { SlackDeps } from '../../deps';
import { ACTION_IDS } from '../../ids';
import { ackAfterCommit, contextOf, runAndReport, tellSlow } from '../../interaction';
import { buttonId } from '../../payloads';
import type { UserContext } from '../../user-context';
import type { ListenerApp } from '../router';

/** Withdraw on the requester's tracking card: acknowledged once the withdrawal has committed. */
export function registerWithdrawAction(app: ListenerApp, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ACTION_IDS.withdraw, async ({ ack, body, action, respond }) => {
    const instanceId = buttonId(action);
    if (instanceId === undefined) return ack();
    let known: UserContext | undefined;
    const acked = ackAfterCommit(ack, () => tellSlow(respond, known));
    const ctx = await contextOf(deps, body.user.id);
    known = ctx;
    await runAndReport(deps, ctx, respond, async () => {
      await deps.workflows.withdraw(body.user.id, instanceId).finally(acked.now);
      return undefined;
    });
    await acked.now();
  });
}
