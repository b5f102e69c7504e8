import type { Transaction } from 'sequelize';
import { holidayDatesBetween } from '../../db/repositories/workflows-holidays.repository';
import { workflowSettings } from './settings';
import type { TemplateDefinition } from './template-schema';
import { addWorkingHours, calendarOf, type WorkCalendar } from './work-calendar';
import { addDays, todayIn } from './working-days';

/**
 * Due times of tasks: a step's SLA (working hours; the step's, else the template's, else the
 * engine default) counted on the organisation's calendar from when the task was created.
 */

export function slaHoursOf(template: TemplateDefinition, stepKey: string): number {
  const step = template.steps.find((candidate) => candidate.key === stepKey);
  return step?.slaHours ?? template.slaHours ?? workflowSettings().defaultSlaHours;
}

/**
 * A calendar in `timeZone` (the organisation's by default) with the holidays from `from` on, far
 * enough ahead for `hours` of working time even through long holiday seasons.
 */
export async function loadCalendar(
  from: Date,
  hours: number,
  timeZone: string = workflowSettings().defaultTimeZone,
  transaction?: Transaction,
): Promise<WorkCalendar> {
  const { calendar } = workflowSettings();
  const start = addDays(todayIn(timeZone, from), -1);
  const days = Math.ceil((hours / 8) * (7 / Math.max(1, calendar.workingDays.length))) + 45;
  const holidays = await holidayDatesBetween(start, addDays(start, days), transaction);
  return calendarOf(calendar, timeZone, holidays);
}

export async function dueAtFor(
  template: TemplateDefinition,
  stepKey: string,
  createdAt: Date,
  transaction?: Transaction,
): Promise<Date> {
  const hours = slaHoursOf(template, stepKey);
  return addWorkingHours(createdAt, hours, await loadCalendar(createdAt, hours, undefined, transaction));
}
