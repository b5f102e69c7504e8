import type { Role } from '../../../../src/domain/org/model';
import { createWorkflowEngine } from '../../../../src/domain/workflows/engine.service';
import type { PersonRecord } from '../../../../src/domain/workflows/records';
import { projectTemplate } from '../../../../src/domain/workflows/templates/project';
import { WorkflowError } from '../../../../src/domain/workflows/workflow-errors';
import { createMemoryWorkflowStore } from '../../../support/in-memory-workflow-store';

/**
 * Decision rules of the engine on its in-memory store (no PostgreSQL): the engine is built as
 * main.ts builds it, with a fixed clock, and its rows are read back from the store.
 */
const NOW = new Date('2026-03-02T02:00:00Z'); // a Monday, 10:00 in Asia/Taipei
const clock = { now: () => NOW };

const person = (
  id: number,
  slackUserId: string,
  departmentId: number,
  roles: Role[] = ['user'],
): PersonRecord => ({
  id,
  slackUserId,
  email: null,
  name: slackUserId.slice(1),
  departmentId,
  position: null,
  contact: null,
  roles,
  status: 'active',
  locale: null,
  timezone: 'Asia/Taipei',
});

/** Office at the top (head Alice); Sales (head Sam) and Finance (head Fay) under it. */
const directory = {
  departments: [
    { id: 1, key: 'office', name: 'Office', nameZh: null, parentId: null, headPersonId: 1 },
    { id: 2, key: 'sales', name: 'Sales', nameZh: null, parentId: 1, headPersonId: 2 },
    { id: 3, key: 'finance', name: 'Finance', nameZh: null, parentId: 1, headPersonId: 3 },
  ],
  people: [
    person(1, 'UALICE', 1, ['admin', 'user']),
    person(2, 'USAM', 2),
    person(3, 'UFAY', 3),
    person(4, 'USEAN', 2),
  ],
};

async function engineWithProjects() {
  const store = createMemoryWorkflowStore(directory, clock);
  const engine = createWorkflowEngine({ store, clock });
  await engine.syncBuiltinTemplates([projectTemplate]);
  return { store, engine };
}

const project = (budget: number) => ({
  name: 'New showroom',
  budget,
  start_date: '2026-04-01',
  description: 'A showroom for the spring fair',
});

const pendingTaskOf = (store: {
  rows: { tasks: { id: number; assigneePersonId: number; status: string }[] };
}) => {
  const pending = store.rows.tasks.filter((task) => task.status === 'pending');
  expect(pending).toHaveLength(1);
  return pending[0]!;
};

it('approves a two-step route step by step: the department head, then Finance above the threshold', async () => {
  const { store, engine } = await engineWithProjects();
  const submitted = await engine.submitRequest('USEAN', 'project', project(2_000_000));
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  expect(submitted.reference).toBe('PRJ-2026-0001');

  const first = pendingTaskOf(store);
  expect(first.assigneePersonId).toBe(2); // Sam, head of Sales
  const afterFirst = await engine.approve('USAM', first.id);
  expect(afterFirst).toMatchObject({ status: 'in_review', currentStepIndex: 1 });

  const second = pendingTaskOf(store);
  expect(second.assigneePersonId).toBe(3); // Fay, head of Finance
  // Only the holder of the task may decide it.
  await expect(engine.approve('USAM', second.id)).rejects.toMatchObject({ code: 'not_your_task' });
  const done = await engine.approve('UFAY', second.id);
  expect(done).toMatchObject({ status: 'approved', currentStepIndex: null });

  const request = store.rows.instances.find((i) => i.id === submitted.instanceId)!;
  expect(request.decidedAt).toEqual(NOW);
  expect(store.rows.events.map((event) => event.kind)).toEqual([
    'submitted',
    'approved',
    'approved',
    'completed',
  ]);
  expect(store.rows.outbox.filter((row) => row.kind === 'request_decided').map((row) => row.payload)).toEqual(
    [{ instanceId: submitted.instanceId, outcome: 'approved' }],
  );
});

it('ends the review after the department head when the budget is under the threshold', async () => {
  const { store, engine } = await engineWithProjects();
  const submitted = await engine.submitRequest('USEAN', 'project', project(1000));
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  expect(await engine.approve('USAM', pendingTaskOf(store).id)).toMatchObject({ status: 'approved' });
});

it('refuses a rejection without a reason, and changes nothing', async () => {
  const { store, engine } = await engineWithProjects();
  const submitted = await engine.submitRequest('USEAN', 'project', project(1000));
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const task = pendingTaskOf(store);
  const rowsBefore = structuredClone(store.rows);

  for (const reason of ['', '   ', '\u200b'])
    await expect(engine.reject('USAM', task.id, reason)).rejects.toEqual(
      new WorkflowError('reason_required'),
    );
  expect(store.rows).toEqual(rowsBefore);

  expect(await engine.reject('USAM', task.id, 'No budget this year')).toMatchObject({ status: 'rejected' });
  expect(store.rows.tasks.find((t) => t.id === task.id)).toMatchObject({
    status: 'rejected',
    comment: 'No budget this year',
    decidedAt: NOW,
  });
});

it("sends a department head's own request a level up", async () => {
  const { store, engine } = await engineWithProjects();
  const submitted = await engine.submitRequest('USAM', 'project', project(1000));
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  // Sam heads Sales: nobody approves their own request, so the head of Office does.
  expect(pendingTaskOf(store).assigneePersonId).toBe(1);
  await expect(engine.approve('USAM', pendingTaskOf(store).id)).rejects.toMatchObject({
    code: 'not_your_task',
  });
  expect(await engine.approve('UALICE', pendingTaskOf(store).id)).toMatchObject({ status: 'approved' });
});
