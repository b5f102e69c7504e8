import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { findOutboxOfInstance } from '../../src/db/repositories/workflows-outbox.repository';
import type { TemplateInput } from '../../src/domain/workflows/template-schema';
import { DeadlineScheduler } from '../../src/jobs/deadlines';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { waitFor } from '../support/wait';
import { workflows } from '../support/workflows';
import { PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

const { approve, readInstanceView, submitRequest, syncBuiltinTemplates } = workflows;

/**
 * Automatic handling of overdue tasks (Feishu AUTO_PASS / AUTO_REJECT, or reassignment to the
 * escalation target) on both queue backends, with SLAs of seconds on a round-the-clock calendar:
 * each happens once, after the escalation and its delay, through the decision service with the
 * system as the actor, audited and shown on the request; never after a manual decision.
 */
const logger = createLogger('silent');
const SECOND_IN_HOURS = 1 / 3600;

/** A one-step template (Evan's request goes to Bob, head of finance; Alice is the level up). */
const overdueTemplate = (action: 'auto_approve' | 'auto_reject' | 'reassign', afterSeconds: number) =>
  ({
    key: `overdue_${action}`,
    prefix: action === 'auto_approve' ? 'OAA' : action === 'auto_reject' ? 'OAR' : 'ORA',
    title: { en: `Overdue ${action}`, zh: `逾期 ${action}` },
    fields: [{ id: 'subject', type: 'text', required: true, label: { en: 'Subject', zh: '主旨' } }],
    subjectFields: ['subject'],
    steps: [
      {
        key: 'head',
        name: { en: 'Head', zh: '主管' },
        approvers: { rule: 'department_head' },
        overdue: { action, afterHours: afterSeconds * SECOND_IN_HOURS },
      },
    ],
  }) satisfies TemplateInput;

const { db } = useWorkflowDatabase({
  templates: [
    overdueTemplate('auto_approve', 1),
    overdueTemplate('auto_reject', 1),
    overdueTemplate('reassign', 1),
  ],
  settings: {
    defaultTimeZone: 'UTC',
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
    defaultSlaHours: 2 * SECOND_IN_HOURS,
    deadlines: { reminderPoints: [1], maxReminders: 1, escalateAfterHours: SECOND_IN_HOURS },
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const auditsOf = (action: string, taskId: number) =>
  db.sequelize.query<{ actor: string; after: Record<string, unknown> }>(
    "SELECT actor, after FROM audit_log WHERE action = :action AND (after->>'task')::int = :taskId",
    { replacements: { action, taskId }, type: QueryTypes.SELECT },
  );

let counter = 0;
async function submit(action: 'auto_approve' | 'auto_reject' | 'reassign') {
  const { instanceId } = submitted(
    await submitRequest(PEOPLE.evan, `overdue_${action}`, { subject: `case ${++counter}` }),
  );
  const [task] = await findTasksOf([instanceId]);
  return { instanceId, taskId: task!.id };
}

describe.each(['redis', 'postgres'] as const)('automatic overdue handling on the %s backend', (kind) => {
  let backend: QueueBackend;
  let scheduler: DeadlineScheduler;

  beforeAll(() => {
    backend = createQueueBackend({
      redisUrl: kind === 'redis' ? 'redis://127.0.0.1:6379' : undefined,
      databaseUrl: db.url,
      namespace: `deadlines_auto_${kind}_${process.pid}`,
      logger,
    });
    scheduler = new DeadlineScheduler(backend, logger, workflows, { reconcileEverySeconds: 1 });
    scheduler.start();
  });

  afterAll(async () => {
    await scheduler.stop();
    await scheduler.queue.obliterate({ force: true }).catch(() => undefined);
    await backend.close();
  });

  it('auto-approves once after the escalation and its delay, as the system, visibly', async () => {
    const { instanceId, taskId } = await submit('auto_approve');
    await scheduler.schedule(taskId);
    await waitFor(
      'the automatic approval',
      async () => (await auditsOf('workflow.task_auto_handled', taskId)).length > 0,
    );
    await sleep(2500); // reconciliation runs every second meanwhile: nothing may repeat
    const [task] = await findTasksOf([instanceId]);
    expect(task?.status).toBe('approved');
    expect(task?.autoHandling).toMatchObject({ action: 'auto_approve', outcome: 'done', hours: 0 });
    // The escalation came first, then the decision, at least the delay later.
    expect(task!.decidedAt!.getTime() - task!.escalatedAt!.getTime()).toBeGreaterThanOrEqual(900);
    const auto = await auditsOf('workflow.task_auto_handled', taskId);
    expect(auto).toEqual([
      { actor: 'system', after: expect.objectContaining({ action: 'auto_approve', outcome: 'done' }) },
    ]);
    expect(await auditsOf('workflow.task_approved', taskId)).toHaveLength(1);
    const view = await readInstanceView(instanceId);
    expect(view.status).toBe('approved');
    const event = view.history.find((e) => e.kind === 'approved');
    expect(event?.actor?.slackUserId).toBe('system');
    expect(event?.data).toMatchObject({ auto: 'auto_approve' });
    expect(view.steps[0]?.tasks[0]?.autoHandling?.outcome).toBe('done');
    const rows = (await findOutboxOfInstance(instanceId)).map((m) => `${m.kind}→${m.recipientSlackId}`);
    // Bob's card is updated with the decision; Evan hears the outcome once.
    expect(rows.filter((r) => r === `task_decided→${PEOPLE.bob}`)).toHaveLength(1);
    expect(rows.filter((r) => r === `request_decided→${PEOPLE.evan}`)).toHaveLength(1);
  }, 40_000);

  it('auto-rejects once with the reason that no decision came in time', async () => {
    const { instanceId, taskId } = await submit('auto_reject');
    await scheduler.schedule(taskId);
    await waitFor(
      'the automatic rejection',
      async () => (await auditsOf('workflow.task_auto_handled', taskId)).length > 0,
    );
    await sleep(2500);
    const [task] = await findTasksOf([instanceId]);
    expect(task?.status).toBe('rejected');
    expect(task?.comment).toMatch(/^Automatically rejected: no decision within [\d.]+ working hours$/);
    expect(await auditsOf('workflow.task_auto_handled', taskId)).toHaveLength(1);
    expect(await auditsOf('workflow.task_rejected', taskId)).toHaveLength(1);
    const view = await readInstanceView(instanceId);
    expect(view.status).toBe('rejected');
    expect(view.history.find((e) => e.kind === 'rejected')?.data).toMatchObject({ auto: 'auto_reject' });
  }, 40_000);

  it('reassigns once to the escalation target, who gets a fresh SLA', async () => {
    const { instanceId, taskId } = await submit('reassign');
    await scheduler.schedule(taskId);
    await waitFor(
      'the reassignment',
      async () => (await auditsOf('workflow.task_auto_handled', taskId)).length > 0,
    );
    await sleep(2500);
    const tasks = await findTasksOf([instanceId]);
    const first = tasks.find((t) => t.id === taskId)!;
    expect(first.status).toBe('transferred');
    const created = tasks.filter((t) => t.id !== taskId);
    expect(created).toHaveLength(1);
    const view = await readInstanceView(instanceId);
    const successor = view.steps[0]!.tasks.find((t) => t.taskId === created[0]!.id)!;
    expect(successor.assignee.slackUserId).toBe(PEOPLE.alice);
    expect(successor.onBehalfOf?.slackUserId).toBe(PEOPLE.bob);
    // Fresh: due a full SLA (2 s) after the reassignment, not at the old, passed due time.
    expect(created[0]!.dueAt!.getTime() - first.decidedAt!.getTime()).toBeGreaterThanOrEqual(1900);
    const handled = await auditsOf('workflow.task_auto_handled', taskId);
    expect(handled).toHaveLength(1);
    expect(handled[0]?.after).toMatchObject({ action: 'reassign', outcome: 'done' });
    const rows = (await findOutboxOfInstance(instanceId)).map((m) => `${m.kind}→${m.recipientSlackId}`);
    expect(rows.filter((r) => r === `task_assigned→${PEOPLE.alice}`)).toHaveLength(1);
    expect(rows.filter((r) => r === `task_decided→${PEOPLE.bob}`)).toHaveLength(1);
  }, 40_000);

  it('does nothing once the approver decided, even when the job still fires', async () => {
    await syncBuiltinTemplates([overdueTemplate('auto_reject', 3)]);
    try {
      const { instanceId, taskId } = await submit('auto_reject');
      await scheduler.schedule(taskId);
      // Escalated (so the automatic rejection is planned), then decided by hand before it runs.
      await waitFor('the escalation', async () => (await findTasksOf([instanceId]))[0]?.autoHandling);
      await approve(PEOPLE.bob, taskId);
      const [planned] = await findTasksOf([instanceId]);
      const at = new Date(planned!.autoHandling!.at).getTime();
      // The job is not cancelled here: it fires and must find the task decided.
      await sleep(Math.max(0, at - Date.now()) + 2500);
      expect(await auditsOf('workflow.task_auto_handled', taskId)).toEqual([]);
      expect(await auditsOf('workflow.task_rejected', taskId)).toEqual([]);
      expect((await readInstanceView(instanceId)).status).toBe('approved');
    } finally {
      await syncBuiltinTemplates([overdueTemplate('auto_reject', 1)]);
    }
  }, 40_000);
});
