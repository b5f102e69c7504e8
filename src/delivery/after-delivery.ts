import type { OutboxKind } from '../domain/workflows/model';
import type { Logger } from '../logger';

/** What "after delivery" listeners learn of a delivered row. */
export interface DeliveredRow {
  kind: OutboxKind;
  taskId: number | null;
}
export type DeliveredListener = (row: DeliveredRow) => Promise<void>;

/**
 * "After delivery" as an event: told every row once it is marked delivered, whoever delivered it
 * (the courier, or the clicked card's response_url). The deadline code subscribes: a task's
 * reminders are scheduled once its card is out and dropped once it closes.
 */
export class AfterDelivery {
  private readonly listeners: DeliveredListener[] = [];

  constructor(private readonly logger: Logger) {}

  subscribe(listener: DeliveredListener): void {
    this.listeners.push(listener);
  }

  /** Listeners run after the mark, never holding up the courier; a failure is theirs to repair. */
  announce(rows: readonly DeliveredRow[]): void {
    for (const listener of this.listeners)
      for (const row of rows)
        void listener(row).catch((error: unknown) =>
          this.logger.warn(
            { err: error, kind: row.kind, taskId: row.taskId },
            'an after-delivery step failed',
          ),
        );
  }
}
