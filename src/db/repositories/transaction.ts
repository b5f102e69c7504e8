import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Transactions, Tx } from '../../domain/tx';
import { Person } from '../models';

/**
 * The domain's opaque transaction handle is a Sequelize transaction: these two convert at the
 * boundary (the stores in db/, and code that still holds a Sequelize transaction).
 */
export const asTx = (transaction: Transaction): Tx => transaction as unknown as Tx;
export const sqlTransaction = (tx: Tx): Transaction => tx as unknown as Transaction;

/** The models' database, read when used: stores are built before the models are bound. */
export function modelsDatabase(): Sequelize {
  const sequelize = Person.sequelize;
  if (!sequelize) throw new Error('models are not initialised: call createSequelize() first');
  return sequelize;
}

/** Rows of a SELECT with named replacements on the models' database, in `transaction` if given. */
export function selectRows<T extends object>(
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<T[]> {
  return modelsDatabase().query<T>(sql, {
    replacements,
    type: QueryTypes.SELECT,
    ...(transaction ? { transaction } : {}),
  });
}

/** Runs `fn` in one managed transaction on the models' database (rolled back if it throws). */
export function inTransaction<T>(fn: (transaction: Transaction) => Promise<T>): Promise<T> {
  return modelsDatabase().transaction(fn);
}

/** Serialises changes that must see a consistent set of rows (e.g. "is there another admin?"). */
export async function lockNamed(name: string, transaction: Transaction): Promise<void> {
  await Person.sequelize!.query('SELECT pg_advisory_xact_lock(hashtext(:name))', {
    replacements: { name },
    transaction,
  });
}

/** `asTx`/`sqlTransaction` when the transaction may be absent (a read outside any change). */
export const sqlTransactionOrNone = (tx: Tx | undefined): Transaction | undefined =>
  tx ? sqlTransaction(tx) : undefined;

/** `inTransaction` and `lockNamed` for the domain's stores. */
export const transactions: Transactions = {
  inTransaction: (fn) => inTransaction((transaction) => fn(asTx(transaction))),
  lockNamed: (name, tx) => lockNamed(name, sqlTransaction(tx)),
};
