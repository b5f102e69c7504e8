import type { DepartmentRecord, PersonRecord } from '../org/model';
import type { Clock } from '../tx';
import { type IndicatorKey, isIndicatorKey, PERSONAL_KEYS } from './indicator-keys';
import type { PersonalFigures, SupervisionFigures } from './model';
import { type Period, parsePeriod } from './period';
import type { IndicatorScope, IndicatorStore } from './store';

/**
 * The supervision report (requirements §八, issue 16): the indicators of a period and of the
 * period before it, for the departments the reader may see. Admins and supervisors see the whole
 * organisation or any department; a department head sees their department and its
 * sub-departments; everyone else sees their own figures (a `PersonalReport`). The figures come
 * from `IndicatorStore` (SQL over the records, db/repositories/indicators.repository.ts), and
 * `detail` lists the records behind any one of them under the same rules.
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
  | { code: 'department_not_yours'; key: string }
  | { code: 'unknown_indicator'; key: string; keys: readonly IndicatorKey[] };

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

/** A person's own figures, for everyone who heads no department (and is no admin or supervisor). */
export interface PersonalReport {
  period: Period;
  person: PersonRecord;
  current: PersonalFigures;
  previous: PersonalFigures;
}

export const isPersonalReport = (report: Report | PersonalReport): report is PersonalReport =>
  'person' in report;

/** The records behind one figure: the first `rows` (all of them when asked for), and how many there are. */
export interface ReportDetail {
  period: Period;
  department: DepartmentRecord | null;
  /** Set when the figure is the reader's own. */
  person: PersonRecord | null;
  key: IndicatorKey;
  rows: Array<Record<string, unknown>>;
  total: number;
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
  /**
   * Which departments `reader` may see a report of: `departmentKey`'s subtree, or their own; null
   * `ids` with `personal`: the reader heads nothing and sees their own figures.
   */
  async function scopeFor(
    reader: PersonRecord,
    departmentKey: string | undefined,
  ): Promise<{ department: DepartmentRecord | null; ids: number[] | null; personal: boolean }> {
    const departments = await deps.directory.listDepartments();
    const asked = departmentKey ? departments.find((d) => d.key === departmentKey.toLowerCase()) : undefined;
    if (departmentKey && !asked) throw new ReportError({ code: 'unknown_department', key: departmentKey });
    // Admins and the supervision group (監督小組) see the whole organisation.
    if (reader.roles.includes('admin') || reader.roles.includes('supervisor'))
      return asked
        ? { department: asked, ids: subtreeOf(asked.id, departments), personal: false }
        : { department: null, ids: null, personal: false };
    const headed = departments.filter((d) => d.headPersonId === reader.id);
    if (headed.length === 0) {
      if (asked) throw new ReportError({ code: 'department_not_yours', key: asked.key });
      return { department: null, ids: null, personal: true };
    }
    if (asked) {
      const mine = new Set(headed.flatMap((d) => subtreeOf(d.id, departments)));
      if (!mine.has(asked.id)) throw new ReportError({ code: 'department_not_yours', key: asked.key });
      return { department: asked, ids: subtreeOf(asked.id, departments), personal: false };
    }
    const root = headed[0]!;
    return {
      department: root,
      ids: [...new Set(headed.flatMap((d) => subtreeOf(d.id, departments)))],
      personal: false,
    };
  }

  /** The reader, the period and what they may see, or a refusal. */
  async function resolve(readerSlackId: string, periodText?: string, departmentKey?: string) {
    const reader = await deps.directory.findPersonBySlackId(readerSlackId);
    if (reader?.status !== 'active') throw new ReportError({ code: 'not_registered' });
    const now = deps.clock.now();
    const period = parsePeriod(periodText, localToday(now, deps.settings.calendar.timeZone));
    if ('code' in period) throw new ReportError(period);
    const seen = await scopeFor(reader, departmentKey);
    const scope = (dates: { fromDate: string; toDate: string }): IndicatorScope => ({
      ...dates,
      departmentIds: seen.ids,
      calendar: deps.settings.calendar,
      now,
      personId: seen.personal ? reader.id : null,
    });
    return { reader, period, ...seen, scope };
  }

  const service = {
    /**
     * What `/oa report` shows the reader: the report of the departments they may see, or their
     * own figures when they head none.
     */
    async reportOrOwn(
      readerSlackId: string,
      periodText?: string,
      departmentKey?: string,
    ): Promise<Report | PersonalReport> {
      const { reader, period, department, personal, scope } = await resolve(
        readerSlackId,
        periodText,
        departmentKey,
      );
      if (personal) {
        const [current, previous] = await Promise.all([
          deps.indicators.personal(scope(period)),
          deps.indicators.personal(scope(period.previous)),
        ]);
        return { period, person: reader, current, previous };
      }
      const [current, previous] = await Promise.all([
        deps.indicators.figures(scope(period)),
        deps.indicators.figures(scope(period.previous)),
      ]);
      return { period, department, current, previous };
    },

    /**
     * The records behind one figure of the report the reader may see (the same rules as the
     * report): the first `limit` rows, or all of them without a limit.
     */
    async detail(
      readerSlackId: string,
      key: string,
      options: { period?: string; departmentKey?: string; limit?: number } = {},
    ): Promise<ReportDetail> {
      const { reader, period, department, personal, scope } = await resolve(
        readerSlackId,
        options.period,
        options.departmentKey,
      );
      const allowed = personal ? PERSONAL_KEYS : undefined;
      const wanted = key.toLowerCase();
      if (!isIndicatorKey(wanted) || (allowed && !allowed.includes(wanted)))
        throw new ReportError({
          code: 'unknown_indicator',
          key,
          keys: allowed ?? [],
        });
      const all = await deps.indicators.rows(wanted, scope(period));
      return {
        period,
        department,
        person: personal ? reader : null,
        key: wanted,
        rows: options.limit ? all.slice(0, options.limit) : all,
        total: all.length,
      };
    },

    /** A department or organisation report only: people who head nothing are refused. */
    async report(readerSlackId: string, periodText?: string, departmentKey?: string): Promise<Report> {
      const report = await service.reportOrOwn(readerSlackId, periodText, departmentKey);
      if (isPersonalReport(report)) throw new ReportError({ code: 'not_allowed' });
      return report;
    },
  };
  return service;
}

export type Reports = ReturnType<typeof createReports>;
