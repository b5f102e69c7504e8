import { QueryTypes, type Sequelize } from 'sequelize';
import type {
  FileIndicators,
  PublishingIndicators,
  SafeOperationIndicators,
  SupervisionFigures,
  UsageIndicators,
  WorkflowIndicators,
} from '../../domain/supervision/model';
import type {
  IndicatorKey,
  IndicatorScope,
  IndicatorStore,
  PersonalFigures,
} from '../../domain/supervision/store';
import { INDICATOR_ROWS, inDepartments, inPeriod, WITH_SCOPE } from './indicator-rows';

export type { IndicatorScope } from '../../domain/supervision/store';

/**
 * The supervision indicators, computed in SQL from the records (docs/indicators.md defines each
 * one). A scope is a period of local dates in the organisation's zone and, optionally, the
 * departments counted (a head's department and its sub-departments). Working hours come from
 * `working_hours_between` (migration 0016), the same rule the engine's deadlines use. Every
 * counted figure is the count of its detail rows (indicator-rows.ts), the statement
 * `/oa report … detail` lists.
 */

/** `(SELECT count(*) FROM (<key's rows>) r)`: a figure as the number of its detail rows. */
const count = (key: IndicatorKey) => `(SELECT count(*) FROM (${INDICATOR_ROWS[key]}) r)`;

export class SqlIndicators implements IndicatorStore {
  /** The connection is asked for at each report (the app's, bound once at start). */
  constructor(private readonly connection: () => Sequelize) {}

  private select<T extends object>(sql: string, scope: IndicatorScope): Promise<T[]> {
    const { calendar } = scope;
    return this.connection().query<T>(`${WITH_SCOPE} ${sql}`, {
      bind: [
        scope.fromDate,
        scope.toDate,
        calendar.timeZone,
        scope.departmentIds ? [...scope.departmentIds] : null,
        calendar.dayStartMinute,
        calendar.dayEndMinute,
        [...calendar.workingDays],
        scope.now,
        scope.personId ?? null,
      ],
      type: QueryTypes.SELECT,
    });
  }

  /** Every group, for one scope. */
  async figures(scope: IndicatorScope): Promise<SupervisionFigures> {
    const [workflow, publishing, files, safeOperation, usage] = await Promise.all([
      this.workflow(scope),
      this.publishing(scope),
      this.files(scope),
      this.safeOperation(scope),
      this.usage(scope),
    ]);
    return { workflow, publishing, files, safeOperation, usage };
  }

  async workflow(scope: IndicatorScope): Promise<WorkflowIndicators> {
    const requests = await this.select<{ template: string; status: string; count: string }>(
      `SELECT template, status, count(*) AS count FROM (${INDICATOR_ROWS.requests}) r
       GROUP BY template, status ORDER BY template, status`,
      scope,
    );
    const turnaround = await this.select<{
      template: string;
      decided: string;
      median: number | null;
      p90: number | null;
    }>(
      `SELECT template, count(*) AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY working_hours) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY working_hours) AS p90
       FROM (${INDICATOR_ROWS.decided}) r GROUP BY template ORDER BY template`,
      scope,
    );
    const steps = await this.select<{
      template: string;
      step: number;
      tasks: string;
      median: number | null;
      p90: number | null;
    }>(
      `SELECT template, step, count(*) AS tasks,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY working_hours) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY working_hours) AS p90
       FROM (${INDICATOR_ROWS['tasks-decided']}) r GROUP BY template, step ORDER BY template, step`,
      scope,
    );
    const [counts] = await this.select<Record<string, string>>(
      `SELECT ${count('sla')} AS sla_tasks, ${count('sla-on-time')} AS sla_on_time,
         ${count('overdue-now')} AS overdue_now, ${count('overdue-in-period')} AS overdue_in_period,
         ${count('escalations')} AS escalations, ${count('automatic')} AS automatic,
         ${count('decided')} AS decided, ${count('rejected')} AS rejected,
         ${count('returned')} AS returned, ${count('resubmissions')} AS resubmissions`,
      scope,
    );
    const n = (key: string) => Number(counts![key] ?? 0);
    return {
      requests: requests.map((row) => ({ ...row, count: Number(row.count) })),
      turnaround: turnaround.map((row) => ({
        template: row.template,
        decided: Number(row.decided),
        medianHours: row.median,
        p90Hours: row.p90,
      })),
      steps: steps.map((row) => ({
        template: row.template,
        stepIndex: row.step,
        tasks: Number(row.tasks),
        medianHours: row.median,
        p90Hours: row.p90,
      })),
      sla: { tasks: n('sla_tasks'), onTime: n('sla_on_time') },
      overdueNow: n('overdue_now'),
      overdueInPeriod: n('overdue_in_period'),
      escalations: n('escalations'),
      automaticDecisions: n('automatic'),
      decided: n('decided'),
      rejected: n('rejected'),
      returned: n('returned'),
      resubmissions: n('resubmissions'),
    };
  }

  async publishing(scope: IndicatorScope): Promise<PublishingIndicators> {
    const [row] = await this.select<Record<string, string | number | null>>(
      `SELECT ${count('published')} AS published,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY working_hours) FROM (${INDICATOR_ROWS.published}) r) AS median,
         (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY working_hours) FROM (${INDICATOR_ROWS.published}) r) AS p90,
         ${count('published-late')} AS late, ${count('corrections')} AS corrections,
         ${count('withdrawals')} AS withdrawals, ${count('ack-items')} AS ack_items,
         ${count('ack-audience')} AS ack_audience, ${count('acks-in-time')} AS acked_in_time,
         ${count('chases')} AS chases`,
      scope,
    );
    const n = (key: string) => Number(row![key] ?? 0);
    return {
      published: n('published'),
      toPublication: { medianHours: row!.median as number | null, p90Hours: row!.p90 as number | null },
      publishedLate: n('late'),
      corrections: n('corrections'),
      withdrawals: n('withdrawals'),
      acknowledgements: {
        items: n('ack_items'),
        audience: n('ack_audience'),
        acknowledgedInTime: n('acked_in_time'),
      },
      chases: n('chases'),
    };
  }

