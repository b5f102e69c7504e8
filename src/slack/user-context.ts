import type { WebClient } from '@slack/web-api';
import type { Locale } from '../config';
import type { PersonRecord } from '../db/repositories/org.repository';
import type { Logger } from '../logger';
import { supportedLocale, type Translate, translator } from './i18n';

/**
 * Language and time zone for a Slack user: the person's own choice in the directory first, then
 * their Slack settings (users.info, cached), then the organisation's defaults. A Slack outage
 * degrades to the defaults instead of failing the interaction.
 */

export interface UserContext {
  locale: Locale;
  timezone: string;
  t: Translate;
}

interface SlackSettings {
  locale: Locale | undefined;
  timezone: string | undefined;
  fetchedAt: number;
}

const CACHE_TTL_MS = 10 * 60 * 1000;
const CACHE_MAX = 5000;

export class UserContextResolver {
  private readonly cache = new Map<string, SlackSettings>();

  constructor(
    private readonly client: WebClient,
    private readonly defaults: { locale: Locale; timezone: string },
    private readonly logger: Logger,
  ) {}

  async resolve(slackUserId: string, person: PersonRecord | null): Promise<UserContext> {
    const chosenLocale = supportedLocale(person?.locale);
    const needsSlack = !chosenLocale || !person?.timezone;
    const slack = needsSlack ? await this.slackSettings(slackUserId) : undefined;
    const locale = chosenLocale ?? slack?.locale ?? this.defaults.locale;
    const timezone = person?.timezone ?? slack?.timezone ?? this.defaults.timezone;
    return { locale, timezone, t: translator(locale) };
  }

  /** Forget what Slack told us, e.g. after the person changes their preference. */
  forget(slackUserId: string): void {
    this.cache.delete(slackUserId);
  }

  private async slackSettings(slackUserId: string): Promise<SlackSettings | undefined> {
    const cached = this.cache.get(slackUserId);
    if (cached && Date.now() - cached.fetchedAt < CACHE_TTL_MS) return cached;
    try {
      const response = await this.client.users.info({ user: slackUserId, include_locale: true });
      const settings: SlackSettings = {
        locale: supportedLocale(response.user?.locale),
        timezone: response.user?.tz,
        fetchedAt: Date.now(),
      };
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(slackUserId, settings);
      return settings;
    } catch (error) {
      this.logger.warn(
        { err: error, user: slackUserId },
        'users.info failed; using default locale and time zone',
      );
      return cached;
    }
  }
}
