import type { RespondFn } from '@slack/bolt';
import { withinBudget } from '../../ack-budget';
import type { SlackDeps } from '../../deps';
import { interactionOf } from '../../interaction';
import { decodeSlackText } from '../../payloads';
import { type Reply, replyForError } from '../../replies';
import type { ListenerApp } from '../router';
import { answersInAck, ioFor, parseOaText, runOaCommand } from './oa';

/**
 * How long `/oa` may take to prepare an answer that goes in the acknowledgement itself. Slack
 * shows the person "operation_timeout" when no acknowledgement arrives within 3 s of the command;
 * the other half is left for the network both ways, the receiver and a busy event loop. Past it
 * the command is acknowledged empty and the answer, once ready, goes through response_url.
 */
export const ACK_REPLY_BUDGET_MS = 1_500;

/**
 * `/oa …`. Help, whoami and other answers that need at most a read of the directory are sent in
 * the acknowledgement (no second request to Slack, and the person sees the answer at once);
 * everything else acknowledges at once and answers through response_url (ephemeral). Refusals and
 * failures become the person's message, in their language.
 */
export function registerOaCommand(app: ListenerApp, deps: SlackDeps): void {
  app.command('/oa', async ({ ack, command, client, respond }) => {
    const parsed = parseOaText(decodeSlackText(command.text));
    // One directory read for the whole interaction: language, time zone and standing.
    const answer = () =>
      interactionOf(deps, command.user_id).then((actor) =>
        runOaCommand(parsed, command.user_id, actor, deps, ioFor(command, client, deps)).catch(
          (error: unknown) => replyForError(error, actor.ctx, deps),
        ),
      );
    if (!answersInAck(parsed)) {
      await ack();
      return answerThrough(respond, await answer());
    }
    const work = answer();
    // Not even the person's language could be read: acknowledge, and let Bolt log the failure.
    const inTime = await withinBudget(work, ACK_REPLY_BUDGET_MS).catch((error: unknown) =>
      ack().then(() => Promise.reject(error)),
    );
    if (inTime.done) return ack(inTime.value ? { response_type: 'ephemeral', ...inTime.value } : undefined);
    await ack();
    deps.logger.warn(
      { budgetMs: ACK_REPLY_BUDGET_MS },
      '/oa answer not ready within the ack budget; answering through response_url',
    );
    await answerThrough(respond, await work);
  });
}

async function answerThrough(respond: RespondFn, reply: Reply | null): Promise<void> {
  if (reply) await respond({ response_type: 'ephemeral', ...reply });
}
