import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { addWorkingHours, calendarOf } from '../../src/domain/workflows/work-calendar';
import { configureWorkflows, workflowSettings, workflows } from '../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

const { submitRequest } = workflows;

/** A task's due time is its step's SLA in working hours, counted on the organisation's calendar. */
const { db, monday } = useWorkflowDatabase();

describe('due time of a new task', () => {
  it('is the default SLA in working hours after the task was created, holidays included', async () => {
    configureWorkflows({ defaultSlaHours: 16 });
    const { instanceId } = submitted(await submitRequest(PEOPLE.evan, 'leave', leaveForm(monday, monday)));
    const [task] = await findTasksOf([instanceId]);
    expect(task?.dueAt).toBeInstanceOf(Date);
    const holidays = await db.sequelize.query<{ date: string }>('SELECT date FROM holidays', {
      type: 'SELECT' as never,
    });
    const calendar = calendarOf(
      workflowSettings().calendar,
      workflowSettings().defaultTimeZone,
      new Set(holidays.map((row) => row.date)),
    );
    // The engine counts from the moment of the change, a few ms before the row's created_at.
    const expected = addWorkingHours(task!.createdAt, 16, calendar).getTime();
    expect(Math.abs(task!.dueAt!.getTime() - expected)).toBeLessThan(5000);
    expect(task!.dueAt!.getTime() - task!.createdAt.getTime()).toBeGreaterThanOrEqual(16 * 3_600_000 - 5000);
  });
});
