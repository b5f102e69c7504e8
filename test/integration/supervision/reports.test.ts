import { ReportError, type ReportRefusal } from '../../../src/domain/supervision/report.service';
import { addDays } from '../../../src/domain/workflows/working-days';
import { reports, workflows } from '../../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from '../workflows-support';

/**
 * `/oa report`'s service on the example organisation: who may see which departments, and the
 * figures of this month against the month before.
 */

const { monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });
const { alice, bob, evan, grace, daniel, leader } = PEOPLE;

async function refusal(work: Promise<unknown>): Promise<ReportRefusal> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ReportError)) throw new Error(`expected a ReportError, got ${String(error)}`);
  return error.refusal;
}

beforeEach(async () => {
  submitted(await workflows.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  submitted(await workflows.submitRequest(grace, 'leave', leaveForm(addDays(monday, 1), addDays(monday, 1))));
});

describe('supervision reports', () => {
  it('gives an admin the whole organisation, this month against the one before', async () => {
    const report = await reports.report(alice);
    expect(report.department).toBeNull();
    expect(report.period.label).toMatch(/^\d{4}-\d{2}$/);
    expect(report.current.workflow.requests).toEqual([{ template: 'leave', status: 'in_review', count: 2 }]);
    expect(report.previous.workflow.requests).toEqual([]);
  });

  it('gives a department head their department only', async () => {
    const report = await reports.report(bob);
    expect(report.department?.key).toBe('finance');
    expect(report.current.workflow.requests).toEqual([{ template: 'leave', status: 'in_review', count: 1 }]);
  });

  it('gives the head of the general office its sub-departments too, and no other department', async () => {
    // Alice heads the general office, but is an admin: Daniel heads IT, below it.
    expect((await reports.report(daniel)).department?.key).toBe('it');
    expect(await refusal(reports.report(daniel, undefined, 'finance'))).toEqual({
      code: 'department_not_yours',
      key: 'finance',
    });
    expect((await reports.report(alice, 'last-30-days', 'general-office')).department?.key).toBe(
      'general-office',
    );
  });

  it('refuses people who head nothing, unknown departments and what is not a period', async () => {
    expect(await refusal(reports.report(evan))).toEqual({ code: 'not_allowed' });
    expect(await refusal(reports.report(leader))).toEqual({ code: 'not_allowed' });
    expect(await refusal(reports.report(alice, undefined, 'marketing'))).toEqual({
      code: 'unknown_department',
      key: 'marketing',
    });
    expect(await refusal(reports.report(alice, 'yesterday'))).toEqual({
      code: 'not_a_period',
      input: 'yesterday',
    });
    expect(await refusal(reports.report('U0NOBODY00'))).toEqual({ code: 'not_registered' });
  });
});
