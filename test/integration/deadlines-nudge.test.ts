import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { WorkflowError } from '../../src/domain/workflows/workflow-errors';
import { workflows } from '../support/workflows';
import { leaveForm, PEOPLE, quietMonday, refusal, submitted, useWorkflowDatabase } from './workflows-support';

const { nudge, submitRequest } = workflows;

/** Nudge (催办): an immediate reminder to the current approvers, at most once per interval per task. */
const { db, monday } = useWorkflowDatabase({ settings: { deadlines: { nudgeIntervalMinutes: 30 } } });

describe('nudge', () => {
  it('reminds the current approver once per interval and says when the requester may nudge again', async () => {
    const { instanceId } = submitted(await submitRequest(PEOPLE.evan, 'leave', leaveForm(monday, monday)));
    const t0 = new Date();
    const result = await nudge(PEOPLE.evan, instanceId, t0);
    expect(result.nudged).toHaveLength(1);
    expect(result.nextAt).toBe(new Date(t0.getTime() + 30 * 60_000).toISOString());
    const reminders = (await findOutboxOfInstance(instanceId)).filter((m) => m.kind === 'task_reminder');
    expect(reminders.map((m) => [m.recipientSlackId, (m.payload as { reason: string }).reason])).toEqual([
      [PEOPLE.bob, 'nudge'],
    ]);

    // Ten minutes later: refused, with the time of the next allowed nudge.
    const tooSoon = await nudge(PEOPLE.evan, instanceId, new Date(t0.getTime() + 10 * 60_000)).catch(
      (error: unknown) => error,
    );
    expect(tooSoon).toBeInstanceOf(WorkflowError);
    expect((tooSoon as WorkflowError).code).toBe('nudge_too_soon');
    expect((tooSoon as WorkflowError).details.at).toBe(result.nextAt);
    expect((await findOutboxOfInstance(instanceId)).filter((m) => m.kind === 'task_reminder')).toHaveLength(
      1,
    );

    // After the interval: allowed again.
    await nudge(PEOPLE.evan, instanceId, new Date(t0.getTime() + 31 * 60_000));
    expect((await findOutboxOfInstance(instanceId)).filter((m) => m.kind === 'task_reminder')).toHaveLength(
      2,
    );
  });

  it('only the requester may nudge, and only while the request is in review', async () => {
    const monday = await quietMonday(db, 10);
    const { instanceId } = submitted(await submitRequest(PEOPLE.evan, 'leave', leaveForm(monday, monday)));
    expect(await refusal(nudge(PEOPLE.bob, instanceId))).toBe('not_requester');
    expect(await refusal(nudge('U0NOBODY1', instanceId))).toBe('not_found');
    await db.sequelize.query("UPDATE workflow_instances SET status = 'withdrawn' WHERE id = :id", {
      replacements: { id: instanceId },
    });
    expect(await refusal(nudge(PEOPLE.evan, instanceId))).toBe('invalid_state');
  });
});
