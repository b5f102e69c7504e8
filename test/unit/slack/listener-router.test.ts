import { App, type BlockButtonAction, LogLevel, type Receiver } from '@slack/bolt';
import { listenerRouter } from '../../../src/slack/listeners/router';

/** The router dispatches exactly as Bolt's own string matching would, through Bolt's pipeline. */

const receiver: Receiver = {
  init: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};

function newApp() {
  const errors: unknown[] = [];
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT' }),
    logLevel: LogLevel.ERROR,
    convoStore: false,
  });
  app.error(async (error) => {
    errors.push(error);
  });
  const deliver = (body: Record<string, unknown>) => app.processEvent({ body, ack: async () => undefined });
  return { app, router: listenerRouter(app), errors, deliver };
}

const command = (name: string) => ({
  command: name,
  text: 'help',
  user_id: 'U1',
  channel_id: 'D1',
  team_id: 'T1',
  response_url: 'http://127.0.0.1:1/r',
  trigger_id: '1.2.3',
});
const blockAction = (actionId: string, blockId = 'b') => ({
  type: 'block_actions',
  user: { id: 'U1' },
  team: { id: 'T1' },
  channel: { id: 'C1' },
  actions: [{ type: 'button', action_id: actionId, block_id: blockId, action_ts: '1' }],
});
const view = (type: 'view_submission' | 'view_closed', callbackId: string) => ({
  type,
  user: { id: 'U1' },
  team: { id: 'T1' },
  view: { id: 'V1', callback_id: callbackId, team_id: 'T1', state: { values: {} } },
});

describe('listener router', () => {
  it('runs the listener registered for the command name, and only that one', async () => {
    const { router, deliver } = newApp();
    const seen: string[] = [];
    router.command('/oa', async ({ command: c }) => {
      seen.push(`oa:${c.text}`);
    });
    router.command('/leave', async () => {
      seen.push('leave');
    });
    await deliver(command('/oa'));
    await deliver(command('/other'));
    expect(seen).toEqual(['oa:help']);
  });

  it('matches actions by action_id and views by callback_id on view_submission only', async () => {
    const { router, deliver } = newApp();
    const seen: string[] = [];
    router.action<BlockButtonAction>('approve', async ({ action }) => {
      seen.push(`approve:${action.block_id}`);
    });
    router.view('form', async ({ view: v }) => {
      seen.push(`form:${v.id}`);
    });
    await deliver(blockAction('approve', 'card'));
    await deliver(blockAction('reject'));
    await deliver(view('view_submission', 'form'));
    await deliver(view('view_closed', 'form'));
    await deliver(view('view_submission', 'other'));
    expect(seen).toEqual(['approve:card', 'form:V1']);
  });

  it('matches events by type, and leaves what no route takes to Bolt’s own listeners', async () => {
    const { app, router, deliver } = newApp();
    const seen: string[] = [];
    router.event('app_home_opened', async ({ event }) => {
      seen.push(`home:${event.user}`);
    });
    app.event('member_joined_channel', async () => {
      seen.push('bolt:member_joined_channel');
    });
    const event = (type: string) => ({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: `Ev${type}`,
      event_time: 1,
      event: { type, user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.0' },
    });
    await deliver(event('app_home_opened'));
    await deliver(event('member_joined_channel'));
    await deliver(event('reaction_added'));
    expect(seen).toEqual(['home:U1', 'bolt:member_joined_channel']);
  });

  it('hands other forms to Bolt unchanged (RegExp ids, with their context matches)', async () => {
    const { router, deliver } = newApp();
    const seen: unknown[] = [];
    router.action(/^start:(\w+)$/, async ({ context }) => {
      seen.push(context.actionIdMatches?.[1]);
    });
    await deliver(blockAction('start:leave'));
    expect(seen).toEqual(['leave']);
  });

  it('passes a listener’s failure to the app’s error handler', async () => {
    const { router, deliver, errors } = newApp();
    router.command('/oa', async () => {
      throw new Error('boom');
    });
    await deliver(command('/oa'));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('boom');
  });

  it('refuses a second listener for the same key', () => {
    const { router } = newApp();
    router.command('/oa', async () => undefined);
    expect(() => router.command('/oa', async () => undefined)).toThrow(/already registered/);
  });
});
