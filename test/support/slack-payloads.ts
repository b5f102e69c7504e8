import type { SlackEmulator } from '@gongwu/slack-emulator';
import type { BlockButtonAction, SlashCommand, ViewStateValue, ViewSubmitAction } from '@slack/bolt';

/**
 * What Slack sends the app for a slash command, a button click and a modal submission, built by
 * hand for the tests that must send what no real client would (forged, stale or malformed input).
 * The shapes are Slack's as Bolt types them, filled in as the emulator fills them
 * (packages/slack-emulator/src/payloads.ts); a test names only what matters to it. A click the emulator can make
 * itself (`emulator.as(user).clickButton`) needs none of this.
 */

/** The emulator's workspace unless it is told otherwise (SlackEmulator's defaults). */
export const SANDBOX = { teamId: 'T0SANDBOX', teamDomain: 'sandbox', appId: 'A0SANDBOX', botId: 'B0SANDBOX' };

/** A placeholder trigger_id; pass `emulator.createTriggerId(user)` where the app opens a view with it. */
const ANY_TRIGGER = '1.2.3';

const userName = (userId: string) => userId.toLowerCase();

/** Slack names a DM `directmessage` in payloads; a channel goes by its own name. */
const channelName = (fields: { channel: string; channelName?: string }) =>
  fields.channelName ?? 'directmessage';

export interface CommandFields {
  user: string;
  command: string;
  text?: string;
  /** Where the command was typed: a DM unless `channelName` names a channel. */
  channel: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
  /** The legacy verification token; apps that verify signatures ignore it. */
  token?: string;
}

export function slashCommand(fields: CommandFields): SlashCommand {
  return {
    token: fields.token ?? 'legacy',
    team_id: SANDBOX.teamId,
    team_domain: SANDBOX.teamDomain,
    channel_id: fields.channel,
    channel_name: channelName(fields),
    user_id: fields.user,
    user_name: userName(fields.user),
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: SANDBOX.appId,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? ANY_TRIGGER,
  };
}

/** A slash command travels as a form, one field per property. */
export const commandBody = (command: SlashCommand): string =>
  new URLSearchParams(command as Record<string, string>).toString();

export interface ClickFields {
  user: string;
  actionId: string;
  value: string;
  blockId?: string;
  /** The DM holding the message the button is on, or a channel with its `channelName`. */
  channel: string;
  channelName?: string;
  messageTs?: string;
  /** Slack sends one for a click in a message; left out, the app has no way to answer the click. */
  responseUrl?: string;
  triggerId?: string;
}

/** A click whose response_url may be missing: a forged click need not carry one. */
export type ButtonClick = Omit<BlockButtonAction, 'response_url'> & { response_url?: string };

export function buttonClick(fields: ClickFields): ButtonClick {
  return {
    type: 'block_actions',
    user: {
      id: fields.user,
      username: userName(fields.user),
      name: userName(fields.user),
      team_id: SANDBOX.teamId,
    },
    team: { id: SANDBOX.teamId, domain: SANDBOX.teamDomain },
    api_app_id: SANDBOX.appId,
    token: 'legacy',
    is_enterprise_install: false,
    trigger_id: fields.triggerId ?? ANY_TRIGGER,
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    container: {
      type: 'message',
      message_ts: fields.messageTs ?? '1700000000.000100',
      channel_id: fields.channel,
      is_ephemeral: false,
    },
    channel: { id: fields.channel, name: channelName(fields) },
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: fields.blockId ?? 'forged',
        value: fields.value,
        action_ts: String(Date.now() / 1000),
        text: { type: 'plain_text', text: fields.actionId },
      },
    ],
  };
}

/** The state of a submitted modal: block id → action id → the element's value. */
export type ViewValues = Record<string, Record<string, ViewStateValue>>;

export interface SubmissionFields {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values?: ViewValues;
  viewId?: string;
  triggerId?: string;
}

export function viewSubmission(fields: SubmissionFields): ViewSubmitAction {
  const viewId = fields.viewId ?? 'V0FORGED';
  return {
    type: 'view_submission',
    user: { id: fields.user, name: userName(fields.user), team_id: SANDBOX.teamId },
    team: { id: SANDBOX.teamId, domain: SANDBOX.teamDomain },
    api_app_id: SANDBOX.appId,
    token: 'legacy',
    is_enterprise_install: false,
    trigger_id: fields.triggerId ?? ANY_TRIGGER,
    view: {
      id: viewId,
      type: 'modal',
      team_id: SANDBOX.teamId,
      app_id: SANDBOX.appId,
      bot_id: SANDBOX.botId,
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata,
      title: { type: 'plain_text', text: 'Request' },
      blocks: [],
      close: null,
      submit: null,
      state: { values: fields.values ?? {} },
      hash: '1.abc',
      root_view_id: viewId,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
  };
}

/** A chosen option as Slack reports it in a view's state. */
export const option = (value: string, text = value) => ({
  text: { type: 'plain_text' as const, text },
  value,
});

/** Interactivity payloads travel as one form field, `payload`, holding JSON. */
export const interactionBody = (payload: object): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Sends a hand-built click or submission to the app, signed, as Slack would. */
export const sendInteraction = (emulator: SlackEmulator, payload: ButtonClick | ViewSubmitAction) =>
  emulator.deliver('interaction', interactionBody(payload));
