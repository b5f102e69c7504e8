import { findAuditRows } from '../../src/db/repositories/audit.repository';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import { addDays } from '../../src/domain/workflows/working-days';
import { workflows as engine } from '../support/workflows';
import {
  full,
  leaveForm,
  outboxSummary,
  PEOPLE,
  refusal,
  refusalError,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

const { bob, carol, evan, leader, alice, daniel, fiona, henry, ivy } = PEOPLE;

async function pendingTaskOf(slackId: string, reference: string): Promise<number> {
  const page = await engine.listPendingTasks(slackId);
  const task = page.items.find((item) => item.instance.reference === reference);
  if (!task) throw new Error(`${slackId} has no task on ${reference}`);
  return task.taskId;
}

async function evanLeave(days: number, start = monday) {
  return submitted(await engine.submitRequest(evan, 'leave', leaveForm(start, addDays(start, days - 1))));
}

describe('a leave request, end to end', () => {
  it('five days: the department head, then the leader; approved with both approvals', async () => {
    const request = await evanLeave(5);
    expect(request.reference).toMatch(/^LV-\d{4}-0001$/);
    let view = await engine.getInstance(evan, request.reference);
    expect(view).toMatchObject({ status: 'in_review', revision: 1, currentStepIndex: 0, stepCount: 2 });
    expect(view.values.working_days).toBe(5);
    expect(view.steps.map((s) => [s.key, s.status, s.approvers.map((a) => a.slackUserId)])).toEqual([
      ['department_head', 'in_progress', [bob]],
      ['leader', 'waiting', [leader]],
    ]);
    expect(view.requester).toMatchObject({
      slackUserId: evan,
      name: 'Evan Lee',
      department: { key: 'finance' },
    });
    expect((await engine.listPendingTasks(leader)).total).toBe(0);

    const bobTasks = await engine.listPendingTasks(bob);
    expect(
      bobTasks.items.map((t) => [t.instance.reference, t.stepIndex, t.stepCount, t.stepName.en]),
    ).toEqual([[request.reference, 0, 2, 'Department head']]);
    const afterBob = await engine.approve(bob, bobTasks.items[0]!.taskId, '  Enjoy  ');
    expect(afterBob).toMatchObject({ status: 'in_review', currentStepIndex: 1 });
    const done = await engine.approve(leader, await pendingTaskOf(leader, request.reference));
    expect(done).toMatchObject({ status: 'approved', currentStepIndex: null });

    view = await engine.getInstance(evan, request.instanceId);
    expect(view.status).toBe('approved');
    expect(view.decidedAt).not.toBeNull();
    expect(
      view.steps.map((s) => [s.status, s.tasks.map((t) => [t.assignee.name, t.status, t.comment])]),
    ).toEqual([
      ['approved', [['Bob Wang', 'approved', 'Enjoy']]],
      ['approved', [['Lin Chih-ming', 'approved', null]]],
    ]);
    expect(view.history.map((e) => e.kind)).toEqual(['submitted', 'approved', 'approved', 'completed']);

    const audits = await findAuditRows({ subjectType: 'workflow_request', subjectId: request.reference });
    expect(audits.map((a) => [a.actor, a.action])).toEqual([
      [evan, 'workflow.submitted'],
      [bob, 'workflow.task_approved'],
      [leader, 'workflow.task_approved'],
      [leader, 'workflow.approved'],
    ]);
    // One outbox row per notification, to the right person, in order; HR's head is copied on approval.
    expect(await outboxSummary(request.instanceId)).toEqual([
      `task_assigned→${bob}`,
      `request_updated→${evan}`,
      `task_decided→${bob}`,
      `task_assigned→${leader}`,
      `request_updated→${evan}`,
      `task_decided→${leader}`,
      `request_updated→${evan}`,
      `request_decided→${evan}`,
      `cc_notified→${carol}`,
    ]);
    const rows = await findOutboxOfInstance(request.instanceId);
    expect(rows.find((r) => r.kind === 'request_decided')?.payload).toEqual({
      instanceId: request.instanceId,
      outcome: 'approved',
    });
    expect(rows.find((r) => r.kind === 'task_assigned' && r.recipientSlackId === leader)).toMatchObject({
      payload: { instanceId: request.instanceId, stepIndex: 1, revision: 1 },
      deliveredAt: null,
    });
  });

  it('three days or fewer: the department head alone', async () => {
    const request = await evanLeave(3);
    expect((await engine.getInstance(evan, request.reference)).steps.map((s) => s.key)).toEqual([
      'department_head',
    ]);
    expect(await engine.approve(bob, await pendingTaskOf(bob, request.reference))).toMatchObject({
      status: 'approved',
    });
  });

  it('counts half days: Monday afternoon to Thursday morning is three days', async () => {
    const request = submitted(
      await engine.submitRequest(
        evan,
        'leave',
        leaveForm(monday, monday, {
          start: { date: monday, part: 'pm' },
          end: { date: addDays(monday, 3), part: 'am' },
        }),
      ),
    );
    expect((await engine.getInstance(evan, request.reference)).values.working_days).toBe(3);
  });
});

describe('rejection, return and resubmission', () => {
  it('a rejection needs a reason; the requester revises and resubmits; every revision is kept', async () => {
    const request = await evanLeave(2);
    const first = await pendingTaskOf(bob, request.reference);
    expect(await refusal(engine.reject(bob, first, '   '))).toBe('reason_required');
    expect((await engine.getInstance(bob, request.reference)).status).toBe('in_review');

    expect(await engine.reject(bob, first, 'Month-end closing')).toMatchObject({ status: 'rejected' });
    const decided = await refusalError(engine.approve(bob, first));
    expect(decided.code).toBe('already_decided');
    expect(decided.details).toMatchObject({ by: 'Bob Wang', decision: 'rejected' });
    expect(Date.parse(String(decided.details.at))).not.toBeNaN();

    expect(await refusal(engine.resubmit(fiona, request.instanceId, leaveForm(monday, monday)))).toBe(
      'not_requester',
    );
    const later = addDays(monday, 7);
    const again = submitted(
      await engine.resubmit(evan, request.instanceId, leaveForm(later, addDays(later, 1))),
    );
    expect(again).toMatchObject({
      instanceId: request.instanceId,
      reference: request.reference,
      duplicate: false,
    });
    const second = await pendingTaskOf(bob, request.reference);
    expect(second).not.toBe(first);
    await engine.approve(bob, second);

    const view = await engine.getInstance(evan, request.reference);
    expect(view).toMatchObject({ status: 'approved', revision: 2 });
    expect(
      view.revisions.map((r) => [r.revision, r.outcome, r.fields.find((f) => f.id === 'start')?.display?.en]),
    ).toEqual([
      [1, 'rejected', monday],
      [2, 'approved', later],
    ]);
    expect(view.revisions[0]!.steps[0]!.tasks.map((t) => [t.status, t.comment])).toEqual([
      ['rejected', 'Month-end closing'],
    ]);
    expect(view.steps[0]!.tasks.map((t) => t.status)).toEqual(['approved']);
    expect(view.history.map((e) => e.kind)).toEqual([
      'submitted',
      'rejected',
      'completed',
      'resubmitted',
      'approved',
      'completed',
    ]);
    expect(await refusal(engine.resubmit(evan, request.instanceId, leaveForm(later, later)))).toBe(
      'invalid_state',
    );
    const outcomes = (await findOutboxOfInstance(request.instanceId))
      .filter((m) => m.kind === 'request_decided')
      .map((m) => m.payload);
    expect(outcomes).toEqual([
      { instanceId: request.instanceId, outcome: 'rejected' },
      { instanceId: request.instanceId, outcome: 'approved' },
    ]);
  });

  it('a resubmission is validated like a submission', async () => {
    const request = await evanLeave(1);
    await engine.reject(bob, await pendingTaskOf(bob, request.reference), 'No');
    const result = await engine.resubmit(evan, request.instanceId, leaveForm(addDays(monday, 1), monday));
    expect(result).toEqual({ ok: false, errors: { end: { code: 'end_before_start' } } });
    expect((await engine.getInstance(evan, request.reference)).revision).toBe(1);
  });

  it('returned for changes: not decided, still blocks overlapping leave, resubmitted with the same dates', async () => {
    const request = await evanLeave(2);
    expect(
      await engine.returnForChanges(
        bob,
        await pendingTaskOf(bob, request.reference),
        'Add the handover plan',
      ),
    ).toMatchObject({
      status: 'returned',
    });
    const view = await engine.getInstance(evan, request.reference);
    expect(view.decidedAt).toBeNull();
    expect(view.steps[0]).toMatchObject({ status: 'returned' });
    const overlapping = await engine.submitRequest(
      evan,
      'leave',
      leaveForm(addDays(monday, 1), addDays(monday, 1)),
    );
    expect(overlapping).toEqual({
      ok: false,
      errors: { start: { code: 'overlaps_existing', params: { reference: request.reference } } },
    });
    const resubmitted = await engine.resubmit(
      evan,
      request.instanceId,
      leaveForm(monday, addDays(monday, 1), { reason: 'Handover to Bob' }),
    );
    expect(resubmitted.ok).toBe(true);
    expect(await outboxSummary(request.instanceId)).toEqual([
      `task_assigned→${bob}`,
      `request_updated→${evan}`,
      `task_decided→${bob}`,
      `request_updated→${evan}`,
      `request_decided→${evan}`,
      `task_assigned→${bob}`,
      `request_updated→${evan}`,
    ]);
  });
});

describe('withdraw, cancel, transfer', () => {
  it('the requester withdraws while pending; the approver’s card is told; a late click says who withdrew', async () => {
    const request = await evanLeave(2);
    const task = await pendingTaskOf(bob, request.reference);
    expect(await refusal(engine.withdraw(bob, request.instanceId))).toBe('not_requester');
    expect(await engine.withdraw(evan, request.instanceId)).toMatchObject({ status: 'withdrawn' });
    expect(await refusal(engine.withdraw(evan, request.instanceId))).toBe('invalid_state');
    const late = await refusalError(engine.approve(bob, task));
    expect(late.details).toMatchObject({ decision: 'withdrawn', by: 'Evan Lee' });
    expect((await engine.listPendingTasks(bob)).total).toBe(0);
    const rows = await findOutboxOfInstance(request.instanceId);
    expect(rows.slice(2).map((r) => [r.kind, r.recipientSlackId, r.payload])).toEqual([
      ['task_superseded', bob, { instanceId: request.instanceId, taskId: task, reason: 'request_withdrawn' }],
      ['request_updated', evan, { instanceId: request.instanceId, event: 'withdrawn' }],
    ]);
  });

  it('an admin cancels with a reason; nobody else can', async () => {
    const request = await evanLeave(2);
    expect(await refusal(engine.cancel(bob, request.instanceId, 'No'))).toBe('admin_only');
    expect(await refusal(engine.cancel(alice, request.instanceId, ''))).toBe('reason_required');
    expect(await engine.cancel(alice, request.instanceId, 'Duplicate of a paper form')).toMatchObject({
      status: 'cancelled',
    });
    expect(await refusal(engine.cancel(alice, request.instanceId, 'Again'))).toBe('invalid_state');
    const view = await engine.getInstance(evan, request.reference);
    expect(view.steps[0]!.tasks.map((t) => t.status)).toEqual(['cancelled']);
    expect(view.history.at(-1)).toMatchObject({
      kind: 'cancelled',
      text: 'Duplicate of a paper form',
      actor: { name: 'Alice Chen' },
    });
    expect((await outboxSummary(request.instanceId)).slice(2)).toEqual([
      `task_superseded→${bob}`,
      `request_updated→${evan}`,
      `request_decided→${evan}`,
    ]);
  });

  it('the approver transfers with a reason; the new approver decides on their behalf', async () => {
    const request = await evanLeave(2);
    const task = await pendingTaskOf(bob, request.reference);
    expect(await refusal(engine.transfer(bob, task, bob, 'Away'))).toBe('self_transfer');
    expect(await refusal(engine.transfer(bob, task, carol, ' '))).toBe('reason_required');
    for (const target of [evan, henry, ivy, 'U0NOBODY01']) {
      expect(await refusal(engine.transfer(bob, task, target, 'Away'))).toBe('transfer_target_invalid');
    }
    expect(await refusal(engine.transfer(carol, task, daniel, 'Away'))).toBe('not_your_task');

    const moved = await engine.transfer(bob, task, carol, 'On a business trip');
    expect(moved.newTaskId).toBeDefined();
    expect((await refusalError(engine.approve(bob, task))).details).toMatchObject({
      decision: 'transferred',
    });
    const carolTask = await engine.getTask(carol, moved.newTaskId!);
    expect(carolTask).toMatchObject({
      status: 'pending',
      onBehalfOf: { name: 'Bob Wang' },
      assignee: { name: 'Carol Huang' },
    });
    expect(await engine.approve(carol, moved.newTaskId!)).toMatchObject({ status: 'approved' });
    const view = await engine.getInstance(carol, request.reference);
    expect(view.steps[0]!.tasks.map((t) => [t.assignee.name, t.status, t.comment])).toEqual([
      ['Bob Wang', 'transferred', 'On a business trip'],
      ['Carol Huang', 'approved', null],
    ]);
    expect((await outboxSummary(request.instanceId)).slice(2, 5)).toEqual([
      `task_decided→${bob}`,
      `task_assigned→${carol}`,
      `request_updated→${evan}`,
    ]);
  });
});

describe('comments', () => {
  it('participants only; everyone involved but the author hears of it', async () => {
    const request = await evanLeave(5);
    await engine.comment(evan, request.instanceId, 'I will hand over to Bob');
    await engine.comment(leader, request.instanceId, 'Noted'); // the leader is on the route already
    await engine.comment(bob, request.instanceId, 'Fine by me');
    for (const outsider of [fiona, henry, alice]) {
      expect(await refusal(engine.comment(outsider, request.instanceId, 'Hello'))).toBe('not_participant');
    }
    expect(await refusal(engine.comment(ivy, request.instanceId, 'Hello'))).toBe('suspended');
    expect(await refusal(engine.comment(evan, request.instanceId, '  '))).toBe('reason_required');
    expect(await refusal(engine.comment(evan, request.instanceId, 'x'.repeat(3001)))).toBe('text_too_long');

    const view = await engine.getInstance(evan, request.reference);
    expect(view.comments.map((c) => [c.author.name, c.text])).toEqual([
      ['Evan Lee', 'I will hand over to Bob'],
      ['Lin Chih-ming', 'Noted'],
      ['Bob Wang', 'Fine by me'],
    ]);
    expect((await outboxSummary(request.instanceId)).slice(2)).toEqual([
      `comment_added→${bob}`,
      `request_updated→${evan}`,
      `comment_added→${evan}`,
      `comment_added→${bob}`,
      `request_updated→${evan}`,
      `comment_added→${evan}`,
      `request_updated→${evan}`,
    ]);
    const firstComment = (await findOutboxOfInstance(request.instanceId))[2]!;
    expect(firstComment.payload).toEqual({ instanceId: request.instanceId, eventId: view.comments[0]!.id });
  });

  it('a submission and its replays (same view) make one comment, one notice, one audit row', async () => {
    const request = await evanLeave(6);
    const outboxBefore = (await findOutboxOfInstance(request.instanceId)).length;
    // The audit log outlives the tests' cleanups (it is append-only): count what this adds.
    const commentAudits = async () => {
      const [rows] = (await db.sequelize.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'workflow.commented'",
      )) as [{ n: number }[], unknown];
      return rows[0]?.n ?? 0;
    };
    const auditsBefore = await commentAudits();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        engine.comment(bob, request.instanceId, 'Replayed once', { idempotencyKey: 'V0REPLAY1' }),
      ),
    );
    expect(results.filter((result) => result.eventId !== null)).toHaveLength(1);
    const view = await engine.getInstance(evan, request.reference);
    expect(view.comments.map((c) => c.text)).toEqual(['Replayed once']);
    // Evan's notice and his tracking card's update, once.
    expect((await findOutboxOfInstance(request.instanceId)).length - outboxBefore).toBe(2);
    expect((await commentAudits()) - auditsBefore).toBe(1);
    // A new modal (another view) is another comment.
    await engine.comment(bob, request.instanceId, 'A second thought', { idempotencyKey: 'V0REPLAY2' });
    expect((await engine.getInstance(evan, request.reference)).comments).toHaveLength(2);
  });
});