  async files(scope: IndicatorScope): Promise<FileIndicators> {
    const [row] = await this.select<Record<string, string>>(
      `SELECT ${count('files-created')} AS created, ${count('files-active')} AS active,
         ${count('files-complete')} AS complete, ${count('versions-later')} AS later_versions,
         ${count('versions-noted')} AS noted_versions, ${count('confidential-outside')} AS confidential_outside,
         ${count('downloads')} AS downloads`,
      scope,
    );
    const n = (key: string) => Number(row![key] ?? 0);
    return {
      created: n('created'),
      completeMetadata: { files: n('active'), complete: n('complete') },
      laterVersions: { versions: n('later_versions'), withChangeNote: n('noted_versions') },
      confidentialOutsideScope: n('confidential_outside'),
      downloads: n('downloads'),
    };
  }

  /**
   * Backups, drills and refused interactions concern the whole installation, whatever departments
   * were asked for.
   */
  async safeOperation(scope: IndicatorScope): Promise<SafeOperationIndicators> {
    const [row] = await this.select<Record<string, string | Date | null>>(
      `SELECT
         (SELECT count(*) FROM (${INDICATOR_ROWS.backups}) r WHERE r.status = 'succeeded') AS backups_ok,
         (SELECT count(*) FROM (${INDICATOR_ROWS.backups}) r WHERE r.status = 'failed') AS backups_failed,
         (SELECT count(*) FROM (${INDICATOR_ROWS.drills}) r WHERE r.status = 'succeeded') AS drills_ok,
         (SELECT count(*) FROM (${INDICATOR_ROWS.drills}) r WHERE r.status = 'failed') AS drills_failed,
         (SELECT max(r.finished_at) FROM backup_runs r WHERE r.kind = 'backup' AND r.status = 'succeeded' AND r.started_at < p.to_ts) AS backup_last,
         (SELECT max(r.finished_at) FROM backup_runs r WHERE r.kind = 'drill' AND r.status = 'succeeded' AND r.started_at < p.to_ts) AS drill_last,
         ${count('suspended-now')} AS suspended_now, ${count('suspensions')} AS suspensions,
         (SELECT COALESCE(sum(r.count), 0) FROM (${INDICATOR_ROWS.refused}) r) AS refused
       FROM p`,
      scope,
    );
    const n = (key: string) => Number(row![key] ?? 0);
    return {
      backups: {
        succeeded: n('backups_ok'),
        failed: n('backups_failed'),
        lastSuccessAt: (row!.backup_last as Date | null) ?? null,
      },
      drills: {
        succeeded: n('drills_ok'),
        failed: n('drills_failed'),
        lastSuccessAt: (row!.drill_last as Date | null) ?? null,
      },
      suspendedNow: n('suspended_now'),
      suspensions: n('suspensions'),
      refusedInteractions: n('refused'),
    };
  }

  async usage(scope: IndicatorScope): Promise<UsageIndicators> {
    const [active] = await this.select<{ n: string }>(`SELECT ${count('active-people')} AS n`, scope);
    const rows = await this.select<{ department_id: number | null; requests: string; announcements: string }>(
      `SELECT department_id, sum(requests) AS requests, sum(announcements) AS announcements FROM (
         SELECT i.department_id, 1 AS requests, 0 AS announcements FROM p, workflow_instances i
           WHERE ${inPeriod('i.created_at')} AND ${inDepartments('i.department_id')} AND i.template_key NOT IN ('announcement', 'registration', 'file_version')
         UNION ALL
         SELECT a.department_id, 0, 1 FROM p, announcements a
           WHERE ${inPeriod('a.published_at')} AND ${inDepartments('a.department_id')}) u
       GROUP BY department_id ORDER BY department_id NULLS LAST`,
      scope,
    );
    return {
      activePeople: Number(active!.n),
      byDepartment: rows.map((row) => ({
        departmentId: row.department_id,
        requests: Number(row.requests),
        announcements: Number(row.announcements),
      })),
    };
  }

  /** A person's own figures: `scope.personId` set, departments not asked. */
  async personal(scope: IndicatorScope): Promise<PersonalFigures> {
    const own = { ...scope, departmentIds: null };
    const [workflow, [acks]] = await Promise.all([
      this.workflow(own),
      this.select<{ asked: string; in_time: string }>(
        `SELECT ${count('ack-audience')} AS asked, ${count('acks-in-time')} AS in_time`,
        own,
      ),
    ]);
    return { workflow, acknowledgements: { asked: Number(acks!.asked), inTime: Number(acks!.in_time) } };
  }

  /** The records behind `key`'s figure, in a stable order, at most `limit` of them. */
  async rows(
    key: IndicatorKey,
    scope: IndicatorScope,
    limit?: number,
  ): Promise<Array<Record<string, unknown>>> {
    return this.select<Record<string, unknown>>(
      `SELECT * FROM (${INDICATOR_ROWS[key]}) r ORDER BY 1, 2${limit ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : ''}`,
      scope,
    );
  }
}
