import type { SlackEmulator } from '@gongwu/slack-emulator';
import type { Locale } from './config';
import type { Directory, RosterEntry } from './domain/org/directory.service';
import type { Logger } from './logger';
import { type Translate, translator } from './slack/i18n';
import { departmentName } from './slack/views/profile.view';
import { createOrg } from './wiring/org';

/**
 * Local mode: who is who, on each person's Slack profile title (shown under their name in the
 * workspace page's switcher), from the directory — roles, departments headed, department,
 * suspension; "Not registered" for people the directory does not know. Written in the
 * organisation's language, and kept up to date as admins change roles and heads.
 */
export function rosterTitle(entry: RosterEntry | undefined, t: Translate, locale: Locale): string {
  if (!entry) return t('roster.unregistered');
  const heads = entry.headOf.map((d) => t('roster.headOf', { department: departmentName(d, locale) }));
  const headsOwn = entry.department && entry.headOf.some((d) => d.key === entry.department?.key);
  return [
    ...entry.roles.map((role) => t(`role.${role}`)),
    ...heads,
    ...(entry.department && !headsOwn ? [departmentName(entry.department, locale)] : []),
    ...(entry.status === 'suspended' ? [t('status.suspended')] : []),
  ].join(' · ');
}

export async function showDirectoryTitles(
  emulator: SlackEmulator,
  locale: Locale,
  directory: Pick<Directory, 'directoryRoster'> = createOrg(),
): Promise<void> {
  const roster = new Map((await directory.directoryRoster()).map((entry) => [entry.slackUserId, entry]));
  const t = translator(locale);
  for (const user of emulator.users())
    if (!user.isBot) emulator.setUserTitle(user.id, rosterTitle(roster.get(user.id), t, locale));
}

/** Refreshes the titles now and every few seconds (a directory is small; unchanged titles are no change). */
export function keepDirectoryTitles(
  emulator: SlackEmulator,
  locale: Locale,
  logger: Logger,
  everyMs = 3000,
): { stop(): void } {
  // One read at a time: a slow database does not pile reads up.
  let busy = false;
  const refresh = () => {
    if (busy) return;
    busy = true;
    void showDirectoryTitles(emulator, locale)
      .catch((error) => logger.warn({ err: error }, 'could not show directory roles in the local workspace'))
      .finally(() => {
        busy = false;
      });
  };
  refresh();
  const timer = setInterval(refresh, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
