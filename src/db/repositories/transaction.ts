import type { Transaction } from 'sequelize';
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
