import { showApprovalsPage } from '../../approvals-list';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import type { ListenerApp } from '../router';

/** `/approvals`: my pending tasks, oldest first, paginated, with the same buttons as the cards. */
export function registerApprovalsCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/approvals', async ({ ack, command, respond }) => {
    await ack();
    const ctx = await contextOf(deps, command.user_id);
    await runAndReport(deps, ctx, respond, async () => {
      await showApprovalsPage(deps.workflows, ctx, command.user_id, 0, respond);
      return undefined;
    });
  });
}