describe('approve with an opinion (issue 13 item 26)', () => {
  const approvalAudits = async () => {
    const [rows] = (await db.sequelize.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'workflow.task_approved'",
    )) as [{ n: number }[], unknown];
    return rows[0]?.n ?? 0;
  };

  it('keeps the opinion with the decision; a submission and its replays approve once', async () => {
    const request = await evanLeave(1);
    const task = await pendingTaskOf(bob, request.reference);
    const auditsBefore = await approvalAudits();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        engine.approveWithOpinion(bob, task, '  Agreed; hand over the ledger first.\u200B ', {
          idempotencyKey: 'V0OPINION1',
        }),
      ),
    );
    // Every replay answers as the first did (no "already decided" for the same submission).
    expect(results.map((result) => result.status)).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect((await approvalAudits()) - auditsBefore).toBe(1);
    const view = await engine.getInstance(evan, request.reference);
    expect(view.status).toBe('approved');
    expect(view.steps[0]!.tasks.map((t) => [t.status, t.comment])).toEqual([
      ['approved', 'Agreed; hand over the ledger first.'],
    ]);
    expect(view.history.filter((e) => e.kind === 'approved').map((e) => e.text)).toEqual([
      'Agreed; hand over the ledger first.',
    ]);
    // Another modal on a decided task is a late click like any other.
    expect(
      await refusal(engine.approveWithOpinion(bob, task, 'Again', { idempotencyKey: 'V0OPINION2' })),
    ).toBe('already_decided');
  });

  it('refuses an opinion that shows nothing or is too long, and changes nothing', async () => {
    const request = await evanLeave(1);
    const task = await pendingTaskOf(bob, request.reference);
    expect(await refusal(engine.approveWithOpinion(bob, task, '\u200B\u200B \u3164'))).toBe(
      'opinion_required',
    );
    expect(await refusal(engine.approveWithOpinion(bob, task, 'x'.repeat(3001)))).toBe('text_too_long');
    expect(await refusal(engine.approveWithOpinion(evan, task, 'Fine by me'))).toBe('not_your_task');
    expect((await engine.getInstance(evan, request.reference)).status).toBe('in_review');
  });
});

