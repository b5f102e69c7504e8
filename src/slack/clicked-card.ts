import { markOutboxFailed, releaseOutboxLease } from '../db/repositories/workflows-outbox.repository';
import type { SlackDeps } from './deps';
import { approverCard } from './outbox-notifier';
import { responderFor } from './respond';
import type { UserContext } from './user-context';

/**
 * After an Approve click has committed, the card the approver clicked is updated at once through
 * the click's `response_url` (replace_original) instead of waiting its turn in the outbox: the
 * person who just clicked sees the outcome first, and a response_url does not count against
 * chat.update's Tier 3 limit. The card's `task_decided` outbox row (`rowId`) was written leased to
 * the click by the decision itself, so exactly one of this and the courier makes the update; if
 * anything fails, the row goes back to the courier.
 *
 * Only when the click came from the card itself: a click on a reminder or digest message has a
 * response_url for that message, and the card (elsewhere in the DM) is the courier's to update.
 */
export async function updateClickedCard(
  ctx: UserContext,
  taskId: number,
  clicked: { rowId: string; ts: string | undefined; responseUrl: string },
  deps: Pick<SlackDeps, 'logger' | 'outbox' | 'workflows'>,
): Promise<boolean> {
  const { logger } = deps;
  const { rowId } = clicked;
  try {
    const task = await deps.workflows.readTaskView(taskId);
    if (!task.card || task.card.ts !== clicked.ts) {
      await releaseOutboxLease(rowId);
      return false;
    }
    await responderFor(clicked.responseUrl)({ replace_original: true, ...approverCard(ctx, task) });
    // Marked through the courier, so "after delivery" runs (the task's reminders are dropped).
    await deps.outbox.settleClicked({ id: rowId, kind: 'task_decided', taskId });
    return true;
  } catch (error) {
    // The courier takes the row again (at its next reconciliation) and updates the card itself.
    logger.warn({ err: error, taskId }, 'could not update the clicked card; the outbox will');
    await markOutboxFailed(rowId, error instanceof Error ? error.message : String(error)).catch(
      () => undefined,
    );
    return false;
  }
}
