import type { DepartmentRecord, PersonRecord } from '../org/model';
import type { Clock } from '../tx';
import type { SupervisionFigures } from './model';
import { type Period, parsePeriod } from './period';
import type { IndicatorScope, IndicatorStore } from './store';

/**
 * The supervision report (requirements §八, issue 16): the indicators of a period and of the
 * period before it, for the departments the reader may see. Admins see the whole organisation
 * or any department; a department head sees their department and its sub-departments; others
 * are refused (their own figures are not there yet). The figures come from `IndicatorStore`
 * (SQL over the records, db/repositories/indicators.repository.ts).
 */

export interface ReportDirectory {
  findPersonBySlackId(slackUserId: string): Promise<PersonRecord | null>;
  listDepartments(): Promise<DepartmentRecord[]>;
}

export type ReportRefusal =
  | { code: 'not_registered' }
  | { code: 'not_allowed' }
  | { code: 'not_a_period'; input: string }
  | { code: 'unknown_department'; key: string }
  | { code: 'department_not_yours'; key: string };

export class ReportError extends Error {
  constructor(readonly refusal: ReportRefusal) {
    super(`report refused: ${refusal.code}`);
    this.name = 'ReportError';
  }
}

export interface Report {
  period: Period;
  /** The department reported on (null: the whole organisation). */
  department: DepartmentRecord | null;
  current: SupervisionFigures;
  previous: SupervisionFigures;
}

export interface ReportSettings {
  calendar: IndicatorScope['calendar'];
}

/** The department and every department below it. */
export function subtreeOf(rootId: number, departments: readonly DepartmentRecord[]): number[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i += 1)
    for (const department of departments) if (department.parentId === ids[i]) ids.push(department.id);
  return ids;
}

const localToday = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );

export function createReports(deps: {
  indicators: IndicatorStore;
  directory: ReportDirectory;
  clock: Clock;
  settings: ReportSettings;
}) {
  /** Which departments `reader` may see a report of: `departmentKey`'s subtree, or their own. */
  async function scopeFor(
    reader: PersonRecord,
    departmentKey: string | undefined,
  ): Promise<{ department: DepartmentRecord | null; ids: number[] | null }> {
    const departments = await deps.directory.listDepartments();
    const asked = departmentKey ? departments.find((d) => d.key === departmentKey.toLowerCase()) : undefined;
    if (departmentKey && !asked) throw new ReportError({ code: 'unknown_department', key: departmentKey });
    // Admins and the supervision group (監督小組) see the whole organisation.
    if (reader.roles.includes('admin') || reader.roles.includes('supervisor'))
      return asked
        ? { department: asked, ids: subtreeOf(asked.id, departments) }
        : { department: null, ids: null };
    const headed = departments.filter((d) => d.headPersonId === reader.id);
    if (headed.length === 0) throw new ReportError({ code: 'not_allowed' });
    if (asked) {
      const mine = new Set(headed.flatMap((d) => subtreeOf(d.id, departments)));
      if (!mine.has(asked.id)) throw new ReportError({ code: 'department_not_yours', key: asked.key });
      return { department: asked, ids: subtreeOf(asked.id, departments) };
    }
    const root = headed[0]!;
    return { department: root, ids: [...new Set(headed.flatMap((d) => subtreeOf(d.id, departments)))] };
  }

  return {
    async report(readerSlackId: string, periodText?: string, departmentKey?: string): Promise<Report> {
      const reader = await deps.directory.findPersonBySlackId(readerSlackId);
      if (reader?.status !== 'active') throw new ReportError({ code: 'not_registered' });
      const now = deps.clock.now();
      const period = parsePeriod(periodText, localToday(now, deps.settings.calendar.timeZone));
      if ('code' in period) throw new ReportError(period);
      const { department, ids } = await scopeFor(reader, departmentKey);
      const scope = (dates: { fromDate: string; toDate: string }): IndicatorScope => ({
        ...dates,
        departmentIds: ids,
        calendar: deps.settings.calendar,
        now,
      });
      const [current, previous] = await Promise.all([
        deps.indicators.figures(scope(period)),
        deps.indicators.figures(scope(period.previous)),
      ]);
      return { period, department, current, previous };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
