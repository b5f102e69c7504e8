import type { WorkflowDeps } from './deps';
import type { WorkflowSettings } from './settings';
import type { Tx } from './store';
import type { TemplateDefinition } from './template-schema';
import { addWorkingHours, calendarOf, type WorkCalendar } from './work-calendar';
import { addDays, todayIn } from './working-days';

/**
 * Due times of tasks: a step's SLA (working hours; the step's, else the template's, else the
 * engine default) counted on the organisation's calendar from when the task was created.
 */

export function slaHoursOf(
  settings: Pick<WorkflowSettings, 'defaultSlaHours'>,
  template: TemplateDefinition,
  stepKey: string,
): number {
  const step = template.steps.find((candidate) => candidate.key === stepKey);
  return step?.slaHours ?? template.slaHours ?? settings.defaultSlaHours;
}

/**
 * A calendar in `timeZone` (the organisation's by default) with the holidays from `from` on, far
 * enough ahead for `hours` of working time even through long holiday seasons.
 */
export async function loadCalendar(
  deps: Pick<WorkflowDeps, 'store' | 'settings'>,
  from: Date,
  hours: number,
  timeZone: string = deps.settings.defaultTimeZone,
  transaction?: Tx,
): Promise<WorkCalendar> {
  const { calendar } = deps.settings;
  const start = addDays(todayIn(timeZone, from), -1);
  const days = Math.ceil((hours / 8) * (7 / Math.max(1, calendar.workingDays.length))) + 45;
  const holidays = await deps.store.holidayDatesBetween(start, addDays(start, days), transaction);
  return calendarOf(calendar, timeZone, holidays);
}

export async function dueAtFor(
  deps: Pick<WorkflowDeps, 'store' | 'settings'>,
  template: TemplateDefinition,
  stepKey: string,
  createdAt: Date,
  transaction?: Tx,
): Promise<Date> {
  const hours = slaHoursOf(deps.settings, template, stepKey);
  return addWorkingHours(
    createdAt,
    hours,
    await loadCalendar(deps, createdAt, hours, undefined, transaction),
  );
}
