/** The bodies Slack sends to an app, built from the emulator's state. */
import { randomUUID } from 'node:crypto';
import { slackId } from './ids';
import type { JsonObject } from './json';
import type { SandboxChannel, SandboxUser } from './types';
import type { WorkspaceIdentity } from './workspace-state';

export interface AppIdentity extends WorkspaceIdentity {
  /** The legacy verification token Slack still puts in every payload. */
  verificationToken: string;
}

export function userRef(user: SandboxUser): JsonObject {
  return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
}

export function teamRef(identity: AppIdentity): JsonObject {
  return { id: identity.teamId, domain: identity.teamDomain };
}

/** Slack calls DMs `directmessage` and group DMs by their generated name in payloads. */
export function channelName(channel: SandboxChannel): string {
  return channel.isIm ? 'directmessage' : channel.name;
}

export interface CommandFields {
  command: string;
  text: string;
  user: SandboxUser;
  channel: SandboxChannel;
  responseUrl: string;
  triggerId: string;
}

export function commandBody(identity: AppIdentity, fields: CommandFields): string {
  return new URLSearchParams({
    token: identity.verificationToken,
    team_id: identity.teamId,
    team_domain: identity.teamDomain,
    channel_id: fields.channel.id,
    channel_name: channelName(fields.channel),
    user_id: fields.user.id,
    user_name: fields.user.name,
    command: fields.command,
    text: fields.text,
    api_app_id: identity.appId,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

/** Interactivity payloads travel as one form field, `payload`, holding JSON. */
export function interactionBody(payload: JsonObject): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Fields every interactivity payload shares. */
export function interactionBase(identity: AppIdentity, user: SandboxUser, type: string): JsonObject {
  return {
    type,
    user: userRef(user),
    api_app_id: identity.appId,
    token: identity.verificationToken,
    team: teamRef(identity),
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function eventBody(identity: AppIdentity, event: JsonObject, nowMs: number): string {
  return JSON.stringify({
    token: identity.verificationToken,
    team_id: identity.teamId,
    api_app_id: identity.appId,
    event,
    type: 'event_callback',
    event_id: slackId('Ev', 9),
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomUUID()}`,
  });
}

/** A person's plain text as the rich_text block Slack's clients attach to their messages. */
export function richTextBlocks(text: string): JsonObject[] {
  return [
    {
      type: 'rich_text',
      block_id: slackId('', 5).toLowerCase(),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}
