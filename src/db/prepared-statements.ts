import { createHash } from 'node:crypto';
import type { ClientBase, QueryResultRow } from 'pg';
import type { Transaction } from 'sequelize';

/**
 * Statements on the hot path of a decision run as named prepared statements: PostgreSQL then
 * parses and plans each one once per connection instead of on every call (planning the larger
 * ones cost more than running them). Connections use generic plans for prepared statements
 * (`plan_cache_mode`, see sequelize.ts), so a statement's plan is made once and kept.
 */
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

/**
 * Runs `text` as a named prepared statement on the connection `transaction` holds (Sequelize's
 * own query would send it unnamed, parsed and planned again each time). Rows as pg parses them
 * with Sequelize's type parsers, which the connection carries.
 */
export async function selectInTransaction<T>(
  transaction: Transaction,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const { connection } = transaction as unknown as { connection: ClientBase };
  const result = await connection.query<T & QueryResultRow>({ name: statementName(text), text, values });
  return result.rows;
}
