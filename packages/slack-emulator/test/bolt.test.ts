/**
 * The emulator against a real Bolt app in HTTP mode: Bolt's own signature check, body parsing,
 * ack() responses, respond() over response_url and its WebClient must all work unchanged.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { SlackEmulator } from '../src';

const pt = (text: string) => ({ type: 'plain_text' as const, text });

const leaveModal = {
  type: 'modal' as const,
  callback_id: 'leave',
  title: pt('Leave'),
  submit: pt('Send'),
  blocks: [
    {
      type: 'input' as const,
      block_id: 'days',
      label: pt('Days'),
      element: { type: 'number_input' as const, action_id: 'n', is_decimal_allowed: false },
    },
  ],
};

let emu: SlackEmulator;
let app: App;

beforeEach(async () => {
  emu = new SlackEmulator();
  await emu.start();
  emu.addUser({ id: 'U0ALICE', name: 'alice' });
  app = new App({
    token: emu.botToken,
    signingSecret: emu.signingSecret,
    clientOptions: { slackApiUrl: emu.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.command('/leave', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: leaveModal });
  });
  app.view('leave', async ({ ack, view, client, body }) => {
    const days = Number(view.state.values.days?.n?.value);
    if (days > 2) {
      await ack({ response_action: 'errors', errors: { days: 'Only 2 days left' } });
      return;
    }
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: `Request for ${days} days`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `Request for ${days} days` } },
        {
          type: 'actions',
          elements: [{ type: 'button', text: pt('Withdraw'), action_id: 'withdraw', value: 'r1' }],
        },
      ],
    });
  });
  app.action('withdraw', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Withdrawn' });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: pt('Hi') }] },
    });
  });
  app.message('hello', async ({ say }) => {
    await say('hello yourself');
  });
  const server = await app.start(0);
  emu.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterEach(async () => {
  await app.stop();
  await emu.stop();
});

it('runs a command → modal → errors → submit → button → respond flow through Bolt', async () => {
  const alice = emu.as('U0ALICE');
  expect((await alice.command('/leave')).status).toBe(200);
  await emu.waitFor(() => emu.openViews('U0ALICE').length === 1, { description: 'the leave modal' });

  await alice.fillModal({ Days: 5 });
  expect(await alice.submitView()).toMatchObject({ outcome: 'errors', errors: { days: 'Only 2 days left' } });

  await alice.fillModal({ Days: 2 });
  expect((await alice.submitView()).outcome).toBe('closed');
  await emu.waitFor(() => emu.messages('U0ALICE').length === 1, { description: 'the request message' });

  expect((await alice.clickButton({ label: 'Withdraw' })).status).toBe(200);
  await emu.waitFor(() => emu.messages('U0ALICE')[0]?.text === 'Withdrawn', {
    description: 'the replaced message',
  });
  expect(emu.callsTo('response_url')).toEqual([expect.objectContaining({ ok: true })]);
});

it('delivers events Bolt dispatches to its listeners', async () => {
  const alice = emu.as('U0ALICE');
  expect((await alice.openHome()).status).toBe(200);
  await emu.waitFor(() => emu.home('U0ALICE'), { description: 'the Home tab' });

  await alice.sendDm('hello bot');
  await emu.waitFor(() => emu.messages('U0ALICE').some((m) => m.text === 'hello yourself'), {
    description: 'the reply',
  });
});

it('is refused by Bolt with a bad signature or a stale timestamp', async () => {
  const body = 'command=%2Fleave&text=';
  expect((await emu.deliver('command', body, { signature: 'v0=00' })).status).toBe(401);
  expect(
    (await emu.deliver('command', body, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status,
  ).toBe(401);
});