describe('documents and projects', () => {
  const document = (overrides: Record<string, unknown> = {}) => ({
    title: 'Budget circular',
    doc_type: 'notice',
    urgency: 'normal',
    confidentiality: 'public',
    summary: 'The 2027 budget timetable',
    ...overrides,
  });

  it('numbers a document on final approval, counting separately from references', async () => {
    const urgent = submitted(await engine.submitRequest(fiona, 'document', document({ urgency: 'urgent' })));
    const plain = submitted(await engine.submitRequest(fiona, 'document', document()));
    expect(urgent.reference).toMatch(/^DOC-\d{4}-0001$/);
    expect(plain.reference).toMatch(/^DOC-\d{4}-0002$/);
    expect((await engine.getInstance(fiona, urgent.reference)).steps.map((s) => s.key)).toEqual([
      'department_head',
      'leader',
    ]);
    expect((await engine.getInstance(fiona, plain.reference)).steps.map((s) => s.key)).toEqual([
      'department_head',
    ]);

    const approvedPlain = await engine.approve(daniel, await pendingTaskOf(daniel, plain.reference));
    expect(approvedPlain.documentNumber).toMatch(/^DOCNO-\d{4}-0001$/);
    await engine.approve(daniel, await pendingTaskOf(daniel, urgent.reference));
    const approvedUrgent = await engine.approve(leader, await pendingTaskOf(leader, urgent.reference));
    expect(approvedUrgent.documentNumber).toMatch(/^DOCNO-\d{4}-0002$/);
    // Found by its document number too.
    expect((await engine.getInstance(fiona, approvedUrgent.documentNumber!.toLowerCase())).reference).toBe(
      urgent.reference,
    );
    // Confidential documents go to a leader as well.
    const secret = submitted(
      await engine.submitRequest(fiona, 'document', document({ confidentiality: 'confidential' })),
    );
    expect((await engine.getInstance(fiona, secret.reference)).steps).toHaveLength(2);
  });

  it('adds the head of Finance above the budget threshold', async () => {
    const project = (budget: number) => ({
      name: 'Portal',
      budget,
      start_date: addDays(monday, 30),
      description: 'A new intranet portal',
    });
    const small = submitted(await engine.submitRequest(fiona, 'project', project(500_000)));
    const large = submitted(await engine.submitRequest(fiona, 'project', project(2_000_000)));
    expect(small.reference).toMatch(/^PRJ-/);
    expect((await engine.getInstance(fiona, small.reference)).steps.map((s) => s.approvers[0]?.name)).toEqual(
      ['Daniel Wu'],
    );
    expect((await engine.getInstance(fiona, large.reference)).steps.map((s) => s.approvers[0]?.name)).toEqual(
      ['Daniel Wu', 'Bob Wang'],
    );
  });
});

