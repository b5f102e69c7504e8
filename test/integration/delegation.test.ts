import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { timeZoneOf } from '../../src/domain/workflows/settings';
import { addDays, todayIn } from '../../src/domain/workflows/working-days';
import { workflows } from '../support/workflows';
import {
  count,
  leaveForm,
  outboxSummary,
  PEOPLE,
  refusal,
  refusalError,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

const { approve, awayStatus, endAway, getInstance, handOverPendingTasks, setAway, submitRequest } = workflows;

/**
 * Delegation while away (代理) on real PostgreSQL: validation of `/oa away`, routing of arriving
 * tasks to the delegate (one hop, never to the requester), the FYI, who may act, and the
 * one-click hand-over of pending tasks (idempotent under double and concurrent clicks).
 */
const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });
/** Today in the example organisation's zone (everyone there is in Asia/Taipei). */
const today = () => todayIn(timeZoneOf(workflows.settings, { timezone: 'Asia/Taipei' }));

beforeEach(() => db.sequelize.query('TRUNCATE delegations CASCADE'));

let day = 0;
/** Evan asks for a day of leave (a different day each time: the engine refuses overlaps); Bob decides. */
async function evanAsks(): Promise<{ instanceId: number; reference: string }> {
  const date = addDays(monday, day++ % 5);
  return submitted(await submitRequest(PEOPLE.evan, 'leave', leaveForm(date, date, { reason: `r${day}` })));
}

const away = (who: string, delegate: string, from = today(), to = addDays(today(), 3), note?: string) =>
  setAway(who, { from, to, delegateSlackId: delegate, note: note ?? null });

const tasksOf = async (instanceId: number) => findTasksOf([instanceId]);

describe('/oa away: validation', () => {
  it('refuses bad periods and ineligible delegates with a reason', async () => {
    const why = async (promise: Promise<unknown>) => (await refusalError(promise)).details.why;
    expect(await why(away(PEOPLE.bob, PEOPLE.daniel, addDays(today(), 3), addDays(today(), 1)))).toBe(
      'end_before_start',
    );
    expect(await why(away(PEOPLE.bob, PEOPLE.daniel, addDays(today(), -5), addDays(today(), -1)))).toBe(
      'already_over',
    );
    expect(await why(away(PEOPLE.bob, PEOPLE.daniel, today(), addDays(today(), 400)))).toBe('too_long');
    expect(await why(away(PEOPLE.bob, PEOPLE.bob))).toBe('self');
    expect(await why(away(PEOPLE.bob, 'U0NOBODY1'))).toBe('delegate_unknown');
    expect(await why(away(PEOPLE.bob, PEOPLE.ivy))).toBe('delegate_suspended');
    expect(await why(away(PEOPLE.bob, PEOPLE.henry))).toBe('delegate_guest');
    expect(await refusal(away(PEOPLE.bob, PEOPLE.daniel, '2026-02-30', '2026-03-02'))).toBe('invalid_input');
    expect(await refusal(away(PEOPLE.bob, PEOPLE.daniel, today(), today(), 'x'.repeat(501)))).toBe(
      'text_too_long',
    );
    // Guests approve nothing, so they delegate nothing.
    expect(await refusal(away(PEOPLE.henry, PEOPLE.daniel))).toBe('guest_forbidden');
    expect(await why(endAway(PEOPLE.bob))).toBe('not_away');
    expect(await count(db, 'SELECT count(*) AS n FROM delegations')).toBe(0);
  });

  it('one hop: a delegate who is away on any of those days is refused', async () => {
    await away(PEOPLE.daniel, PEOPLE.alice, addDays(today(), 2), addDays(today(), 4));
    const error = await refusalError(away(PEOPLE.bob, PEOPLE.daniel));
    expect(error.details).toMatchObject({
      why: 'delegate_away',
      who: 'Daniel Wu',
      from: addDays(today(), 2),
      to: addDays(today(), 4),
    });
    // Not overlapping: fine.
    await away(PEOPLE.bob, PEOPLE.daniel, today(), addDays(today(), 1));
  });

  it('a start in the past means today; an overlapping new delegation replaces the old one', async () => {
    const first = await away(PEOPLE.bob, PEOPLE.daniel, addDays(today(), -2), addDays(today(), 2), 'Trip');
    expect(first.startsToday).toBe(true);
    expect(first.delegation).toMatchObject({
      startDate: today(),
      endDate: addDays(today(), 2),
      note: 'Trip',
    });
    expect(first.delegation.delegate.name).toBe('Daniel Wu');
    const second = await away(PEOPLE.bob, PEOPLE.carol, addDays(today(), 1), addDays(today(), 5));
    expect(second.replaced.map((d) => d.id)).toEqual([first.delegation.id]);
    const status = await awayStatus(PEOPLE.bob);
    expect(status.delegations.map((d) => d.delegate.name)).toEqual(['Carol Huang']);
    const audited =
      "SELECT count(*) AS n FROM audit_log WHERE action = :action AND (after->>'id')::int IN (:ids)";
    const ids = [first.delegation.id, second.delegation.id];
    expect(await count(db, audited, { action: 'delegation.set', ids })).toBe(2);
    await endAway(PEOPLE.bob);
    expect((await awayStatus(PEOPLE.bob)).delegations).toEqual([]);
    const ended =
      "SELECT count(*) AS n FROM audit_log WHERE action = 'delegation.ended' AND before->'delegations' @> CAST(:json AS jsonb)";
    expect(await count(db, ended, { json: JSON.stringify([{ id: second.delegation.id }]) })).toBe(1);
  });
});

