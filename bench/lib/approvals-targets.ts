/**
 * The approvals benchmark's baseline app, run inside a target process (target-process.ts): Bolt's
 * HTTPReceiver and an Approve listener that acknowledges and at once updates the clicked card in
 * place with one chat.update — no database, no queue, no outbox. It is the floor of the decision
 * phase on this machine: the same emulator, the same signed block_actions, the same WebClient.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockButtonAction, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { ACTION_IDS } from '../../src/slack/ids';
import type { RunningApp, SlackSide } from './targets';

export async function startBareApprove(slack: SlackSide): Promise<RunningApp> {
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events' });
  const app = new App({
    token: slack.botToken,
    receiver,
    deferInitialization: true,
    clientOptions: { slackApiUrl: slack.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.action<BlockButtonAction>(ACTION_IDS.approve, async ({ ack, body, client }) => {
    await ack();
    const message = body.message;
    if (!message || !body.channel) return;
    const blocks = ((message.blocks ?? []) as KnownBlock[]).filter((block) => block.type !== 'actions');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `✅ Approved by <@${body.user.id}>` },
    });
    await client.chat.update({
      channel: body.channel.id,
      ts: message.ts,
      text: String(message.text ?? ''),
      blocks,
    });
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}
