import { Client } from 'pg';
import { QueryTypes } from 'sequelize';
import { findPersonBySlackId } from '../../src/db/repositories/org.repository';
import { findPeopleByIds } from '../../src/db/repositories/workflow-directory.repository';
import { findEventsOf } from '../../src/db/repositories/workflow-history.repository';
import {
  findInstanceById,
  findRevisionsOf,
  lockInstanceOfTask,
} from '../../src/db/repositories/workflow-instances.repository';
import {
  findActorAndStep,
  findStepTasks,
  findTask,
  findTasksOf,
} from '../../src/db/repositories/workflow-tasks.repository';
import { findViewRows } from '../../src/db/repositories/workflow-views.repository';
import {
  claimOutboxById,
  findOutboxOfInstance,
  markOutboxDelivered,
} from '../../src/db/repositories/workflows-outbox.repository';
import { routePersonIds } from '../../src/domain/workflows/route';
import { addDays } from '../../src/domain/workflows/working-days';
import { workflows as engine } from '../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

/**
 * The reads behind every card: a request with its tasks, history, revisions and departments in
 * one statement, shaped exactly as the model reads each table, and the engine's locked reads of
 * a task's request and step.
 */

const { bob, evan } = PEOPLE;

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

/** A leave returned once and resubmitted, commented on: two revisions, several tasks and events. */
async function busyRequest() {
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  const [first] = await findTasksOf([request.instanceId]);
  await engine.returnForChanges(bob, first!.id, 'Which day exactly?');
  submitted(
    await engine.resubmit(evan, request.instanceId, leaveForm(addDays(monday, 1), addDays(monday, 1))),
  );
  await engine.comment(evan, request.instanceId, 'Tuesday it is');
  const tasks = await findTasksOf([request.instanceId]);
  return { request, tasks };
}

it('reads a request with its rows in one statement, exactly as the model reads each table', async () => {
  const { request, tasks } = await busyRequest();
  expect(tasks).toHaveLength(2);
  const other = submitted(await engine.submitRequest(PEOPLE.grace, 'leave', leaveForm(monday, monday)));

  const rows = await findViewRows({ instanceIds: [request.instanceId, other.instanceId, 999_999] });
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    const id = row.instance.id;
    expect(row.instance).toEqual(await findInstanceById(id));
    expect(row.tasks).toEqual(await findTasksOf([id]));
    expect(row.events).toEqual(await findEventsOf([id]));
    expect(row.revisions).toEqual(await findRevisionsOf([id]));
  }
  const busy = rows.find((row) => row.instance.id === request.instanceId)!;
  expect(busy.revisions.map((r) => r.revision)).toEqual([1, 2]);
  expect(busy.events.length).toBeGreaterThanOrEqual(4);
  expect(typeof busy.events[0]!.id).toBe('string'); // BIGSERIAL, as pg returns it
  expect(busy.tasks[0]!.createdAt).toBeInstanceOf(Date);
  // Only the departments the view can name: here the requester's.
  expect(busy.departments.map((d) => d.key)).toEqual(['finance']);

  // By task: the request holding it, with all its tasks.
  const byTask = await findViewRows({ taskIds: [tasks[0]!.id, tasks[1]!.id] });
  expect(byTask).toEqual([busy]);
  expect(await findViewRows({ taskIds: [999_999] })).toEqual([]);
  expect(await findViewRows({ instanceIds: [] })).toEqual([]);
});

it('a view names the departments it shows: the requester’s, and the one a form field chose', async () => {
  const newcomer = 'U0NEWCOMER';
  const request = submitted(
    await engine.submitRegistration(newcomer, {
      name: 'Nora Newcomer',
      departmentKey: 'hr',
      position: 'Clerk',
      contact: 'ext. 2231',
    }),
  );
  // The request's own department differs from the one the form names.
  await db.sequelize.query(
    "UPDATE workflow_instances SET department_id = (SELECT id FROM departments WHERE key = 'finance') WHERE id = :id",
    { replacements: { id: request.instanceId } },
  );
  const [row] = await findViewRows({ instanceIds: [request.instanceId] });
  expect(row!.departments.map((d) => d.key).sort()).toEqual(['finance', 'hr']);

  const view = await engine.readInstanceView(request.instanceId);
  expect(view.requester.department?.key).toBe('finance');
  const field = view.fields.find((f) => f.id === 'department')!;
  expect(field.value).toBe('hr');
  expect(field.display?.en).not.toBe('hr'); // the department's name, not its key
  const [hr] = await db.sequelize.query<{ name: string }>("SELECT name FROM departments WHERE key = 'hr'", {
    type: QueryTypes.SELECT,
  });
  expect(field.display?.en).toBe(hr!.name);
});

