/**
 * Engine settings the composition root may adjust (the domain never reads the environment).
 * `defaultTimeZone` decides "today" for people without a time zone, and the year of references
 * and document numbers.
 */
export interface WorkflowSettings {
  defaultTimeZone: string;
}

const settings: WorkflowSettings = { defaultTimeZone: 'Asia/Taipei' };

export function configureWorkflows(changes: Partial<WorkflowSettings>): void {
  Object.assign(settings, changes);
}

export function workflowSettings(): Readonly<WorkflowSettings> {
  return settings;
}

export const timeZoneOf = (person: { timezone: string | null } | null): string =>
  person?.timezone ?? settings.defaultTimeZone;
