import { createHash } from 'node:crypto';
import type { ClientBase, QueryResultRow } from 'pg';
import { QueryTypes, type Transaction } from 'sequelize';
import { Person } from '../models';

/**
 * Statements run often (the people read of every interaction, the card views, the decision's own
 * read and write) go to pg directly as named prepared statements: PostgreSQL then parses and
 * plans each one once per connection instead of on every call (planning the larger ones cost
 * more than running them), and the model layer's per-query work is skipped. Connections use
 * generic plans for prepared statements (`plan_cache_mode`, see sequelize.ts), so a statement's
 * plan is made once and kept. Rows come as pg parses them with Sequelize's type parsers, which
 * every pooled connection carries; errors are pg's own, not wrapped.
 */

/** A connection of Sequelize's postgres pool: a pg client, with Sequelize's "do not reuse" flag. */
type PgConnection = ClientBase & { _invalid?: boolean };

const names = new Map<string, string>();
const MAX_NAMES = 1_000;

/** A name per distinct statement text: the same text always gets the same name. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `gongwu_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < MAX_NAMES) names.set(text, name);
  }
  return name;
}

async function runPrepared<T>(connection: ClientBase, text: string, values: unknown[]): Promise<T[]> {
  const result = await connection.query<T & QueryResultRow>({ name: statementName(text), text, values });
  return result.rows;
}

/**
 * One read-only statement on a connection from Sequelize's own pool (same pool limits). A
 * connection that failed the way Sequelize marks as broken is marked the same way, so the pool
 * replaces it.
 */
export async function selectOnPooledConnection<T>(text: string, values: unknown[]): Promise<T[]> {
  const pool = Person.sequelize!.connectionManager;
  // What Sequelize's own query() passes for a SELECT (a read replica, if one is configured); its
  // typings say 'read' | 'write', but the pool compares the query type with 'SELECT'.
  const read = { type: QueryTypes.SELECT } as unknown as Parameters<typeof pool.getConnection>[0];
  const connection = (await pool.getConnection(read)) as PgConnection;
  try {
    return await runPrepared<T>(connection, text, values);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ECONNRESET') connection._invalid = true;
    throw error;
  } finally {
    pool.releaseConnection(connection);
  }
}

/**
 * One statement on the connection `transaction` holds (Sequelize's own query would send it
 * unnamed, parsed and planned again each time).
 */
export function selectInTransaction<T>(
  transaction: Transaction,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const { connection } = transaction as unknown as { connection: ClientBase };
  return runPrepared<T>(connection, text, values);
}
