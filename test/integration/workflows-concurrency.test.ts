import { Person } from '../../src/db/models';
import type { TemplateInput } from '../../src/domain/workflows/template-schema';
import { leaveTemplate } from '../../src/domain/workflows/templates/leave';
import { WorkflowError } from '../../src/domain/workflows/workflow-errors';
import { addDays } from '../../src/domain/workflows/working-days';
import { workflows as engine } from '../support/workflows';
import {
  count,
  leaveForm,
  outboxSummary,
  PEOPLE,
  refusalError,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

/** Double clicks, Slack retries and racing approvers change the state exactly once. */

const { bob, carol, daniel, evan, leader, fiona } = PEOPLE;

/** A countersign template: Bob, Carol and Daniel must all approve. */
const countersign: TemplateInput = {
  key: 'countersign',
  prefix: 'CS',
  title: { en: 'Countersign', zh: '會簽' },
  fields: [{ id: 'subject', type: 'text', required: true, label: { en: 'Subject', zh: '主旨' } }],
  subjectFields: ['subject'],
  steps: [
    {
      key: 'heads',
      name: { en: 'Department heads', zh: '各處處長' },
      approvers: { rule: 'people', slackIds: [bob, carol, daniel] },
      mode: 'all',
    },
  ],
};

const { db, monday } = useWorkflowDatabase({ templates: [countersign], clearRequestsBeforeEach: true });

const firstTask = async (slackId: string) => (await engine.listPendingTasks(slackId)).items[0]!.taskId;

function settle(results: PromiseSettledResult<unknown>[]) {
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  for (const reason of refused) if (!(reason instanceof WorkflowError)) throw reason;
  return {
    fulfilled: results.filter((r) => r.status === 'fulfilled').length,
    refused: refused as WorkflowError[],
  };
}

it('20 concurrent approvals of one task: one transition, 19 "already decided"', async () => {
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, addDays(monday, 4))));
  const task = await firstTask(bob);
  const { fulfilled, refused } = settle(
    await Promise.allSettled(Array.from({ length: 20 }, () => engine.approve(bob, task))),
  );
  expect(fulfilled).toBe(1);
  expect(refused).toHaveLength(19);
  expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['already_decided']));
  expect(refused[0]!.details).toMatchObject({ by: 'Bob Wang', decision: 'approved' });

  expect(await count(db, "SELECT count(*) AS n FROM workflow_events WHERE kind = 'approved'")).toBe(1);
  expect(
    await count(db, 'SELECT count(*) AS n FROM workflow_tasks WHERE instance_id = :id', {
      id: request.instanceId,
    }),
  ).toBe(2);
  expect(
    await count(
      db,
      "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_approved' AND subject_id = :ref",
      {
        ref: request.reference,
      },
    ),
  ).toBe(1);
  // Exactly one card for the leader, one update of Bob's card.
  expect(await outboxSummary(request.instanceId)).toEqual([
    `task_assigned→${bob}`,
    `request_updated→${evan}`,
    `task_decided→${bob}`,
    `task_assigned→${leader}`,
    `request_updated→${evan}`,
  ]);
});

it('two approvers racing on an "any" step: one wins, the other is superseded and told who won', async () => {
  // A second leader makes the leader step an "any one of two".
  await Person.update({ roles: ['leader', 'user'] }, { where: { slackUserId: carol } });
  try {
    const request = submitted(
      await engine.submitRequest(evan, 'leave', leaveForm(monday, addDays(monday, 4))),
    );
    await engine.approve(bob, await firstTask(bob));
    const view = await engine.getInstance(evan, request.reference);
    expect(view.steps[1]!.approvers.map((a) => a.slackUserId).sort()).toEqual([carol, leader].sort());
    const [leaderTask, carolTask] = [await firstTask(leader), await firstTask(carol)];

    const results = await Promise.allSettled([
      engine.approve(leader, leaderTask),
      engine.approve(carol, carolTask),
    ]);
    const { fulfilled, refused } = settle(results);
    expect(fulfilled).toBe(1);
    expect(refused.map((e) => e.code)).toEqual(['already_decided']);
    const winner = results[0]!.status === 'fulfilled' ? 'Lin Chih-ming' : 'Carol Huang';
    expect(refused[0]!.details).toMatchObject({ by: winner, decision: 'approved' });

    const done = await engine.getInstance(evan, request.reference);
    expect(done.status).toBe('approved');
    expect(done.steps[1]!.tasks.map((t) => t.status).sort()).toEqual(['approved', 'superseded']);
    const loser = done.steps[1]!.tasks.find((t) => t.status === 'superseded')!;
    const summary = await outboxSummary(request.instanceId);
    expect(summary).toContain(`task_superseded→${loser.assignee.slackUserId}`);
    expect(summary.filter((line) => line.startsWith('request_decided'))).toHaveLength(1);
  } finally {
    await Person.update({ roles: ['user'] }, { where: { slackUserId: carol } });
  }
});

