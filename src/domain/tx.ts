/**
 * A database transaction as the domain holds it: an opaque handle it passes back to its store,
 * never opens or inspects. The store (in db/) is the only code that knows what is inside.
 */
export type Tx = { readonly __brand: 'Tx' };
