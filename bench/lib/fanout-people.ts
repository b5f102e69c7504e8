import type { SlackEmulator } from '@gongwu/slack-emulator';
import type { Sequelize } from 'sequelize';

/**
 * Bench people in bulk: Slack user ids `<prefix>000000…`, added to the emulator and, when the app
 * must know them (an acknowledgement needs an active person), to the organisation directory with
 * a locale and time zone set — as a directory import would — so no click asks Slack for them.
 */
export function benchPeople(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(6, '0')}`);
}

export function addToEmulator(emulator: SlackEmulator, people: readonly string[]): void {
  for (const id of people) emulator.addUser({ id, name: id.toLowerCase() });
}

export async function addToDirectory(sequelize: Sequelize, people: readonly string[]): Promise<void> {
  const page = 5000;
  for (let start = 0; start < people.length; start += page) {
    await sequelize.query(
      `INSERT INTO people (slack_user_id, name, roles, status, locale, timezone, created_at, updated_at)
       SELECT id, 'Reader ' || id, ARRAY['user']::varchar[], 'active', 'en', 'Asia/Taipei', now(), now()
       FROM unnest(ARRAY[:ids]::varchar[]) AS id`,
      { replacements: { ids: people.slice(start, start + page) } },
    );
  }
}
