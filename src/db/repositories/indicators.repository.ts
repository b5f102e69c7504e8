import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * The supervision indicators, computed in SQL from the records (docs/indicators.md defines each
 * one). A scope is a period of local dates in the organisation's zone and, optionally, the
 * departments counted (a head's department and its sub-departments). Working hours come from
 * `working_hours_between` (migration 0016), the same rule the engine's deadlines use.
 */

export interface IndicatorScope {
  fromDate: string;
  toDate: string;
  /** null: the whole organisation. */
  departmentIds: readonly number[] | null;
  calendar: {
    timeZone: string;
    dayStartMinute: number;
    dayEndMinute: number;
    workingDays: readonly number[];
  };
  now: Date;
}

export interface WorkflowIndicators {
  /** Requests submitted in the period, by type and where they stand now. */
  requests: Array<{ template: string; status: string; count: number }>;
  /** Requests decided in the period: turnaround in working hours from first submission. */
  turnaround: Array<{
    template: string;
    decided: number;
    medianHours: number | null;
    p90Hours: number | null;
  }>;
  /** Tasks decided in the period: working hours from assignment to decision, by type and step. */
  steps: Array<{
    template: string;
    stepIndex: number;
    tasks: number;
    medianHours: number | null;
    p90Hours: number | null;
  }>;
  /** Tasks with a due time decided in the period, and how many by their due time. */
  sla: { tasks: number; onTime: number };
  overdueNow: number;
  /** Tasks due in the period that were decided late or are still open past their due time. */
  overdueInPeriod: number;
  escalations: number;
  automaticDecisions: number;
  decided: number;
  rejected: number;
  returned: number;
  resubmissions: number;
}

/**
 * The scope as one row `p`, which every query starts with and joins, so each statement names its
 * parameters once, typed.
 */
const WITH_SCOPE = `WITH p AS (SELECT ($1::date::timestamp AT TIME ZONE $3::text) AS from_ts,
  ($2::date::timestamp AT TIME ZONE $3::text) AS to_ts, $3::text AS tz, $4::int[] AS deps,
  $5::int AS day_start, $6::int AS day_end, $7::int[] AS workdays, $8::timestamptz AS now)`;
const inPeriod = (column: string) => `${column} >= p.from_ts AND ${column} < p.to_ts`;
const inDepartments = (column: string) => `(p.deps IS NULL OR ${column} = ANY (p.deps))`;
const hours = (from: string, to: string) =>
  `working_hours_between(${from}, ${to}, p.tz, p.day_start, p.day_end, p.workdays)`;

export class SqlIndicators {
  constructor(private readonly sequelize: Sequelize) {}

  private select<T extends object>(sql: string, scope: IndicatorScope): Promise<T[]> {
    const { calendar } = scope;
    return this.sequelize.query<T>(`${WITH_SCOPE} ${sql}`, {
      bind: [
        scope.fromDate,
        scope.toDate,
        calendar.timeZone,
        scope.departmentIds ? [...scope.departmentIds] : null,
        calendar.dayStartMinute,
        calendar.dayEndMinute,
        [...calendar.workingDays],
        scope.now,
      ],
      type: QueryTypes.SELECT,
    });
  }

  async workflow(scope: IndicatorScope): Promise<WorkflowIndicators> {
    const requests = await this.select<{ template: string; status: string; count: string }>(
      `SELECT template_key AS template, status, count(*) AS count FROM p, workflow_instances i
       WHERE ${inPeriod('i.created_at')} AND ${inDepartments('i.department_id')}
       GROUP BY template_key, status ORDER BY template_key, status`,
      scope,
    );
    const turnaround = await this.select<{
      template: string;
      decided: string;
      median: number | null;
      p90: number | null;
    }>(
      `SELECT template_key AS template, count(*) AS decided,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90
       FROM (SELECT template_key, ${hours('i.created_at', 'i.decided_at')} AS h FROM p, workflow_instances i
             WHERE ${inPeriod('i.decided_at')} AND ${inDepartments('i.department_id')}) d
       GROUP BY template_key ORDER BY template_key`,
      scope,
    );
    const steps = await this.select<{
      template: string;
      step: number;
      tasks: string;
      median: number | null;
      p90: number | null;
    }>(
      `SELECT template_key AS template, step_index AS step, count(*) AS tasks,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90
       FROM (SELECT i.template_key, t.step_index, ${hours('t.created_at', 't.decided_at')} AS h
             FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
             WHERE ${inPeriod('t.decided_at')}
               AND t.status IN ('approved', 'rejected', 'returned') AND ${inDepartments('i.department_id')}) d
       GROUP BY template_key, step_index ORDER BY template_key, step_index`,
      scope,
    );
    const [counts] = await this.select<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
           WHERE t.due_at IS NOT NULL AND ${inPeriod('t.decided_at')}
             AND t.status IN ('approved', 'rejected', 'returned') AND ${inDepartments('i.department_id')}) AS sla_tasks,
         (SELECT count(*) FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
           WHERE t.due_at IS NOT NULL AND ${inPeriod('t.decided_at')} AND t.decided_at <= t.due_at
             AND t.status IN ('approved', 'rejected', 'returned') AND ${inDepartments('i.department_id')}) AS sla_on_time,
         (SELECT count(*) FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
           WHERE t.status = 'pending' AND t.due_at < p.now AND ${inDepartments('i.department_id')}) AS overdue_now,
         (SELECT count(*) FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
           WHERE ${inPeriod('t.due_at')} AND ${inDepartments('i.department_id')}
             AND (t.decided_at > t.due_at OR (t.status = 'pending' AND t.due_at < p.now))) AS overdue_in_period,
         (SELECT count(*) FROM p, workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
           WHERE e.kind = 'escalated' AND ${inPeriod('e.at')} AND ${inDepartments('i.department_id')}) AS escalations,
         (SELECT count(*) FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
           WHERE t.auto_handling->>'outcome' = 'done' AND ${inPeriod("(t.auto_handling->>'handledAt')::timestamptz")} AND ${inDepartments('i.department_id')}) AS automatic,
         (SELECT count(*) FROM p, workflow_instances i
           WHERE ${inPeriod('i.decided_at')} AND ${inDepartments('i.department_id')}) AS decided,
         (SELECT count(*) FROM p, workflow_instances i
           WHERE ${inPeriod('i.decided_at')} AND i.status = 'rejected' AND ${inDepartments('i.department_id')}) AS rejected,
         (SELECT count(*) FROM p, workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
           WHERE e.kind = 'returned' AND ${inPeriod('e.at')} AND ${inDepartments('i.department_id')}) AS returned,
         (SELECT count(*) FROM p, workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
           WHERE e.kind = 'resubmitted' AND ${inPeriod('e.at')} AND ${inDepartments('i.department_id')}) AS resubmissions`,
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
}
