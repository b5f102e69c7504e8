import type { ViewStateValue } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type {
  AnnouncementFieldErrors,
  AnnouncementInput,
  ChannelFacts,
  ComposerField,
} from '../../domain/announcements';
import type { Translate } from '../i18n';
import { COMPOSER_ACTION, COMPOSER_BLOCKS, REQUIRE_ACK_OPTION } from '../views/announcements/composer.view';

/**
 * Reading the composer's submission, and what Slack says about the chosen channels. The values
 * are only what the person typed: the domain validates everything again.
 */
type StateValues = Record<string, Record<string, ViewStateValue>>;

export function readComposer(
  values: StateValues,
): Omit<AnnouncementInput, 'channels'> & { channelIds: string[] } {
  // A forged submission can carry anything: every value is type-checked before use.
  const field = (block: string) => values[block]?.[COMPOSER_ACTION] as Record<string, unknown> | undefined;
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const option = (value: unknown) => str((value as { value?: unknown } | null | undefined)?.value);
  const options = (value: unknown) => (Array.isArray(value) ? value.map(option).filter(Boolean) : []);
  const time = (block: string) => {
    const seconds = field(block)?.selected_date_time;
    return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
  };
  return {
    title: str(field(COMPOSER_BLOCKS.title)?.value),
    body: str(field(COMPOSER_BLOCKS.body)?.value),
    category: option(field(COMPOSER_BLOCKS.category)?.selected_option),
    importance: option(field(COMPOSER_BLOCKS.importance)?.selected_option) || 'normal',
    audience: option(field(COMPOSER_BLOCKS.audience)?.selected_option) || 'everyone',
    departments: options(field(COMPOSER_BLOCKS.departments)?.selected_options),
    channelIds: strings(field(COMPOSER_BLOCKS.channels)?.selected_conversations),
    requireAck: options(field(COMPOSER_BLOCKS.options)?.selected_options).includes(REQUIRE_ACK_OPTION),
    publishAt: time(COMPOSER_BLOCKS.publish_at),
    expiresAt: time(COMPOSER_BLOCKS.expires_at),
  };
}

const MAX_LOOKUPS = 25;

/** conversations.info for each chosen channel (at most a few; the composer allows 20). */
export async function channelFacts(client: WebClient, ids: readonly string[]): Promise<ChannelFacts[]> {
  const unique = [...new Set(ids)].slice(0, MAX_LOOKUPS);
  return Promise.all(
    unique.map(async (id): Promise<ChannelFacts> => {
      try {
        const info = await client.conversations.info({ channel: id });
        const channel = info.channel;
        if (!channel) return { id, kind: 'unknown' };
        const kind = channel.is_im || channel.is_mpim ? 'im' : channel.is_private ? 'private' : 'public';
        return {
          id,
          kind,
          ...(channel.name ? { name: channel.name } : {}),
          archived: channel.is_archived === true,
        };
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === 'channel_not_found') return { id, kind: 'unknown' };
        throw error;
      }
    }),
  );
}

/** Field errors under their blocks, in the person's language. */
export function composerErrors(t: Translate, errors: AnnouncementFieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, error] of Object.entries(errors) as [
    ComposerField,
    NonNullable<AnnouncementFieldErrors[ComposerField]>,
  ][]) {
    const block = COMPOSER_BLOCKS[field];
    out[block] = t(`ann.error.${error.code}`, error.params ?? {}).slice(0, 2000);
  }
  return out;
}
