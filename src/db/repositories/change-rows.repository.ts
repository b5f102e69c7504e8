import { type CreationAttributes, QueryTypes, type Transaction } from 'sequelize';
import { AuditEntry, OutboxEntry, WorkflowEvent } from '../models';
import { type AuditRow, auditAttributes } from './audit.repository';
import { insertRowsAsJson } from './workflows.repository';
import { type OutboxInsert, outboxAttributes } from './workflows-outbox.repository';

/** What every change of a request writes last: its history lines, audit rows and outbox rows. */
export interface ChangeRows {
  events: readonly CreationAttributes<WorkflowEvent>[];
  audits: readonly AuditRow[];
  outbox: readonly OutboxInsert[];
}

/**
 * Writes a change's rows as one statement (one INSERT per table in data-modifying CTEs, rows as
 * JSON) instead of one statement per table: each statement is a round trip, a socket write and
 * the model layer's work, and a click's change wrote three. Returns the history rows' ids, in
 * the order given. Timestamps the model would set (an audit row's `at`, an outbox row's
 * `createdAt`) are set here, from this process's clock, as the model did.
 */
export async function insertChangeRows(rows: ChangeRows, transaction: Transaction): Promise<string[]> {
  const now = new Date();
  const bind: string[] = [];
  const parts: string[] = [];
  const add = (name: string, model: Parameters<typeof insertRowsAsJson>[0], records: object[], tail = '') => {
    if (records.length === 0) return;
    const { sql, json } = insertRowsAsJson(
      model,
      records as Record<string, unknown>[],
      `$${bind.length + 1}`,
    );
    bind.push(json);
    parts.push(`${name} AS (${sql}${tail})`);
  };
  add('events', WorkflowEvent, [...rows.events], ' RETURNING id');
  add(
    'audits',
    AuditEntry,
    rows.audits.map((row) => ({ ...auditAttributes(row), at: now })),
  );
  add(
    'notices',
    OutboxEntry,
    rows.outbox.map((row) => ({ ...outboxAttributes(row), createdAt: now })),
  );
  if (parts.length === 0) return [];
  // BIGSERIAL: ids as text, as pg returns a BIGINT; assigned in the order the rows were given.
  const ids =
    rows.events.length > 0
      ? 'SELECT id::text AS id FROM events ORDER BY id'
      : 'SELECT NULL::text AS id WHERE false';
  const result = await WorkflowEvent.sequelize!.query<{ id: string }>(`WITH ${parts.join(',\n')}\n${ids}`, {
    bind,
    type: QueryTypes.SELECT,
    transaction,
  });
  return result.map((row) => row.id);
}
