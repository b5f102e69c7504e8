/**
 * Which backups to keep: the newest of each of the last `daily` days, of the last `weekly` weeks
 * (Monday to Sunday) and of the last `monthly` months, in the organisation's time zone; a backup
 * kept by any rule stays. The newest backup is always kept. Applied only after a backup has
 * succeeded, so a run of failures never deletes the last good copy.
 */

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface BackupEntry {
  name: string;
  createdAt: Date;
}

function localDate(at: Date, timeZone: string): { day: string; month: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday'));
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    month: `${part('year')}-${part('month')}`,
    weekday,
  };
}

/** The Monday of the local week, as YYYY-MM-DD. */
function weekOf(day: string, weekday: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - weekday);
  return date.toISOString().slice(0, 10);
}

export function backupsToDelete(
  backups: readonly BackupEntry[],
  policy: RetentionPolicy,
  timeZone: string,
): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  const buckets = { daily: new Set<string>(), weekly: new Set<string>(), monthly: new Set<string>() };
  for (const backup of newestFirst) {
    const local = localDate(backup.createdAt, timeZone);
    const keys = { daily: local.day, weekly: weekOf(local.day, local.weekday), monthly: local.month };
    for (const rule of ['daily', 'weekly', 'monthly'] as const) {
      const seen = buckets[rule];
      if (seen.has(keys[rule]) || seen.size >= policy[rule]) continue;
      seen.add(keys[rule]);
      keep.add(backup.name);
    }
  }
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  return newestFirst.filter((backup) => !keep.has(backup.name)).map((backup) => backup.name);
}
