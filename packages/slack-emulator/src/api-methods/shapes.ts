/** The emulator's records in the JSON shapes Slack's Web API answers with. */
import type { JsonObject } from '../json';
import type { SandboxChannel, SandboxUser } from '../types';

function offsetSeconds(tz: string, at: number): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part?.value ?? '');
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function zoneLabel(tz: string, at: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? tz;
}

export function userObject(user: SandboxUser, opts: { includeLocale: boolean; now: number }): JsonObject {
  const profile: JsonObject = {
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.displayName,
    display_name_normalized: user.displayName,
    title: user.title,
    team: user.teamId,
  };
  if (user.email !== undefined) profile.email = user.email;
  if (user.botId !== undefined) profile.bot_id = user.botId;
  const shape: JsonObject = {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    real_name: user.realName,
    tz: user.tz,
    tz_label: zoneLabel(user.tz, opts.now),
    // Slack reports the offset in force now, so it follows daylight saving time.
    tz_offset: offsetSeconds(user.tz, opts.now),
    profile,
    is_admin: user.isAdmin,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: Math.floor(opts.now / 1000),
  };
  if (opts.includeLocale) shape.locale = user.locale;
  return shape;
}

export function channelObject(
  channel: SandboxChannel,
  botUserId: string,
  opts: { includeNumMembers?: boolean } = {},
): JsonObject {
  const shape: JsonObject = {
    id: channel.id,
    created: channel.created,
    is_archived: channel.isArchived,
    is_im: channel.isIm,
    is_mpim: channel.isMpim,
    is_org_shared: false,
  };
  if (channel.isIm) {
    Object.assign(shape, { user: channel.imUser, is_user_deleted: false, priority: 0 });
  } else {
    Object.assign(shape, {
      name: channel.name,
      name_normalized: channel.name,
      is_channel: !channel.isMpim,
      is_group: false,
      is_private: channel.isPrivate,
      is_general: channel.isGeneral,
      is_shared: false,
      is_ext_shared: false,
      is_member: channel.members.includes(botUserId),
      creator: channel.creator,
      topic: { value: channel.topic, creator: '', last_set: 0 },
      purpose: { value: channel.purpose, creator: '', last_set: 0 },
    });
  }
  if (opts.includeNumMembers) shape.num_members = channel.members.length;
  return shape;
}
