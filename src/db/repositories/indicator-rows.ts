import type { IndicatorKey } from '../../domain/supervision/store';

/**
 * The records behind each counted figure (`/oa report … detail <key>`), one SELECT per key. The
 * figures themselves are counted over these same statements (indicators.repository.ts), so a
 * figure and its detail cannot drift apart. Each statement reads the scope row `p` (below):
 * period, departments, working calendar, the moment of the report and, for a person's own
 * figures, the person (requests as requester, tasks as approver, acknowledgements asked of them).
 */

/**
 * The working days around the period as rows, for `fastHours`: each local date from two years
 * before the period to the day after its end (or after now, for acknowledgements given since),
 * its working window as instants (empty on days off and holidays), and the working seconds of all
 * the days before it. Built the way `working_hours_between` (migration 0016) builds its windows,
 * so both give the same hours; PostgreSQL computes it once per statement that uses it.
 */
const CALENDAR_DAYS = `SELECT d::date AS d, tz, ws, len,
    COALESCE(SUM(len) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
  FROM (SELECT d, p.tz, (d + make_interval(mins => p.day_start)) AT TIME ZONE p.tz AS ws,
          CASE WHEN EXTRACT(DOW FROM d)::int = ANY (p.workdays)
                    AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.date = d::date)
               THEN EXTRACT(EPOCH FROM (CASE WHEN p.day_end >= 1440 THEN (d + interval '1 day') AT TIME ZONE p.tz
                                             ELSE (d + make_interval(mins => p.day_end)) AT TIME ZONE p.tz END)
                                       - (d + make_interval(mins => p.day_start)) AT TIME ZONE p.tz)
               ELSE 0 END AS len
        FROM p, generate_series(((p.from_ts AT TIME ZONE p.tz)::date - 731)::timestamp,
                                ((GREATEST(p.to_ts, p.now) AT TIME ZONE p.tz)::date + 1)::timestamp,
                                interval '1 day') AS d) days`;

export const WITH_SCOPE = `WITH p AS (SELECT ($1::date::timestamp AT TIME ZONE $3::text) AS from_ts,
  ($2::date::timestamp AT TIME ZONE $3::text) AS to_ts, $3::text AS tz, $4::int[] AS deps,
  $5::int AS day_start, $6::int AS day_end, $7::int[] AS workdays, $8::timestamptz AS now,
  $9::int AS person),
  cal AS (${CALENDAR_DAYS})`;
export const inPeriod = (column: string) => `${column} >= p.from_ts AND ${column} < p.to_ts`;
export const inDepartments = (column: string) => `(p.deps IS NULL OR ${column} = ANY (p.deps))`;
/** The person's own records only, when the scope is a person's. */
export const mine = (column: string) => `(p.person IS NULL OR ${column} = p.person)`;
export const hours = (from: string, to: string) =>
  `working_hours_between(${from}, ${to}, p.tz, p.day_start, p.day_end, p.workdays)`;

/** Joins the calendar day of `column` as `alias` (for `fastHours`). */
export const dayOf = (alias: string, column: string) =>
  // The zone as the statement's parameter ($3, p.tz), so the condition is a hash join's equality.
  `LEFT JOIN cal ${alias} ON ${alias}.d = (${column} AT TIME ZONE $3::text)::date`;
/** Working seconds from the start of the calendar to `column`, whose day is `alias`. */
const upTo = (alias: string, column: string) =>
  `(${alias}.before + LEAST(GREATEST(EXTRACT(EPOCH FROM ${column} - ${alias}.ws), 0), ${alias}.len))`;
/**
 * Working hours from `from` to `to` by two look-ups in the calendar (`dayOf` joined as `a` and
 * `b`): what `working_hours_between` gives, without building each row's days. Outside the
 * calendar's two years it falls back on the function.
 */
export const fastHours = (from: string, to: string, a: string, b: string) =>
  `CASE WHEN ${a}.d IS NULL OR ${b}.d IS NULL THEN ${hours(from, to)}
        ELSE GREATEST(${upTo(b, to)} - ${upTo(a, from)}, 0) / 3600.0 END`;

const DECIDED_TASK = `t.status IN ('approved', 'rejected', 'returned')`;
const ofRequests = `${inDepartments('i.department_id')} AND ${mine('i.requester_person_id')}`;
const ofTasks = `${inDepartments('i.department_id')} AND ${mine('t.assignee_person_id')}`;
const requester = 'LEFT JOIN people rq ON rq.id = i.requester_person_id';
const assignee = 'LEFT JOIN people pa ON pa.id = t.assignee_person_id';

