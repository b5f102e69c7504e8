import type { WorkflowEngine } from '../../../../domain/workflows/engine.service';
import { WorkflowError } from '../../../../domain/workflows/workflow-errors';
import type { Reply } from '../../../replies';
import { plain } from '../../../replies';
import type { UserContext } from '../../../user-context';
import {
  awayOffReply,
  awaySetReply,
  awayStatusReply,
  delegationRefusalText,
} from '../../../views/workflows/delegation.view';
import type { AwayCommand } from './away-text';

/**
 * `/oa away …`: one domain call each. A delegation refusal is answered here with its own message
 * and the usage; every other failure goes to the caller's error reply.
 */
export async function runAwayCommand(
  workflows: Pick<WorkflowEngine, 'awayStatus' | 'endAway' | 'setAway'>,
  command: AwayCommand,
  actorSlackId: string,
  ctx: UserContext,
): Promise<Reply> {
  const { t } = ctx;
  const withUsage = (text: string) => plain(`${text}\n${t('usage.away')}`);
  try {
    switch (command.action) {
      case 'usage':
        return plain(t('usage.away'));
      case 'invalid_date':
        return withUsage(t('away.error.invalidDate', { value: command.value }));
      case 'missing_delegate':
        return withUsage(t('away.error.missingDelegate'));
      case 'status':
        return awayStatusReply(ctx, await workflows.awayStatus(actorSlackId));
      case 'off': {
        const { stillWithDelegate } = await workflows.endAway(actorSlackId);
        return awayOffReply(t, stillWithDelegate);
      }
      case 'set':
        return awaySetReply(
          ctx,
          await workflows.setAway(actorSlackId, {
            from: command.from,
            to: command.to,
            delegateSlackId: command.delegate,
            note: command.note,
          }),
        );
    }
  } catch (error) {
    if (error instanceof WorkflowError && error.code === 'delegation_refused')
      return withUsage(delegationRefusalText(t, error));
    throw error;
  }
}
