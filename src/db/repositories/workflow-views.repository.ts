import type { ViewDepartmentRecord, ViewPersonRecord, ViewRows } from '../../domain/workflows/store';
import { WorkflowEvent, WorkflowInstance, WorkflowRevision, WorkflowTask } from '../models';
import { columnsOf, fromJsonRow, jsonRowOf } from '../sql/model-rows';
import { selectOnPooledConnection } from '../sql/prepared-statements';
import type { EventRecord, InstanceRecord, RevisionRecord, TaskRecord } from './workflow-records';

export type { ViewDepartmentRecord, ViewPersonRecord, ViewRows };

/** Everything a request's view shows, read in one statement. */

/** A form's values as text, one row each (nothing for a form that is not an object). */
const formTexts = (form: string) =>
  `jsonb_each_text(CASE WHEN jsonb_typeof(${form}) = 'object' THEN ${form} ELSE '{}'::jsonb END)`;

const viewSql = new Map<'instances' | 'tasks', string>();

function viewQuery(by: 'instances' | 'tasks'): string {
  let sql = viewSql.get(by);
  if (sql !== undefined) return sql;
  const aggregate = (json: string, order: string, from: string) =>
    `(SELECT coalesce(json_agg(${json} ORDER BY ${order}), '[]'::json) FROM ${from})`;
  const department = "json_build_object('id', d.id, 'key', d.key, 'name', d.name, 'nameZh', d.name_zh)";
  const person = "json_build_object('id', p.id, 'slackUserId', p.slack_user_id, 'name', p.name)";
  const forms = `(SELECT i.form UNION ALL SELECT fr.form FROM workflow_revisions fr WHERE fr.instance_id = i.id) forms (form), ${formTexts('forms.form')} f`;
  const routes = `(SELECT i.route UNION ALL SELECT rr.route FROM workflow_revisions rr WHERE rr.instance_id = i.id) routes (route)`;
  const routePeople = (path: string) =>
    `SELECT (id #>> '{}')::int FROM ${routes}, jsonb_path_query(routes.route, '${path}') id`;
  sql = `SELECT ${columnsOf(WorkflowInstance, 'i')},
    ${aggregate(jsonRowOf(WorkflowTask, 't'), 't.id', 'workflow_tasks t WHERE t.instance_id = i.id')} AS "__tasks",
    ${aggregate(jsonRowOf(WorkflowEvent, 'e'), 'e.id', 'workflow_events e WHERE e.instance_id = i.id')} AS "__events",
    ${aggregate(jsonRowOf(WorkflowRevision, 'r'), 'r.revision', 'workflow_revisions r WHERE r.instance_id = i.id')} AS "__revisions",
    ${aggregate(
      department,
      'd.id',
      // A value may name one department or a comma-joined list of them (an announcement's audience).
      `departments d WHERE d.id = i.department_id
        OR d.key IN (SELECT unnest(string_to_array(f.value, ',')) FROM ${forms})`,
    )} AS "__departments",
    ${aggregate(
      person,
      'p.id',
      // Lists computed once each, then found through the indexes; UNION ALL: duplicates are
      // harmless in ANY (…), and de-duplicating would size a hash for the functions' guessed rows.
      `people p WHERE p.id = ANY (ARRAY(
          SELECT i.requester_person_id
          UNION ALL SELECT pt.assignee_person_id FROM workflow_tasks pt WHERE pt.instance_id = i.id
          UNION ALL SELECT pt.on_behalf_of_person_id FROM workflow_tasks pt WHERE pt.instance_id = i.id
          UNION ALL SELECT pe.actor_person_id FROM workflow_events pe WHERE pe.instance_id = i.id
          UNION ALL ${routePeople('$.steps[*].approverPersonIds[*]')}
          UNION ALL ${routePeople('$.cc[*].personId')}))
        OR p.slack_user_id = ANY (ARRAY(SELECT f.value FROM ${forms} WHERE f.value ~ '^[UW][A-Z0-9]{2,}$'))`,
    )} AS "__people"
    FROM workflow_instances i
    WHERE ${by === 'instances' ? 'i.id = ANY ($1::int[])' : 'i.id = ANY (ARRAY(SELECT instance_id FROM workflow_tasks WHERE id = ANY ($1::int[])))'}`;
  viewSql.set(by, sql);
  return sql;
}

/**
 * The requests with the given ids (or holding the given tasks), each with its tasks, history,
 * revisions, departments and people, in one statement: a card is rendered on every notification, so its
 * read is one round trip rather than one per table. In no particular order.
 */
export async function findViewRows(
  of: { instanceIds: readonly number[] } | { taskIds: readonly number[] },
): Promise<ViewRows[]> {
  const [by, ids] =
    'instanceIds' in of ? (['instances', of.instanceIds] as const) : (['tasks', of.taskIds] as const);
  if (ids.length === 0) return [];
  type Row = InstanceRecord & {
    __tasks: Record<string, unknown>[];
    __events: Record<string, unknown>[];
    __revisions: Record<string, unknown>[];
    __departments: ViewDepartmentRecord[];
    __people: ViewPersonRecord[];
  };
  // Prepared per connection: planning this statement costs PostgreSQL more than running it.
  const rows = await selectOnPooledConnection<Row>(viewQuery(by), [[...new Set(ids)]]);
  const task = fromJsonRow<TaskRecord>(WorkflowTask);
  const event = fromJsonRow<EventRecord>(WorkflowEvent);
  const revision = fromJsonRow<RevisionRecord>(WorkflowRevision);
  return rows.map(({ __tasks, __events, __revisions, __departments, __people, ...instance }) => ({
    instance,
    tasks: __tasks.map(task),
    events: __events.map(event),
    revisions: __revisions.map(revision),
    departments: __departments,
    people: __people,
  }));
}
