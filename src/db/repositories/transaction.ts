import type { Transaction } from 'sequelize';
import type { Transactions, Tx } from '../../domain/tx';
import { Person } from '../models';

/** Runs `fn` in one managed transaction on the models' database (rolled back if it throws). */
export function inTransaction<T>(fn: (transaction: Transaction) => Promise<T>): Promise<T> {
  const sequelize = Person.sequelize;
  if (!sequelize) throw new Error('models are not initialised: call createSequelize() first');
  return sequelize.transaction(fn);
}

/** Serialises changes that must see a consistent set of rows (e.g. "is there another admin?"). */
export async function lockNamed(name: string, transaction: Transaction): Promise<void> {
  await Person.sequelize!.query('SELECT pg_advisory_xact_lock(hashtext(:name))', {
    replacements: { name },
    transaction,
  });
}

/**
 * The domain's opaque `Tx` is Sequelize's transaction: these two casts are the only place where
 * one becomes the other (the stores in `db/stores/` call `sql`, the composition root `txOf`).
 */
export const sql = (tx: Tx): Transaction => tx as unknown as Transaction;
export const sqlOrNone = (tx: Tx | undefined): Transaction | undefined => (tx ? sql(tx) : undefined);
export const txOf = (transaction: Transaction): Tx => transaction as unknown as Tx;

/** `inTransaction` and `lockNamed` for the domain's stores. */
export const transactions: Transactions = {
  inTransaction: (fn) => inTransaction((transaction) => fn(txOf(transaction))),
  lockNamed: (name, tx) => lockNamed(name, sql(tx)),
};