describe('routing while away', () => {
  it('a task that arrives goes to the delegate, on behalf of the approver, who gets an FYI', async () => {
    const { delegation } = await away(PEOPLE.bob, PEOPLE.daniel);
    const { instanceId, reference } = await evanAsks();
    const [task] = await tasksOf(instanceId);
    expect(task).toMatchObject({ delegationId: delegation.id, status: 'pending' });
    const view = await getInstance(PEOPLE.daniel, instanceId); // the delegate may see it
    const summary = view.steps[0]!.tasks[0]!;
    expect(summary.assignee.slackUserId).toBe(PEOPLE.daniel);
    expect(summary.onBehalfOf?.slackUserId).toBe(PEOPLE.bob);
    expect(summary.delegationId).toBe(delegation.id);
    expect(view.history.map((e) => e.kind)).toContain('delegated');
    expect(await outboxSummary(instanceId)).toEqual(
      expect.arrayContaining([`task_assigned→${PEOPLE.daniel}`, `task_delegated→${PEOPLE.bob}`]),
    );
    expect(await outboxSummary(instanceId)).not.toContain(`task_assigned→${PEOPLE.bob}`);
    expect(
      await count(
        db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_delegated' AND subject_id = :reference",
        { reference },
      ),
    ).toBe(1);
    await approve(PEOPLE.daniel, task!.id);
    expect((await tasksOf(instanceId))[0]?.status).toBe('approved');
  });

  it('the absent approver may still decide; anyone else may not', async () => {
    await away(PEOPLE.bob, PEOPLE.daniel);
    const { instanceId } = await evanAsks();
    const [task] = await tasksOf(instanceId);
    expect(await refusal(approve(PEOPLE.carol, task!.id))).toBe('not_your_task');
    await approve(PEOPLE.bob, task!.id);
    expect((await tasksOf(instanceId))[0]?.status).toBe('approved');
    // The card to update is the delegate's: the decision is told to the holder of the task.
    const decided = (await findOutboxOfInstance(instanceId)).filter((m) => m.kind === 'task_decided');
    expect(decided.map((m) => m.recipientSlackId)).toEqual([PEOPLE.daniel]);
    const view = await getInstance(PEOPLE.bob, instanceId);
    expect(view.history.find((e) => e.kind === 'approved')?.actor?.slackUserId).toBe(PEOPLE.bob);
  });

  it('never to the requester: the task stays with the approver, and the audit log says why', async () => {
    await away(PEOPLE.bob, PEOPLE.evan);
    const { instanceId, reference } = await evanAsks();
    const [task] = await tasksOf(instanceId);
    expect(task).toMatchObject({ delegationId: null, onBehalfOfPersonId: null });
    expect(await outboxSummary(instanceId)).toContain(`task_assigned→${PEOPLE.bob}`);
    const [row] = await db.sequelize.query<{ after: { why: string } }>(
      "SELECT after FROM audit_log WHERE action = 'workflow.delegation_skipped' AND subject_id = :reference",
      { replacements: { reference }, type: 'SELECT' as never },
    );
    expect(row?.after.why).toBe('delegate_is_requester');
  });

  it('one hop: the delegate’s own delegation is not followed', async () => {
    await away(PEOPLE.bob, PEOPLE.daniel);
    // Daniel may go away while covering for Bob (he is told so); Bob's tasks still go to Daniel.
    const daniel = await away(PEOPLE.daniel, PEOPLE.alice);
    expect(daniel.status.coveringFor.map((d) => d.person.slackUserId)).toEqual([PEOPLE.bob]);
    const { instanceId } = await evanAsks();
    expect(await outboxSummary(instanceId)).toContain(`task_assigned→${PEOPLE.daniel}`);
    expect(await outboxSummary(instanceId)).not.toContain(`task_assigned→${PEOPLE.alice}`);
  });

  it('after /oa away off new tasks come to the approver again; delegated ones stay', async () => {
    await away(PEOPLE.bob, PEOPLE.daniel);
    const first = await evanAsks();
    const { stillWithDelegate } = await endAway(PEOPLE.bob);
    expect(stillWithDelegate).toBe(1);
    const second = await evanAsks();
    expect(await outboxSummary(second.instanceId)).toContain(`task_assigned→${PEOPLE.bob}`);
    expect((await tasksOf(first.instanceId))[0]?.delegationId).not.toBeNull();
  });

  it('a delegation that starts later does not route today', async () => {
    await away(PEOPLE.bob, PEOPLE.daniel, addDays(today(), 2), addDays(today(), 4));
    const { instanceId } = await evanAsks();
    expect(await outboxSummary(instanceId)).toContain(`task_assigned→${PEOPLE.bob}`);
  });
});

