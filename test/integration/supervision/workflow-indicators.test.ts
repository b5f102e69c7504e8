import { QueryTypes } from 'sequelize';
import { SqlIndicators } from '../../../src/db/repositories/indicators.repository';
import { addDays } from '../../../src/domain/workflows/working-days';
import { workflows as engine } from '../../support/workflows';
import { clearHolidays, leaveForm, PEOPLE, submitted, useWorkflowDatabase } from '../workflows-support';
import { expectDetailsMatchFigures } from './details-match';
import { novemberScope } from './november-scope';

/**
 * Workflow efficiency indicators on known records: four one-day leave requests made through the
 * engine, their times then set to known instants in November 2026 (Taipei, 09:00–18:00, Mon–Fri):
 *
 *   evan  #1  submitted Mon 2 Nov 09:00, approved  Mon 2 Nov 13:00 →  4 working hours, on time
 *   evan  #2  submitted Mon 2 Nov 09:00, rejected  Tue 3 Nov 10:00 → 10 working hours, late
 *   grace #1  submitted Mon 2 Nov 09:00, approved  Wed 4 Nov 09:00 → 18 working hours, late
 *   evan  #3  submitted Mon 2 Nov 09:00, still pending
 *
 * Every task is due Tue 3 Nov 09:00 (9 working hours).
 */

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });
const { bob, carol, evan, grace } = PEOPLE;

const scope = novemberScope;

async function pendingTask(slackId: string, reference: string): Promise<number> {
  const page = await engine.listPendingTasks(slackId);
  return page.items.find((item) => item.instance.reference === reference)!.taskId;
}

async function setTimes(reference: string, decidedAt: string | null) {
  await db.sequelize.query(
    `UPDATE workflow_instances SET created_at = '2026-11-02T01:00:00Z', decided_at = $2 WHERE reference = $1`,
    { bind: [reference, decidedAt] },
  );
  await db.sequelize.query(
    `UPDATE workflow_tasks SET created_at = '2026-11-02T01:00:00Z', due_at = '2026-11-03T01:00:00Z',
       decided_at = CASE WHEN status = 'pending' THEN NULL ELSE $2::timestamptz END
     WHERE instance_id = (SELECT id FROM workflow_instances WHERE reference = $1)`,
    { bind: [reference, decidedAt] },
  );
  await db.sequelize.query(
    `UPDATE workflow_events SET at = COALESCE($2::timestamptz, '2026-11-02T01:00:00Z')
     WHERE instance_id = (SELECT id FROM workflow_instances WHERE reference = $1)`,
    { bind: [reference, decidedAt] },
  );
}

let financeId: number;

beforeEach(async () => {
  await clearHolidays(db, '2026-11-01', '2026-11-30');
  const leave = () => leaveForm(monday, addDays(monday, 0));
  const [e1, e2, e3] = [
    submitted(await engine.submitRequest(evan, 'leave', leave())),
    submitted(await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 1), addDays(monday, 1)))),
    submitted(await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 2), addDays(monday, 2)))),
  ];
  const g1 = submitted(await engine.submitRequest(grace, 'leave', leave()));
  await engine.approve(bob, await pendingTask(bob, e1.reference));
  await engine.reject(bob, await pendingTask(bob, e2.reference), 'Month-end closing');
  await engine.approve(carol, await pendingTask(carol, g1.reference));
  await setTimes(e1.reference, '2026-11-02T05:00:00Z');
  await setTimes(e2.reference, '2026-11-03T02:00:00Z');
  await setTimes(g1.reference, '2026-11-04T01:00:00Z');
  await setTimes(e3.reference, null);
  const [finance] = await db.sequelize.query<{ id: number }>(
    "SELECT id FROM departments WHERE key = 'finance'",
    {
      type: QueryTypes.SELECT,
    },
  );
  financeId = finance!.id;
});

