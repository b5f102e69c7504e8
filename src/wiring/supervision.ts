import { readFile } from 'node:fs/promises';
import { SqlAuditQuery } from '../db/repositories/audit-query.repository';
import { SqlFindingStore } from '../db/repositories/findings.repository';
import { SqlIndicators } from '../db/repositories/indicators.repository';
import { modelsDatabase } from '../db/repositories/transaction';
import { auditStore } from '../db/stores/audit.store';
import { orgStore } from '../db/stores/org.store';
import { createAuditLog } from '../domain/audit/audit.service';
import { type AuditReader, createAuditReader } from '../domain/supervision/audit-reader';
import {
  DEFAULT_SCORECARD,
  parseScorecardYaml,
  type ScorecardConfigResult,
} from '../domain/supervision/scorecard';
import { createScorecards, type Scorecards } from '../domain/supervision/scorecard.service';
import { createSpotChecks, type SpotChecks } from '../domain/supervision/spot-check.service';
import type { Clock } from '../domain/tx';
import type { WorkflowSettings } from '../domain/workflows/settings';
import { minutesOf } from '../domain/workflows/work-calendar';

export interface SupervisionSettings {
  /** The admins' scorecard YAML (SCORECARD_FILE); absent: the documented defaults. */
  scorecardFile?: string | undefined;
  /** Open findings older than this many working days are chased daily (default 2). */
  remindAfterWorkingDays?: number;
}

/**
 * The scorecard file, read at each `/oa scorecard` so the admins' edit needs no restart. A file
 * named but missing is a problem said to the reader, not a silent fall-back to the defaults.
 */
export function scorecardConfigLoader(file: string | undefined): () => Promise<ScorecardConfigResult> {
  return async () => {
    if (!file) return { ok: true, config: DEFAULT_SCORECARD };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      return { ok: false, problems: [`${file}: cannot be read (${code})`] };
    }
    const result = parseScorecardYaml(text);
    return result.ok
      ? result
      : { ok: false, problems: result.problems.map((problem) => `${file}, ${problem}`) };
  };
}

/** Spot checks, scorecards and the supervisors' audit reads over the database, in the workflow settings' working calendar. */
export function createSupervision(
  workflowSettings: WorkflowSettings,
  clock: Clock,
  settings: SupervisionSettings = {},
): { spotChecks: SpotChecks; scorecards: Scorecards; auditReader: AuditReader } {
  const directory = {
    findPersonBySlackId: (slackUserId: string) => orgStore.findPersonBySlackId(slackUserId),
    findPersonById: (id: number) => orgStore.findPersonById(id),
    listDepartments: () => orgStore.listDepartments(),
  };
  const calendar = () => ({
    timeZone: workflowSettings.defaultTimeZone,
    dayStartMinute: minutesOf(workflowSettings.calendar.dayStart),
    dayEndMinute: minutesOf(workflowSettings.calendar.dayEnd),
    workingDays: workflowSettings.calendar.workingDays,
  });
  const spotChecks = createSpotChecks({
    store: new SqlFindingStore(modelsDatabase),
    directory,
    audit: createAuditLog(auditStore),
    clock,
    settings: {
      remindAfterWorkingDays: settings.remindAfterWorkingDays ?? 2,
      get timeZone() {
        return workflowSettings.defaultTimeZone;
      },
      get workingDays() {
        return workflowSettings.calendar.workingDays;
      },
    },
  });
  const scorecards = createScorecards({
    indicators: new SqlIndicators(modelsDatabase),
    findings: spotChecks,
    directory,
    loadConfig: scorecardConfigLoader(settings.scorecardFile),
    clock,
    get calendar() {
      return calendar();
    },
  });
  const auditReader = createAuditReader({
    store: new SqlAuditQuery(modelsDatabase),
    directory,
    clock,
    timeZone: () => workflowSettings.defaultTimeZone,
  });
  return { spotChecks, scorecards, auditReader };
}
