/**
 * Whether `work` settled within `budgetMs`, and with what; its failure within the budget is thrown.
 * For answers that go in an acknowledgement when they are ready in time (`/oa`).
 */
export type InTime<T> = { done: true; value: T } | { done: false };

export function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<InTime<T>> {
  return new Promise<InTime<T>>((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), budgetMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ done: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
