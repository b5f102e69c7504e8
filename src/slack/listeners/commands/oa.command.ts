import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { answersInAck, type OaIo, runOaCommand } from '../../commands/oa.handlers';
import { type OaCommand, parseOaText } from '../../commands/oa-text';
import type { SlackDeps } from '../../deps';
import { interactionOf } from '../../interaction';
import { openModal } from '../../modals';
import { decodeSlackText } from '../../payloads';
import { type Reply, replyForError } from '../../replies';

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
 * everything else acknowledges at once and answers through response_url (ephemeral).
 */
export function registerOaCommand(app: App, deps: SlackDeps): void {
  app.command('/oa', async ({ ack, command, client, respond }) => {
    const parsed = parseOaText(decodeSlackText(command.text));
    if (!answersInAck(parsed)) {
      await ack();
      await answerThrough(respond, await answer(parsed, command, client, deps));
      return;
    }
    const work = answer(parsed, command, client, deps);
    let inTime: Outcome;
    try {
      inTime = await withinBudget(work, ACK_REPLY_BUDGET_MS);
    } catch (error) {
      // Not even the person's language could be read: acknowledge, and let Bolt log the failure.
      await ack();
      throw error;
    }
    if (inTime.done) {
      await ack(inTime.reply ? { response_type: 'ephemeral', ...inTime.reply } : undefined);
      return;
    }
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

/**
 * The answer to `/oa …` (null: the answer was a modal). Refusals and failures become the person's
 * message, in their language.
 */
async function answer(
  parsed: OaCommand,
  command: SlashCommand,
  client: WebClient,
  deps: SlackDeps,
): Promise<Reply | null> {
  // One directory read for the whole interaction: language, time zone and standing.
  const actor = await interactionOf(deps, command.user_id);
  return runOaCommand(parsed, command.user_id, actor, deps, ioFor(command, client)).catch((error: unknown) =>
    replyForError(error, actor.ctx, deps.logger),
  );
}

function ioFor(command: SlashCommand, client: WebClient): OaIo {
  return {
    openModal: async (view) => {
      await openModal(client, command.trigger_id, view);
    },
    slackName: async () => {
      const info = await client.users.info({ user: command.user_id }).catch(() => undefined);
      return info?.user?.real_name || info?.user?.name || undefined;
    },
    sendFile: async ({ filename, content, title, comment }) => {
      const dm = await client.conversations.open({ users: command.user_id });
      await client.filesUploadV2({
        channel_id: dm.channel?.id ?? command.user_id,
        filename,
        title,
        initial_comment: comment,
        content,
      });
    },
  };
}

type Outcome = { done: true; reply: Reply | null } | { done: false };

/** Whether `work` settled within `budgetMs`, and with what; its failure within the budget is thrown. */
function withinBudget(work: Promise<Reply | null>, budgetMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), budgetMs);
    work.then(
      (reply) => {
        clearTimeout(timer);
        resolve({ done: true, reply });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