const taskColumns = `t.id AS task_id, i.reference AS request, i.template_key AS template, t.step_index AS step,
  pa.slack_user_id AS approver, t.status, t.created_at AS assigned_at, t.due_at, t.decided_at`;

const events = (kind: string) =>
  `SELECT e.id AS event_id, i.reference AS request, i.template_key AS template, e.at
   FROM p, workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
   WHERE e.kind = '${kind}' AND ${inPeriod('e.at')} AND ${ofRequests}`;

const publishedAnnouncements = `SELECT a.* FROM p, announcements a
  WHERE ${inPeriod('a.published_at')} AND ${inDepartments('a.department_id')}`;

const laterVersions = (noted: boolean) =>
  `SELECT v.id AS version_id, f.reference AS file, v.label, v.change_note, v.created_at
   FROM p, file_versions v JOIN library_files f ON f.id = v.file_id
   WHERE ${inPeriod('v.created_at')} AND ${inDepartments('f.department_id')}
     AND v.id <> (SELECT min(first.id) FROM file_versions first WHERE first.file_id = v.file_id)
     ${noted ? "AND btrim(v.change_note) <> ''" : ''}`;

const runs = (kind: string) =>
  `SELECT r.id AS run_id, r.kind, r.status, r.started_at, r.finished_at, r.error
   FROM p, backup_runs r WHERE r.kind = '${kind}' AND ${inPeriod('r.started_at')}`;