it('a view reads everyone it names, and only them', async () => {
  const { request } = await busyRequest();
  // A Slack id as a form value (what a `user` field holds) names that person too.
  await db.sequelize.query(
    `UPDATE workflow_instances SET form = form || jsonb_build_object('backup', :henry) WHERE id = :id`,
    { replacements: { henry: PEOPLE.henry, id: request.instanceId } },
  );
  const [row] = await findViewRows({ instanceIds: [request.instanceId] });
  const { instance, tasks, events, revisions } = row!;
  const expected = new Set<number>([
    ...(instance.requesterPersonId === null ? [] : [instance.requesterPersonId]),
    ...[instance.route, ...revisions.map((r) => r.route)].flatMap(routePersonIds),
    ...tasks.flatMap((t) => [
      t.assigneePersonId,
      ...(t.onBehalfOfPersonId === null ? [] : [t.onBehalfOfPersonId]),
    ]),
    ...events.flatMap((e) => (e.actorPersonId === null ? [] : [e.actorPersonId])),
  ]);
  const [henryRecord] = await db.sequelize.query<{ id: number }>(
    'SELECT id FROM people WHERE slack_user_id = :s',
    {
      replacements: { s: PEOPLE.henry },
      type: QueryTypes.SELECT,
    },
  );
  expected.add(henryRecord!.id);
  expect(row!.people.map((p) => p.id)).toEqual([...expected].sort((a, b) => a - b));
  for (const person of await findPeopleByIds([...expected]))
    expect(row!.people).toContainEqual({ id: person.id, slackUserId: person.slackUserId, name: person.name });
  // The card shows the names: the route's CC (head of HR) among them.
  const view = await engine.readInstanceView(request.instanceId);
  expect(view.cc.map((c) => c.name)).not.toContain('?');
  expect(view.history.every((e) => e.actor === null || e.actor.name !== '?')).toBe(true);
});

it('the engine locks a task’s request and reads the actor and the step as the models do', async () => {
  const { request, tasks } = await busyRequest();
  const current = tasks[1]!;
  await db.sequelize.transaction(async (transaction) => {
    expect(await lockInstanceOfTask(current.id, transaction)).toEqual(
      await findInstanceById(request.instanceId, transaction),
    );
    const cc = (await findInstanceById(request.instanceId, transaction))!.route.cc.map((c) => c.personId);
    expect(cc.length).toBeGreaterThan(0);
    const {
      actor,
      stepTasks: step,
      people,
    } = await findActorAndStep(bob, current.id, [...cc, 999_999], transaction);
    expect(actor).toEqual(await findPersonBySlackId(bob, { transaction }));
    expect(people).toEqual((await findPeopleByIds(cc, transaction)).sort((a, b) => a.id - b.id));
    expect(step).toEqual(await findStepTasks(request.instanceId, 2, current.stepIndex, transaction));
    expect(step.find((t) => t.id === current.id)).toEqual(await findTask(current.id, transaction));
    // The returned task of revision 1 has its own step.
    expect((await findActorAndStep(bob, tasks[0]!.id, [], transaction)).stepTasks.map((t) => t.id)).toEqual([
      tasks[0]!.id,
    ]);
    expect(await lockInstanceOfTask(999_999, transaction)).toBeNull();
    expect(await findActorAndStep('U0NOBODY0', 999_999, [], transaction)).toEqual({
      actor: null,
      stepTasks: [],
      people: [],
    });
  });
});

/** Statements sent to PostgreSQL while `run` runs (a new pooled connection's set-up excluded). */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await run();
    return spy.mock.calls.filter(([query]) => {
      const text = typeof query === 'string' ? query : (query as { text?: string }).text;
      return !String(text).startsWith('SET ');
    }).length;
  } finally {
    spy.mockRestore();
  }
}

it('delivering a notification reads and writes with few statements', async () => {
  const { request, tasks } = await busyRequest();
  const row = (await findOutboxOfInstance(request.instanceId)).find((m) => m.deliveredAt === null)!;
  await engine.readTaskView(tasks[1]!.id); // warm: templates are cached for the process
  expect(await statementsOf(() => claimOutboxById(row.id))).toBe(1);
  expect(await statementsOf(() => engine.readTaskView(tasks[1]!.id))).toBe(1);
  expect(await statementsOf(() => engine.readInstanceView(request.instanceId))).toBe(1);
  expect(await statementsOf(() => markOutboxDelivered(row.id, { channel: 'D0X', ts: '1.2' }))).toBe(1);
});

it('the requests of a merged notice are read in one statement, each as its own read gives it', async () => {
  const { request } = await busyRequest();
  const other = submitted(
    await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 7), addDays(monday, 7))),
  );
  const ids = [request.instanceId, other.instanceId, request.instanceId];
  let views = new Map();
  expect(await statementsOf(async () => (views = await engine.readInstanceViews(ids)))).toBe(1);
  expect([...views.keys()].sort()).toEqual([request.instanceId, other.instanceId].sort());
  expect(views.get(other.instanceId)).toEqual(await engine.readInstanceView(other.instanceId));
  expect(views.get(request.instanceId)).toEqual(await engine.readInstanceView(request.instanceId));
  await expect(engine.readInstanceViews([request.instanceId, 999_999])).rejects.toMatchObject({
    code: 'not_found',
  });
});

it('an approval is one transaction of few statements', async () => {
  const warm = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  await engine.approve(bob, (await findTasksOf([warm.instanceId]))[0]!.id); // templates cached
  const request = submitted(
    await engine.submitRequest(evan, 'leave', leaveForm(addDays(monday, 1), addDays(monday, 1))),
  );
  const [task] = await findTasksOf([request.instanceId]);
  // START, the lock, the actor with the step and the people the route copies, the change (the
  // task closed, the request approved, the revision's outcome, the history, the audit and outbox
  // rows), COMMIT.
  expect(await statementsOf(() => engine.approve(bob, task!.id))).toBe(5);
});
