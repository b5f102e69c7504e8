import type { OutboxKind } from './model';
import type { OutboxPayloads } from './outbox-types';
import type { OutboxInsert } from './store';

/**
 * How long a posted digest keeps being brought in line when one of its tasks is decided (its
 * buttons removed): a day, when the next morning's digest takes over.
 */
export const DIGEST_FOLLOW_MS = 24 * 3600_000;

export interface Recipient {
  personId: number | null;
  slackUserId: string | null;
}

/**
 * The notifications of one change, written with it. A person without a Slack id (known only by
 * email) cannot be messaged; the change still happens and the App Home shows it.
 */
export class PendingNotifications {
  private readonly rows: OutboxInsert[] = [];

  constructor(private readonly instanceId: number) {}

  add<K extends OutboxKind>(
    kind: K,
    to: Recipient,
    payload: OutboxPayloads[K],
    taskId: number | null = null,
  ): void {
    if (!to.slackUserId) return;
    this.rows.push({
      kind,
      recipientPersonId: to.personId,
      recipientSlackId: to.slackUserId,
      instanceId: this.instanceId,
      taskId,
      payload,
    });
  }

  /**
   * The caller will deliver the notification of this kind about this task itself, right after
   * the commit: its row is written leased to the caller (see OutboxInsert.leased). False when
   * the change has no such notification.
   */
  leaseToCaller(kind: OutboxKind, taskId: number): boolean {
    const row = this.rows.find((r) => r.kind === kind && r.taskId === taskId);
    if (row) row.leased = true;
    return row !== undefined;
  }

  /** The rows added since the last take, for the change to write with its other rows. */
  take(): OutboxInsert[] {
    return this.rows.splice(0);
  }
}
