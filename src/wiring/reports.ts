import { SqlIndicators } from '../db/repositories/indicators.repository';
import { RefusedInteractions } from '../db/repositories/refused-interactions.repository';
import { modelsDatabase } from '../db/repositories/transaction';
import { orgStore } from '../db/stores/org.store';
import { createReports, type Reports } from '../domain/supervision/report.service';
import type { RefusalRecorder } from '../domain/supervision/store';
import type { Clock } from '../domain/tx';
import type { WorkflowSettings } from '../domain/workflows/settings';
import { minutesOf } from '../domain/workflows/work-calendar';

/**
 * The supervision reports over the database: the indicators in SQL on the app's connection, the
 * directory's store, and the working calendar of the workflow settings (turnaround and SLA are
 * counted in the same working hours as the deadlines).
 */
export function createSupervisionReports(settings: WorkflowSettings, clock: Clock): Reports {
  return createReports({
    indicators: new SqlIndicators(modelsDatabase),
    directory: {
      findPersonBySlackId: (slackUserId) => orgStore.findPersonBySlackId(slackUserId),
      listDepartments: () => orgStore.listDepartments(),
    },
    clock,
    settings: {
      get calendar() {
        return {
          timeZone: settings.defaultTimeZone,
          dayStartMinute: minutesOf(settings.calendar.dayStart),
          dayEndMinute: minutesOf(settings.calendar.dayEnd),
          workingDays: settings.calendar.workingDays,
        };
      },
    },
  });
}

/** Refused interactions counted on the app's connection, per day in the organisation's zone. */
export function createRefusalRecorder(settings: WorkflowSettings): RefusalRecorder {
  return new RefusedInteractions(modelsDatabase, () => settings.defaultTimeZone);
}
