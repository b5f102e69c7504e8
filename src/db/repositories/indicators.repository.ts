import { QueryTypes, type Sequelize } from 'sequelize';
import type {
  FileIndicators,
  PublishingIndicators,
  SafeOperationIndicators,
  SupervisionFigures,
  UsageIndicators,
  WorkflowIndicators,
} from '../../domain/supervision/model';
import type { IndicatorScope, IndicatorStore } from '../../domain/supervision/store';

export type { IndicatorScope } from '../../domain/supervision/store';

/**
 * The supervision indicators, computed in SQL from the records (docs/indicators.md defines each
 * one). A scope is a period of local dates in the organisation's zone and, optionally, the
 * departments counted (a head's department and its sub-departments). Working hours come from
 * `working_hours_between` (migration 0016), the same rule the engine's deadlines use.
 */

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

  async publishing(scope: IndicatorScope): Promise<PublishingIndicators> {
    const [row] = await this.select<Record<string, string | number | null>>(
      `, published AS (
         SELECT a.* FROM p, announcements a
         WHERE ${inPeriod('a.published_at')} AND ${inDepartments('a.department_id')})
       SELECT
         (SELECT count(*) FROM published) AS published,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('created_at', 'published_at')}) FROM published) AS median,
         (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours('created_at', 'published_at')}) FROM published) AS p90,
         (SELECT count(*) FROM published WHERE publish_at IS NOT NULL AND published_at > publish_at + interval '1 minute') AS late,
         (SELECT count(*) FROM announcement_versions v JOIN announcements a ON a.id = v.announcement_id
           WHERE v.version > 1 AND ${inPeriod('v.approved_at')} AND ${inDepartments('a.department_id')}) AS corrections,
         (SELECT count(*) FROM announcements a
           WHERE ${inPeriod('a.withdrawn_at')} AND ${inDepartments('a.department_id')}) AS withdrawals,
         (SELECT count(*) FROM published WHERE require_ack) AS ack_items,
         (SELECT COALESCE(sum((SELECT count(*) FROM people pe WHERE pe.status = 'active' AND NOT ('guest' = ANY (pe.roles))
             AND (a.audience = 'everyone' OR pe.department_id = ANY (a.audience_department_ids)))), 0)
           FROM published a WHERE a.require_ack) AS ack_audience,
         (SELECT count(*) FROM published a JOIN announcement_acks k ON k.announcement_id = a.id
           WHERE a.require_ack AND ${hours('a.published_at', 'k.acked_at')} <= 3 * (p.day_end - p.day_start) / 60.0) AS acked_in_time,
         (SELECT count(*) FROM announcement_chases c JOIN announcements a ON a.id = c.announcement_id
           WHERE ${inPeriod('c.at')} AND ${inDepartments('a.department_id')}) AS chases
       FROM p`,
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
      `SELECT
         (SELECT count(*) FROM library_files f WHERE ${inPeriod('f.created_at')} AND ${inDepartments('f.department_id')}) AS created,
         (SELECT count(*) FROM library_files f WHERE f.status = 'active' AND ${inDepartments('f.department_id')}) AS active,
         (SELECT count(*) FROM library_files f WHERE f.status = 'active' AND ${inDepartments('f.department_id')}
             AND btrim(f.abstract) <> '' AND cardinality(f.keywords) > 0 AND f.category_id IS NOT NULL) AS complete,
         (SELECT count(*) FROM file_versions v JOIN library_files f ON f.id = v.file_id
           WHERE ${inPeriod('v.created_at')} AND ${inDepartments('f.department_id')}
             AND v.id <> (SELECT min(first.id) FROM file_versions first WHERE first.file_id = v.file_id)) AS later_versions,
         (SELECT count(*) FROM file_versions v JOIN library_files f ON f.id = v.file_id
           WHERE ${inPeriod('v.created_at')} AND ${inDepartments('f.department_id')} AND btrim(v.change_note) <> ''
             AND v.id <> (SELECT min(first.id) FROM file_versions first WHERE first.file_id = v.file_id)) AS noted_versions,
         (SELECT count(*) FROM file_downloads d JOIN library_files f ON f.id = d.file_id JOIN people pe ON pe.id = d.person_id
           WHERE f.confidentiality = 'confidential' AND ${inPeriod('d.downloaded_at')} AND ${inDepartments('f.department_id')}
             AND NOT ('admin' = ANY (pe.roles)) AND f.owner_person_id <> pe.id
             AND NOT EXISTS (SELECT 1 FROM departments hd WHERE hd.id = f.department_id AND hd.head_person_id = pe.id)
             AND NOT (pe.id = ANY (f.scope_person_ids))
             AND NOT (NOT f.scope_include_sub AND pe.department_id = ANY (f.scope_department_ids))
             AND NOT (f.scope_include_sub AND EXISTS (
               WITH RECURSIVE line(id, parent_id) AS (
                 SELECT id, parent_id FROM departments WHERE id = pe.department_id
                 UNION ALL SELECT d2.id, d2.parent_id FROM departments d2 JOIN line ON d2.id = line.parent_id)
               SELECT 1 FROM line WHERE line.id = ANY (f.scope_department_ids)))
             AND cardinality(f.scope_channel_ids) = 0) AS confidential_outside,
         (SELECT count(*) FROM file_downloads d JOIN library_files f ON f.id = d.file_id
           WHERE ${inPeriod('d.downloaded_at')} AND ${inDepartments('f.department_id')}) AS downloads
       FROM p`,
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

  /** Backups and drills concern the whole installation, whatever departments were asked for. */
  async safeOperation(scope: IndicatorScope): Promise<SafeOperationIndicators> {
    const runs = await this.select<{ kind: string; succeeded: string; failed: string; last: Date | null }>(
      `SELECT k.kind,
         (SELECT count(*) FROM backup_runs r WHERE r.kind = k.kind AND r.status = 'succeeded' AND ${inPeriod('r.started_at')}) AS succeeded,
         (SELECT count(*) FROM backup_runs r WHERE r.kind = k.kind AND r.status = 'failed' AND ${inPeriod('r.started_at')}) AS failed,
         (SELECT max(r.finished_at) FROM backup_runs r WHERE r.kind = k.kind AND r.status = 'succeeded' AND r.started_at < p.to_ts) AS last
       FROM p, (VALUES ('backup'), ('drill')) AS k(kind)`,
      scope,
    );
    const [people] = await this.select<{ suspended_now: string; suspensions: string }>(
      `SELECT
         (SELECT count(*) FROM people pe WHERE pe.status = 'suspended' AND ${inDepartments('pe.department_id')}) AS suspended_now,
         (SELECT count(*) FROM audit_log l WHERE l.action = 'person.suspended' AND ${inPeriod('l.at')}) AS suspensions
       FROM p`,
      scope,
    );
    const of = (kind: string) => {
      const run = runs.find((row) => row.kind === kind);
      return {
        succeeded: Number(run?.succeeded ?? 0),
        failed: Number(run?.failed ?? 0),
        lastSuccessAt: run?.last ?? null,
      };
    };
    return {
      backups: of('backup'),
      drills: of('drill'),
      suspendedNow: Number(people!.suspended_now),
      suspensions: Number(people!.suspensions),
    };
  }

  async usage(scope: IndicatorScope): Promise<UsageIndicators> {
    const [active] = await this.select<{ n: string }>(
      `SELECT count(DISTINCT pe.id) AS n FROM p, audit_log l JOIN people pe ON pe.slack_user_id = l.actor
       WHERE ${inPeriod('l.at')} AND ${inDepartments('pe.department_id')}`,
      scope,
    );
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
}
