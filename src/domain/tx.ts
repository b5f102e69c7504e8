/**
 * A database transaction as the domain sees it: an opaque handle that a service only passes back
 * to its store. `db/repositories/transaction.ts` is the one place that turns it into Sequelize's
 * `Transaction` and back, so no domain module needs the ORM to run (or to be unit-tested).
 */
export type Tx = { readonly __brand: 'Tx' };

/** What every domain store offers: one managed transaction (rolled back if `fn` throws). */
export interface Transactions {
  inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Serialises changes that must see a consistent set of rows (e.g. "is there another admin?"). */
  lockNamed(name: string, tx: Tx): Promise<void>;
}

/** The time, injected so that rules depending on it can be tested at any instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
