/**
 * When the scheduled backup and restore drill are due, as slots the database records
 * (`backup_runs.slot`): the daily backup at `backupAt` local time (slot `daily-YYYY-MM-DD`), the
 * monthly drill on `drillDay` at `drillAt` (slot `monthly-YYYY-MM`). A slot is due from its time
 * until the end of its day (or month): a process that was down at 02:00 makes the backup when it
 * starts, and a slot that already succeeded is skipped by its row.
 */

export interface BackupSchedule {
  /** "HH:MM" in the organisation's zone; null: no scheduled backups. */
  backupAt: string | null;
  /** Day of the month (1–28) of the drill; null: no scheduled drills. */
  drillDay: number | null;
  drillAt: string;
  timeZone: string;
}

export interface DueSlots {
  backup: string | null;
  drill: string | null;
}

function local(now: Date, timeZone: string): { date: string; month: string; day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    month: `${part('year')}-${part('month')}`,
    day: Number(part('day')),
    minute: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function dueSlots(now: Date, schedule: BackupSchedule): DueSlots {
  const at = local(now, schedule.timeZone);
  const backup =
    schedule.backupAt !== null && at.minute >= minutesOf(schedule.backupAt) ? `daily-${at.date}` : null;
  const drillDue =
    schedule.drillDay !== null &&
    (at.day > schedule.drillDay ||
      (at.day === schedule.drillDay && at.minute >= minutesOf(schedule.drillAt)));
  return { backup, drill: drillDue ? `monthly-${at.month}` : null };
}