it('"all" (countersign): approved only when everyone has approved; one rejection decides at once', async () => {
  const request = submitted(await engine.submitRequest(fiona, 'countersign', { subject: 'Joint circular' }));
  await engine.approve(bob, await firstTask(bob));
  expect(await engine.approve(carol, await firstTask(carol))).toMatchObject({
    status: 'in_review',
    currentStepIndex: 0,
  });
  expect((await engine.getInstance(fiona, request.reference)).steps[0]!.status).toBe('in_progress');
  expect(await engine.approve(daniel, await firstTask(daniel))).toMatchObject({ status: 'approved' });
  expect(
    (await engine.getInstance(fiona, request.reference)).steps[0]!.tasks.map((t) => [
      t.assignee.slackUserId,
      t.status,
    ]),
  ).toEqual([
    [bob, 'approved'],
    [carol, 'approved'],
    [daniel, 'approved'],
  ]);

  const second = submitted(await engine.submitRequest(fiona, 'countersign', { subject: 'Another one' }));
  await engine.approve(bob, await firstTask(bob));
  expect(await engine.reject(carol, await firstTask(carol), 'Not ours')).toMatchObject({
    status: 'rejected',
  });
  const view = await engine.getInstance(fiona, second.reference);
  expect(view.steps[0]!.tasks.map((t) => t.status)).toEqual(['approved', 'rejected', 'superseded']);
  expect((await engine.listPendingTasks(daniel)).total).toBe(0);
  expect((await outboxSummary(second.instanceId)).filter((l) => l.startsWith('task_superseded'))).toEqual([
    `task_superseded→${daniel}`,
  ]);
});

it('a retried submission with the same idempotency key creates one request', async () => {
  const form = leaveForm(monday, monday);
  const first = submitted(
    await engine.submitRequest(evan, 'leave', form, { idempotencyKey: 'view-V123-hash' }),
  );
  const retry = submitted(
    await engine.submitRequest(evan, 'leave', form, { idempotencyKey: 'view-V123-hash' }),
  );
  expect(retry).toEqual({ ...first, duplicate: true });

  // Five retries at once (Slack retrying while the first is still running).
  const later = addDays(monday, 7);
  const burst = await Promise.all(
    Array.from({ length: 5 }, () =>
      engine.submitRequest(evan, 'leave', leaveForm(later, later), { idempotencyKey: 'view-V124-hash' }),
    ),
  );
  const references = new Set(burst.map((r) => (r.ok ? r.reference : 'refused')));
  expect(references.size).toBe(1);
  expect(burst.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
  expect((await engine.listMyRequests(evan)).total).toBe(2);
  // The key belongs to its sender: another person's identical key is a different submission.
  const other = submitted(
    await engine.submitRequest(fiona, 'leave', leaveForm(monday, monday), {
      idempotencyKey: 'view-V123-hash',
    }),
  );
  expect(other.duplicate).toBe(false);
});

it('two overlapping leave requests submitted at once: only one passes the overlap check', async () => {
  const results = await Promise.all([
    engine.submitRequest(evan, 'leave', leaveForm(monday, addDays(monday, 1))),
    engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 1), addDays(monday, 2))),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.find((r) => !r.ok)).toMatchObject({
    ok: false,
    errors: { start: { code: 'overlaps_existing' } },
  });
});

it('references are gap-free: a refused submission does not use a number', async () => {
  const a = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  expect((await engine.submitRequest(evan, 'leave', leaveForm(monday, monday))).ok).toBe(false);
  const b = submitted(await engine.submitRequest(fiona, 'leave', leaveForm(monday, monday)));
  const parallel = await Promise.all(
    [PEOPLE.grace, PEOPLE.daniel, PEOPLE.carol].map((who) =>
      engine.submitRequest(who, 'leave', leaveForm(addDays(monday, 7), addDays(monday, 7))),
    ),
  );
  const numbers = [a, b, ...parallel.map((r) => submitted(r))]
    .map((r) => Number(r.reference.slice(-4)))
    .sort();
  expect(numbers).toEqual([1, 2, 3, 4, 5]);
});

it('a forged click by someone who does not hold the task changes nothing', async () => {
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  const task = await firstTask(bob);
  const before = await outboxSummary(request.instanceId);
  const auditRows = () => count(db, 'SELECT count(*) AS n FROM audit_log');
  const auditBefore = await auditRows();
  for (const forger of [carol, evan, PEOPLE.alice]) {
    expect((await refusalError(engine.approve(forger, task))).code).toBe('not_your_task');
    expect((await refusalError(engine.reject(forger, task, 'No'))).code).toBe('not_your_task');
    expect((await refusalError(engine.transfer(forger, task, daniel, 'Mine now'))).code).toBe(
      'not_your_task',
    );
  }
  expect((await refusalError(engine.approve('U0NOBODY01', task))).code).toBe('not_registered');
  expect((await refusalError(engine.approve(PEOPLE.ivy, task))).code).toBe('suspended');
  expect((await refusalError(engine.approve(bob, 999_999))).code).toBe('not_found');
  const view = await engine.getInstance(evan, request.reference);
  expect(view.status).toBe('in_review');
  expect(view.steps[0]!.tasks.map((t) => t.status)).toEqual(['pending']);
  expect(await outboxSummary(request.instanceId)).toEqual(before);
  expect(await auditRows()).toBe(auditBefore);
});

it('keeps a leave template version for requests already started', async () => {
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  const changed = { ...leaveTemplate, title: { en: 'Leave', zh: '請假單' } };
  const synced = await engine.syncBuiltinTemplates([changed]);
  expect(synced).toEqual([{ key: 'leave', version: 2, created: true }]);
  expect(await engine.syncBuiltinTemplates([changed])).toEqual([
    { key: 'leave', version: 2, created: false },
  ]);
  expect((await engine.getTemplate('leave')).version).toBe(2);
  const later = submitted(await engine.submitRequest(fiona, 'leave', leaveForm(monday, monday)));
  expect((await engine.getInstance(evan, request.reference)).template).toMatchObject({
    version: 1,
    title: { en: 'Leave request' },
  });
  expect((await engine.getInstance(fiona, later.reference)).template).toMatchObject({
    version: 2,
    title: { en: 'Leave' },
  });
  // The started request is decided by its own version's route.
  expect(await engine.approve(bob, await firstTask(bob))).toMatchObject({ status: 'approved' });
});