describe('hand-over of pending tasks', () => {
  it('moves every pending task once, even on a double or concurrent click', async () => {
    // Two requests pending with Bob, from two requesters, before he goes away.
    const a = await evanAsks();
    const b = await evanAsks();
    const set = await away(PEOPLE.bob, PEOPLE.daniel);
    expect(set.status.pendingHeld).toBe(2);

    // Daniel cannot press Bob's button.
    expect((await refusalError(handOverPendingTasks(PEOPLE.daniel, set.delegation.id))).details.why).toBe(
      'handover_not_yours',
    );
    const [one, two] = await Promise.all([
      handOverPendingTasks(PEOPLE.bob, set.delegation.id),
      handOverPendingTasks(PEOPLE.bob, set.delegation.id),
    ]);
    expect([...one!.handedOver, ...two!.handedOver].sort()).toEqual([a.reference, b.reference].sort());
    expect((await handOverPendingTasks(PEOPLE.bob, set.delegation.id)).handedOver).toEqual([]);

    for (const { instanceId } of [a, b]) {
      const tasks = await tasksOf(instanceId);
      expect(tasks.map((t) => t.status)).toEqual(['transferred', 'pending']);
      expect(tasks[1]).toMatchObject({ delegationId: set.delegation.id });
      expect(await outboxSummary(instanceId)).toEqual(
        expect.arrayContaining([`task_decided→${PEOPLE.bob}`, `task_assigned→${PEOPLE.daniel}`]),
      );
    }
    const handed =
      "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_handed_over' AND subject_id IN (:refs)";
    expect(await count(db, handed, { refs: [a.reference, b.reference] })).toBe(2);
    // Bob may still decide a handed-over task.
    const [, moved] = await tasksOf(a.instanceId);
    await approve(PEOPLE.bob, moved!.id);
    expect((await awayStatus(PEOPLE.bob)).delegatedCount).toBe(1);

    // An ended delegation's button moves nothing.
    await endAway(PEOPLE.bob);
    expect((await refusalError(handOverPendingTasks(PEOPLE.bob, set.delegation.id))).details.why).toBe(
      'handover_over',
    );
  });

  it('keeps tasks the delegate requested, and tasks held as someone else’s delegate', async () => {
    // Daniel covers for Bob; Evan's request goes to Daniel. Then Daniel goes away himself.
    await away(PEOPLE.bob, PEOPLE.daniel);
    const delegated = await evanAsks();
    const own = await away(PEOPLE.daniel, PEOPLE.alice);
    const result = await handOverPendingTasks(PEOPLE.daniel, own.delegation.id);
    expect(result.handedOver).toEqual([]);
    expect(result.skipped).toEqual([{ reference: delegated.reference, why: 'delegated_to_you' }]);
  });
});