describe('workflow efficiency indicators', () => {
  it('counts, turnaround, SLA, overdue and outcomes for the whole organisation', async () => {
    const figures = await new SqlIndicators(() => db.sequelize).workflow(scope());
    expect(figures.requests).toEqual([
      { template: 'leave', status: 'approved', count: 2 },
      { template: 'leave', status: 'in_review', count: 1 },
      { template: 'leave', status: 'rejected', count: 1 },
    ]);
    // Hours 4, 10, 18: the median is 10, p90 is 10 + 0.8 × 8 = 16.4 (linear interpolation).
    expect(figures.turnaround).toEqual([{ template: 'leave', decided: 3, medianHours: 10, p90Hours: 16.4 }]);
    expect(figures.steps).toEqual([
      { template: 'leave', stepIndex: 0, tasks: 3, medianHours: 10, p90Hours: 16.4 },
    ]);
    expect(figures).toMatchObject({
      sla: { tasks: 3, onTime: 1 },
      overdueNow: 1,
      overdueInPeriod: 3,
      decided: 3,
      rejected: 1,
      escalations: 0,
      automaticDecisions: 0,
    });
  });

  it('counts only the departments asked for (a head sees their own)', async () => {
    const figures = await new SqlIndicators(() => db.sequelize).workflow(
      scope({ departmentIds: [financeId] }),
    );
    expect(figures.requests.map((row) => [row.status, row.count])).toEqual([
      ['approved', 1],
      ['in_review', 1],
      ['rejected', 1],
    ]);
    expect(figures.turnaround).toEqual([{ template: 'leave', decided: 2, medianHours: 7, p90Hours: 9.4 }]);
    expect(figures.sla).toEqual({ tasks: 2, onTime: 1 });
  });

  it('lists, for every figure, exactly the records it counts', async () => {
    const indicators = new SqlIndicators(() => db.sequelize);
    const rows = await expectDetailsMatchFigures(indicators, scope());
    expect(rows.sla).toBe(3);
    expect(rows['overdue-now']).toBe(1);
    await expectDetailsMatchFigures(indicators, scope({ departmentIds: [financeId] }));
    const detail = await indicators.rows('sla', scope());
    expect(detail.map((row) => row.on_time)).toEqual([true, false, false]);
    expect(detail[0]).toMatchObject({ template: 'leave', approver: bob, step: 0 });
  });

  it('gives a person their own figures: requests as requester, tasks as approver', async () => {
    const indicators = new SqlIndicators(() => db.sequelize);
    const personId = async (slackId: string) =>
      (
        await db.sequelize.query<{ id: number }>('SELECT id FROM people WHERE slack_user_id = $1', {
          bind: [slackId],
          type: QueryTypes.SELECT,
        })
      )[0]!.id;
    const asEvan = await indicators.personal(scope({ personId: await personId(evan) }));
    expect(asEvan.workflow.requests.map((row) => [row.status, row.count])).toEqual([
      ['approved', 1],
      ['in_review', 1],
      ['rejected', 1],
    ]);
    // Evan's two decided requests: 4 and 10 working hours.
    expect(asEvan.workflow.turnaround).toEqual([
      { template: 'leave', decided: 2, medianHours: 7, p90Hours: 9.4 },
    ]);
    expect(asEvan.workflow.sla).toEqual({ tasks: 0, onTime: 0 });
    const asBob = await indicators.personal(scope({ personId: await personId(bob) }));
    expect(asBob.workflow.requests).toEqual([]);
    // Bob decided Evan's first two: one by the due time, one after; Evan's third waits, overdue.
    expect(asBob.workflow.sla).toEqual({ tasks: 2, onTime: 1 });
    expect(asBob.workflow.overdueNow).toBe(1);
    const asCarol = await indicators.personal(scope({ personId: await personId(carol) }));
    expect(asCarol.workflow.sla).toEqual({ tasks: 1, onTime: 0 });
    expect(asCarol.acknowledgements).toEqual({ asked: 0, inTime: 0 });
    // Bob's personal detail lists his own two decided tasks only.
    expect(
      (await indicators.rows('sla', scope({ personId: await personId(bob) }))).map((row) => row.approver),
    ).toEqual([bob, bob]);
  });

  it('finds nothing in the month before', async () => {
    const figures = await new SqlIndicators(() => db.sequelize).workflow(
      scope({ fromDate: '2026-10-01', toDate: '2026-11-01' }),
    );
    expect(figures).toMatchObject({
      requests: [],
      turnaround: [],
      steps: [],
      sla: { tasks: 0, onTime: 0 },
      decided: 0,
    });
    // Overdue now does not depend on the period.
    expect(figures.overdueNow).toBe(1);
  });
});