/** One SELECT per key; its first column identifies the record (request, task, announcement…). */
export const INDICATOR_ROWS: Record<IndicatorKey, string> = {
  requests: `SELECT i.reference AS request, i.template_key AS template, i.status, rq.slack_user_id AS requester,
      i.created_at AS submitted_at
    FROM p, workflow_instances i ${requester}
    WHERE ${inPeriod('i.created_at')} AND ${ofRequests}`,
  decided: `SELECT i.reference AS request, i.template_key AS template, i.status, rq.slack_user_id AS requester,
      i.created_at AS submitted_at, i.decided_at,
      ${fastHours('i.created_at', 'i.decided_at', 'h1', 'h2')} AS working_hours
    FROM p, workflow_instances i ${requester} ${dayOf('h1', 'i.created_at')} ${dayOf('h2', 'i.decided_at')}
    WHERE ${inPeriod('i.decided_at')} AND ${ofRequests}`,
  rejected: `SELECT i.reference AS request, i.template_key AS template, rq.slack_user_id AS requester, i.decided_at
    FROM p, workflow_instances i ${requester}
    WHERE ${inPeriod('i.decided_at')} AND i.status = 'rejected' AND ${ofRequests}`,
  returned: events('returned'),
  resubmissions: events('resubmitted'),
  'tasks-decided': `SELECT ${taskColumns}, ${fastHours('t.created_at', 't.decided_at', 'h1', 'h2')} AS working_hours
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
      ${dayOf('h1', 't.created_at')} ${dayOf('h2', 't.decided_at')}
    WHERE ${inPeriod('t.decided_at')} AND ${DECIDED_TASK} AND ${ofTasks}`,
  sla: `SELECT ${taskColumns}, t.decided_at <= t.due_at AS on_time
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
    WHERE t.due_at IS NOT NULL AND ${inPeriod('t.decided_at')} AND ${DECIDED_TASK} AND ${ofTasks}`,
  'sla-on-time': `SELECT ${taskColumns}
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
    WHERE t.due_at IS NOT NULL AND ${inPeriod('t.decided_at')} AND t.decided_at <= t.due_at
      AND ${DECIDED_TASK} AND ${ofTasks}`,
  'overdue-now': `SELECT ${taskColumns}
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
    WHERE t.status = 'pending' AND t.due_at < p.now AND ${ofTasks}`,
  'overdue-in-period': `SELECT ${taskColumns}
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
    WHERE ${inPeriod('t.due_at')} AND ${ofTasks}
      AND (t.decided_at > t.due_at OR (t.status = 'pending' AND t.due_at < p.now))`,
  escalations: events('escalated'),
  automatic: `SELECT ${taskColumns}, t.auto_handling AS handling
    FROM p, workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${assignee}
    WHERE t.auto_handling->>'outcome' = 'done'
      AND ${inPeriod("(t.auto_handling->>'handledAt')::timestamptz")} AND ${ofTasks}`,

  published: `SELECT a.reference AS announcement, a.title, a.created_at, a.publish_at, a.published_at,
      ${fastHours('a.created_at', 'a.published_at', 'h1', 'h2')} AS working_hours
    FROM p, (${publishedAnnouncements}) a ${dayOf('h1', 'a.created_at')} ${dayOf('h2', 'a.published_at')}`,
  'published-late': `SELECT a.reference AS announcement, a.title, a.publish_at, a.published_at
    FROM (${publishedAnnouncements}) a
    WHERE a.publish_at IS NOT NULL AND a.published_at > a.publish_at + interval '1 minute'`,
  corrections: `SELECT a.reference AS announcement, v.version, v.approved_at
    FROM p, announcement_versions v JOIN announcements a ON a.id = v.announcement_id
    WHERE v.version > 1 AND ${inPeriod('v.approved_at')} AND ${inDepartments('a.department_id')}`,
  withdrawals: `SELECT a.reference AS announcement, a.title, a.withdrawn_at
    FROM p, announcements a WHERE ${inPeriod('a.withdrawn_at')} AND ${inDepartments('a.department_id')}`,
  'ack-items': `SELECT a.reference AS announcement, a.title, a.published_at
    FROM (${publishedAnnouncements}) a WHERE a.require_ack`,
  'ack-audience': `SELECT a.reference AS announcement, pe.slack_user_id AS person
    FROM p, (${publishedAnnouncements}) a
    JOIN people pe ON pe.status = 'active' AND NOT ('guest' = ANY (pe.roles))
      AND (a.audience = 'everyone' OR pe.department_id = ANY (a.audience_department_ids))
    WHERE a.require_ack AND ${mine('pe.id')}`,
  'acks-in-time': `SELECT a.reference AS announcement, pe.slack_user_id AS person, a.published_at, k.acked_at
    FROM p, (${publishedAnnouncements}) a JOIN announcement_acks k ON k.announcement_id = a.id
    LEFT JOIN people pe ON pe.id = k.person_id ${dayOf('h1', 'a.published_at')} ${dayOf('h2', 'k.acked_at')}
    WHERE a.require_ack AND ${mine('k.person_id')}
      AND ${fastHours('a.published_at', 'k.acked_at', 'h1', 'h2')} <= 3 * (p.day_end - p.day_start) / 60.0`,
  chases: `SELECT a.reference AS announcement, c.round, c.recipients, c.at
    FROM p, announcement_chases c JOIN announcements a ON a.id = c.announcement_id
    WHERE ${inPeriod('c.at')} AND ${inDepartments('a.department_id')}`,

  'files-created': `SELECT f.reference AS file, f.title, f.created_at
    FROM p, library_files f WHERE ${inPeriod('f.created_at')} AND ${inDepartments('f.department_id')}`,
  'files-active': `SELECT f.reference AS file, f.title,
      btrim(f.abstract) <> '' AND cardinality(f.keywords) > 0 AND f.category_id IS NOT NULL AS complete
    FROM p, library_files f WHERE f.status = 'active' AND ${inDepartments('f.department_id')}`,
  'files-complete': `SELECT f.reference AS file, f.title
    FROM p, library_files f WHERE f.status = 'active' AND ${inDepartments('f.department_id')}
      AND btrim(f.abstract) <> '' AND cardinality(f.keywords) > 0 AND f.category_id IS NOT NULL`,
  'versions-later': laterVersions(false),
  'versions-noted': laterVersions(true),
  'confidential-outside': `SELECT d.id AS download_id, f.reference AS file, pe.slack_user_id AS person, d.downloaded_at
    FROM p, file_downloads d JOIN library_files f ON f.id = d.file_id JOIN people pe ON pe.id = d.person_id
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
      AND cardinality(f.scope_channel_ids) = 0`,
  downloads: `SELECT d.id AS download_id, f.reference AS file, d.downloaded_at
    FROM p, file_downloads d JOIN library_files f ON f.id = d.file_id
    WHERE ${inPeriod('d.downloaded_at')} AND ${inDepartments('f.department_id')}`,

  backups: runs('backup'),
  drills: runs('drill'),
  'suspended-now': `SELECT pe.slack_user_id AS person, pe.name
    FROM p, people pe WHERE pe.status = 'suspended' AND ${inDepartments('pe.department_id')}`,
  suspensions: `SELECT l.id AS audit_id, l.subject_id AS person, l.actor, l.at
    FROM p, audit_log l WHERE l.action = 'person.suspended' AND ${inPeriod('l.at')}`,
  refused: `SELECT r.day, r.reason, r.slack_user_id, r.count
    FROM p, refused_interactions r
    WHERE r.day >= (p.from_ts AT TIME ZONE p.tz)::date AND r.day < (p.to_ts AT TIME ZONE p.tz)::date`,

  'active-people': `SELECT pe.slack_user_id AS person, count(*) AS audit_rows
    FROM p, audit_log l JOIN people pe ON pe.slack_user_id = l.actor
    WHERE ${inPeriod('l.at')} AND ${inDepartments('pe.department_id')}
    GROUP BY pe.slack_user_id`,
};
