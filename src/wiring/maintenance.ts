import type { Sequelize } from 'sequelize';
import { SqlMaintenanceLog } from '../db/repositories/maintenance-log.repository';
import { modelsDatabase } from '../db/repositories/transaction';
import { orgStore } from '../db/stores/org.store';
import { createMaintenanceLog, type MaintenanceLog } from '../domain/maintenance/maintenance-log.service';
import { type Clock, systemClock } from '../domain/tx';
import { currentRequestId, type Logger } from '../logger';

/**
 * The maintenance log over its SQL table: on the app's connection (main.ts) or on a CLI's own
 * (`database`). A write that fails is a warning in the server log, never an error of the caller.
 */
export function createMaintenanceLogService(options: {
  timeZone: string;
  logger: Logger;
  clock?: Clock;
  database?: () => Sequelize;
}): MaintenanceLog {
  return createMaintenanceLog({
    store: new SqlMaintenanceLog(options.database ?? modelsDatabase),
    directory: { findPersonBySlackId: (slackUserId) => orgStore.findPersonBySlackId(slackUserId) },
    clock: options.clock ?? systemClock,
    timeZone: options.timeZone,
    requestId: currentRequestId,
    onWriteFailed: (error, entry, dropped) =>
      options.logger.warn(
        { err: error, kind: entry.kind, summary: entry.summary, dropped },
        dropped
          ? 'maintenance log full of unwritten entries; the oldest was dropped'
          : 'maintenance log entry not written yet; kept for the next write',
      ),
  });
}
