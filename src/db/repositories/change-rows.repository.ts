import type { Transaction } from 'sequelize';
import type { ChangeRows, TaskClose } from '../../domain/workflows/store';
import { AuditEntry, OutboxEntry, WorkflowEvent, WorkflowInstance, WorkflowTask } from '../models';
import { rowAsJson } from '../sql/model-rows';
import { selectInTransaction } from '../sql/prepared-statements';
import { auditAttributes } from './audit.repository';
import { outboxAttributes } from './workflows-outbox.repository';

export type { ChangeRows, TaskClose };

type Model = Parameters<typeof rowAsJson>[0];

/**
 * Writes a change as one statement (data-modifying CTEs; rows and changed attributes as JSON,
 * typed by the tables themselves) instead of one statement per table and update: each statement
 * is a round trip, a socket write and the model layer's work, and an approval wrote six. The
 * parts touch different rows, so they cannot see or undo each other (they share one snapshot).
 * Timestamps the models set (`updatedAt` of what is updated, an audit row's `at`, an outbox
 * row's `createdAt`, and the lease of a row written leased) are set here from this process's
 * clock, as the models did. Returns the history rows' ids, in the order given, and the ids of
 * the outbox rows written leased.
 */
export async function writeChangeRows(
  rows: ChangeRows,
  transaction: Transaction,
): Promise<{ eventIds: string[]; leasedOutboxIds: string[] }> {
  const now = new Date();
  const bind: unknown[] = [];
  const param = (value: unknown) => {
    bind.push(value);
    return `$${bind.length}`;
  };
  const parts: string[] = [];
  const insert = (name: string, model: Model, records: readonly object[], tail = '') => {
    if (records.length === 0) return;
    const { columns, table, records: json } = rowAsJson(model, records);
    parts.push(
      `${name} AS (INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, ${param(JSON.stringify(json))}::json)${tail})`,
    );
  };
  /** `UPDATE … SET <the attributes given> … WHERE <where>`, the values read as the table types them. */
  const update = (name: string, model: Model, changes: object, where: (alias: string) => string) => {
    const { columns, table, records } = rowAsJson(model, [changes]);
    const set = columns.map((column) => `${column} = v.${column}`).join(', ');
    parts.push(
      `${name} AS (UPDATE ${table} u SET ${set} FROM json_populate_record(NULL::${table}, ${param(JSON.stringify(records[0]))}::json) v WHERE ${where('u')})`,
    );
  };

  if (rows.instance && Object.keys(rows.instance.changes).length > 0) {
    const { id } = rows.instance;
    update(
      'request',
      WorkflowInstance,
      { ...rows.instance.changes, updatedAt: now },
      (u) => `${u}.id = ${param(id)}`,
    );
  }
  for (const [index, close] of (rows.taskCloses ?? []).entries()) {
    if (close.ids.length === 0) continue;
    update(
      `closed_${index}`,
      WorkflowTask,
      { ...close.changes, updatedAt: now },
      (u) => `${u}.id = ANY (${param([...close.ids])}::int[]) AND ${u}.status = 'pending'`,
    );
  }
  if (rows.revisionOutcome) {
    const { instanceId, revision, outcome } = rows.revisionOutcome;
    parts.push(
      `outcome AS (UPDATE workflow_revisions SET outcome = ${param(outcome)} WHERE instance_id = ${param(instanceId)} AND revision = ${param(revision)})`,
    );
  }
  insert('events', WorkflowEvent, rows.events, ' RETURNING id');
  insert(
    'audits',
    AuditEntry,
    rows.audits.map((row) => ({ ...auditAttributes(row), at: now })),
  );
  insert(
    'notices',
    OutboxEntry,
    rows.outbox.map((row) => ({ ...outboxAttributes(row, now), createdAt: now })),
    ' RETURNING id, leased_until IS NOT NULL AS leased',
  );
  if (parts.length === 0) return { eventIds: [], leasedOutboxIds: [] };
  // BIGSERIAL: ids as text, as pg returns a BIGINT; taken in the order the rows were given.
  const ids = [
    ...(rows.events.length > 0 ? ["SELECT 'event' AS part, id FROM events"] : []),
    ...(rows.outbox.some((row) => row.leased) ? ["SELECT 'leased', id FROM notices WHERE leased"] : []),
  ];
  const select =
    ids.length > 0
      ? `SELECT part, id::text AS id FROM (${ids.join(' UNION ALL ')}) ids ORDER BY part, ids.id`
      : 'SELECT NULL AS part, NULL::text AS id WHERE false';
  // A few shapes (which parts a change has), each prepared once per connection.
  const result = await selectInTransaction<{ part: 'event' | 'leased'; id: string }>(
    transaction,
    `WITH ${parts.join(',\n')}\n${select}`,
    bind,
  );
  return {
    eventIds: result.filter((row) => row.part === 'event').map((row) => row.id),
    leasedOutboxIds: result.filter((row) => row.part === 'leased').map((row) => row.id),
  };
}