describe('routing fallbacks', () => {
  it('a head’s own request goes one level up; at the top, to the leaders; nobody below decides a leader’s', async () => {
    // Daniel heads IT, under the General Office: Alice decides.
    const fromDaniel = submitted(await engine.submitRequest(daniel, 'leave', leaveForm(monday, monday)));
    const danielView = await engine.getInstance(daniel, fromDaniel.reference);
    expect(danielView.steps[0]).toMatchObject({
      fallback: 'self_escalated',
      approvers: [{ name: 'Alice Chen' }],
    });
    // Bob heads Finance, a top-level department: up to the leader (issue 13 item 12; was the admins).
    const fromBob = submitted(await engine.submitRequest(bob, 'leave', leaveForm(monday, monday)));
    expect((await engine.getInstance(bob, fromBob.reference)).steps[0]).toMatchObject({
      fallback: 'self_escalated',
      approvers: [{ name: 'Lin Chih-ming' }],
    });
    // Alice heads the top department: the leader decides.
    const fromAlice = submitted(await engine.submitRequest(alice, 'leave', leaveForm(monday, monday)));
    expect((await engine.getInstance(alice, fromAlice.reference)).steps[0]).toMatchObject({
      fallback: 'self_escalated',
      approvers: [{ name: 'Lin Chih-ming' }],
    });
    // The Director-General's own leave: Alice heads his department but reports to him, and he is
    // the only leader, so nobody may decide it; he is told so rather than routed to Alice.
    expect(await refusal(engine.submitRequest(leader, 'leave', leaveForm(monday, monday)))).toBe(
      'no_approver',
    );
    expect((await findAuditRows({ subjectId: fromDaniel.reference })).map((a) => a.action)).toContain(
      'workflow.route_self_escalated',
    );
    expect((await findAuditRows({ subjectId: fromBob.reference })).map((a) => a.action)).toContain(
      'workflow.route_self_escalated',
    );
    expect(danielView.history.map((e) => e.kind)).toEqual(['submitted', 'routed']);
  });
});

describe('field errors', () => {
  it('come back as codes and write nothing', async () => {
    const result = await engine.submitRequest(evan, 'leave', {
      leave_type: 'holiday',
      start: full(addDays(monday, 2)),
      end: full(monday),
      reason: '',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        leave_type: { code: 'invalid_option' },
        reason: { code: 'required' },
        end: { code: 'end_before_start' },
      },
    });
    expect((await engine.listMyRequests(evan)).total).toBe(0);
    expect(await engine.validateForm('leave', evan, leaveForm(monday, monday))).toMatchObject({ ok: true });
    expect(await refusal(engine.submitRequest(evan, 'nonsense', {}))).toBe('not_found');
    expect(await refusal(engine.submitRequest(evan, 'registration', {}))).toBe('template_not_startable');
  });
});
