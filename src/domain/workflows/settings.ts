import { type CalendarSettings, DEFAULT_CALENDAR } from './work-calendar';

/**
 * Engine settings the composition root may adjust (the domain never reads the environment).
 * `defaultTimeZone` decides "today" for people without a time zone, and the year of references
 * and document numbers; it is also the organisation's time zone for working hours.
 */
export interface WorkflowSettings {
  defaultTimeZone: string;
  /** Working days and hours of the organisation (and of each person, in their own time zone). */
  calendar: CalendarSettings;
  /** SLA of a step in working hours when neither the step nor its template sets one. */
  defaultSlaHours: number;
  deadlines: DeadlineSettings;
  digests: DigestSettings;
}

export interface DigestSettings {
  /** Local time ("HH:MM", each approver's own zone) of the daily digest; null: no digests. */
  dailyAt: string | null;
  /** At most this many tasks are listed in a digest (the others are counted); 1–20. */
  maxItems: number;
  /** The weekly overdue summary to admins: weekday (0 = Sunday) and "HH:MM" in the organisation's zone; null: none. */
  weekly: { day: number; at: string } | null;
}

export interface DeadlineSettings {
  /** When approvers are reminded, as fractions of the SLA (1 = at the due time). */
  reminderPoints: readonly number[];
  /** At most this many scheduled reminders per task. */
  maxReminders: number;
  /** Working hours after the due time before the task is escalated (0 = at once). */
  escalateAfterHours: number;
  /** A requester may nudge a task's approver at most once per this many minutes. */
  nudgeIntervalMinutes: number;
}

/** The settings when the composition root changes none. */
export const DEFAULT_WORKFLOW_SETTINGS: Readonly<WorkflowSettings> = {
  defaultTimeZone: 'Asia/Taipei',
  calendar: DEFAULT_CALENDAR,
  defaultSlaHours: 16,
  deadlines: { reminderPoints: [0.5, 1], maxReminders: 2, escalateAfterHours: 0, nudgeIntervalMinutes: 60 },
  digests: { dailyAt: '08:30', maxItems: 10, weekly: { day: 1, at: '09:00' } },
};

/** Changes to some settings (deadlines and digests field by field). */
export type WorkflowSettingsChanges = Partial<Omit<WorkflowSettings, 'deadlines' | 'digests'>> & {
  deadlines?: Partial<DeadlineSettings>;
  digests?: Partial<DigestSettings>;
};

/** `base` with `changes` applied (a new object; `base` is left as it is). */
export function workflowSettingsWith(
  changes: WorkflowSettingsChanges,
  base: Readonly<WorkflowSettings> = DEFAULT_WORKFLOW_SETTINGS,
): WorkflowSettings {
  const { deadlines, digests, ...rest } = changes;
  return {
    ...base,
    ...rest,
    deadlines: { ...base.deadlines, ...deadlines },
    digests: { ...base.digests, ...digests },
  };
}

export const timeZoneOf = (
  settings: Pick<WorkflowSettings, 'defaultTimeZone'>,
  person: { timezone: string | null } | null,
): string => person?.timezone ?? settings.defaultTimeZone;
