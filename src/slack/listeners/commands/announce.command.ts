import { answering } from '../../announcements/refusals';
import type { SlackDeps } from '../../deps';
import { contextOf, runAndReport } from '../../interaction';
import { decodeSlackText } from '../../payloads';
import type { ListenerApp } from '../router';
import { runAnnounceCommand } from './announce';

/** `/announce …`: every subcommand is checked again by the domain; refusals are told privately. */
export function registerAnnounceCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/announce', async ({ ack, command, client, respond }) => {
    await ack();
    const ctx = await contextOf(deps, command.user_id);
    const io = { client, triggerId: command.trigger_id, respond };
    await runAndReport(deps, ctx, respond, () =>
      answering(ctx.t, () =>
        runAnnounceCommand(deps, decodeSlackText(command.text), command.user_id, ctx, io),
      ),
    );
  });
}
