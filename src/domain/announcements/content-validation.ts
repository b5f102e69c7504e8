import {
  type AnnouncementContent,
  type AnnouncementFieldErrors,
  type AnnouncementInput,
  AUDIENCES,
  type Audience,
  CATEGORIES,
  type Category,
  IMPORTANCES,
  type Importance,
  MAX_BODY,
  MAX_CHANNELS,
  MAX_TITLE,
} from './types';

/**
 * The composer's rules, pure: the Slack layer has already asked Slack what each chosen channel is
 * (`ChannelFacts`). Restricted items go only to private channels, or — with no channel at all — as
 * DMs to the audience's members; nothing restricted ever goes to a public channel.
 */

/** A publish time this close to now counts as "now" (the modal was open a while). */
const PAST_GRACE_MS = 60_000;

const length = (text: string) => [...text].length;

export function validateContent(
  input: AnnouncementInput,
  context: { now: Date; departmentExists(key: string): boolean },
): { ok: true; content: AnnouncementContent } | { ok: false; errors: AnnouncementFieldErrors } {
  const errors: AnnouncementFieldErrors = {};
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) errors.title = { code: 'required' };
  else if (length(title) > MAX_TITLE) errors.title = { code: 'too_long', params: { max: MAX_TITLE } };
  if (!body) errors.body = { code: 'required' };
  else if (length(body) > MAX_BODY) errors.body = { code: 'too_long', params: { max: MAX_BODY } };
  if (!(CATEGORIES as readonly string[]).includes(input.category))
    errors.category = { code: input.category ? 'invalid_option' : 'required' };
  if (!(IMPORTANCES as readonly string[]).includes(input.importance))
    errors.importance = { code: input.importance ? 'invalid_option' : 'required' };
  if (!(AUDIENCES as readonly string[]).includes(input.audience))
    errors.audience = { code: input.audience ? 'invalid_option' : 'required' };
  const restricted = input.audience === 'departments';

  const departments = [...new Set(input.departments)];
  if (restricted) {
    const unknown = departments.find((key) => !context.departmentExists(key));
    if (departments.length === 0) errors.departments = { code: 'required' };
    else if (unknown) errors.departments = { code: 'unknown_department', params: { key: unknown } };
  }

  const channels = [...new Map(input.channels.map((c) => [c.id, c])).values()];
  const label = (c: { id: string; name?: string }) => (c.name ? `#${c.name}` : c.id);
  if (channels.length > MAX_CHANNELS)
    errors.channels = { code: 'too_many_channels', params: { max: MAX_CHANNELS } };
  else if (channels.length === 0 && !restricted) errors.channels = { code: 'required' };
  else {
    for (const channel of channels) {
      if (channel.kind === 'unknown')
        errors.channels = { code: 'unknown_channel', params: { channel: channel.id } };
      else if (channel.kind === 'im')
        errors.channels = { code: 'not_a_channel', params: { channel: label(channel) } };
      else if (channel.archived)
        errors.channels = { code: 'archived_channel', params: { channel: label(channel) } };
      else if (restricted && channel.kind === 'public')
        errors.channels = { code: 'public_channel_for_restricted', params: { channel: label(channel) } };
      if (errors.channels) break;
    }
  }

  const now = context.now.getTime();
  if (input.publishAt && input.publishAt.getTime() < now - PAST_GRACE_MS)
    errors.publish_at = { code: 'publish_in_past' };
  if (input.expiresAt) {
    const start = input.publishAt ? input.publishAt.getTime() : now;
    if (input.expiresAt.getTime() <= now) errors.expires_at = { code: 'expiry_in_past' };
    else if (input.expiresAt.getTime() <= start) errors.expires_at = { code: 'expiry_before_publish' };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A publish time within the grace (or none) means "as soon as it is approved".
  const publishAt = input.publishAt && input.publishAt.getTime() > now ? input.publishAt.toISOString() : null;
  return {
    ok: true,
    content: {
      title,
      body,
      category: input.category as Category,
      importance: input.importance as Importance,
      audience: input.audience as Audience,
      departmentKeys: restricted ? departments : [],
      channelIds: channels.map((c) => c.id),
      requireAck: input.requireAck,
      publishAt,
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
    },
  };
}
