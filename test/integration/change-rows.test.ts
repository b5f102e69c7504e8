import { QueryTypes, type Transaction } from 'sequelize';
import { AuditEntry, OutboxEntry, WorkflowEvent } from '../../src/db/models';
import { insertAuditRows } from '../../src/db/repositories/audit.repository';
import { writeChangeRows } from '../../src/db/repositories/change-rows.repository';
import { findInstanceById, findRevisionsOf } from '../../src/db/repositories/workflow-instances.repository';
import { findTask, findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import { insertOutboxRows } from '../../src/db/repositories/workflows-outbox.repository';
import { statementName } from '../../src/db/sql/prepared-statements';
import { workflows as engine } from '../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

/**
 * A change's history, audit and outbox rows go in one statement (rows as JSON): they must be
 * stored exactly as the models store them, whatever the values, and all or nothing.
 */

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

const awkward = 'quotes \' " \\ $1 :name, a newline\nand 中文 🎉';

async function rowsToWrite() {
  const request = submitted(await engine.submitRequest(PEOPLE.evan, 'leave', leaveForm(monday, monday)));
  const at = new Date('2031-01-06T01:02:03.456Z');
  const events = [
    {
      instanceId: request.instanceId,
      revision: 1,
      stepIndex: 0,
      taskId: null,
      kind: 'commented' as const,
      actorPersonId: null,
      actorSlackId: PEOPLE.evan,
      text: awkward,
      data: { nested: { list: [1, 'two', null], flag: true }, text: awkward },
      at,
    },
    {
      instanceId: request.instanceId,
      revision: 1,
      stepIndex: null,
      taskId: null,
      kind: 'completed' as const,
      actorPersonId: null,
      actorSlackId: null,
      text: null,
      data: {},
      at,
    },
  ];
  const audits = [
    {
      actor: PEOPLE.evan,
      action: 'test.one',
      subjectType: 'workflow_request',
      subjectId: 'X',
      before: null,
      after: { a: awkward },
    },
    {
      actor: PEOPLE.evan,
      action: 'test.two',
      subjectType: 'workflow_request',
      subjectId: 'X',
      before: 'a string',
      after: 42,
    },
    {
      actor: PEOPLE.evan,
      action: 'test.three',
      subjectType: 'workflow_request',
      subjectId: 'X',
      requestId: 'req-1',
    },
  ];
  const outbox = [
    {
      kind: 'request_decided' as const,
      recipientPersonId: null,
      recipientSlackId: PEOPLE.evan,
      instanceId: request.instanceId,
      taskId: null,
      payload: { instanceId: request.instanceId, outcome: 'approved' as const },
    },
  ];
  return { events, audits, outbox };
}

const stored = async () => ({
  events: (await WorkflowEvent.findAll({ order: [['id', 'ASC']], raw: true })).map(({ id, ...row }) => row),
  audits: (
    await AuditEntry.findAll({
      where: { action: ['test.one', 'test.two', 'test.three'] },
      order: [['id', 'ASC']],
      raw: true,
    })
  ).map(({ id, at, ...row }) => row),
  outbox: (
    await OutboxEntry.findAll({ where: { kind: 'request_decided' }, order: [['id', 'ASC']], raw: true })
  ).map(({ id, createdAt, ...row }) => row),
});

it('stores the rows as the models do, and returns the history ids in order', async () => {
  const rows = await rowsToWrite();
  const before = await stored();
  const { eventIds: ids, leasedOutboxIds } = await db.sequelize.transaction((transaction) =>
    writeChangeRows(rows, transaction),
  );
  expect(leasedOutboxIds).toEqual([]);
  const ours = await stored();
  expect(ids).toHaveLength(2);
  expect(Number(ids[1])).toBeGreaterThan(Number(ids[0]));
  expect(ids.every((id) => typeof id === 'string')).toBe(true);

  await db.sequelize.transaction(async (transaction) => {
    await WorkflowEvent.bulkCreate(rows.events, { transaction });
    await insertAuditRows(rows.audits, transaction);
    await insertOutboxRows(rows.outbox, transaction);
  });
  const models = await stored();
  const added = (all: typeof ours, from: typeof ours, to?: typeof ours) => ({
    events: all.events.slice(from.events.length, to?.events.length),
    audits: all.audits.slice(from.audits.length, to?.audits.length),
    outbox: all.outbox.slice(from.outbox.length, to?.outbox.length),
  });
  const oursAdded = added(ours, before);
  expect(oursAdded.events).toHaveLength(2);
  expect(oursAdded.audits).toHaveLength(3);
  expect(oursAdded.outbox).toHaveLength(1);
  expect(added(models, ours)).toEqual(oursAdded);
  expect(oursAdded.events[0]!.text).toBe(awkward);
});

it('is prepared once per connection and planned generically, and the same shape reuses it', async () => {
  const prepared = (transaction: Transaction) =>
    db.sequelize.query<{ name: string; generic_plans: number; custom_plans: number }>(
      `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements
        WHERE statement LIKE '%json_populate_recordset%'`,
      { type: QueryTypes.SELECT, transaction },
    );
  const rows = await rowsToWrite();
  const first = await db.sequelize.transaction(async (transaction) => {
    await writeChangeRows(rows, transaction);
    await writeChangeRows(rows, transaction);
    const [mode] = await db.sequelize.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode', {
      type: QueryTypes.SELECT,
      transaction,
    });
    expect(mode!.plan_cache_mode).toBe('force_generic_plan');
    return prepared(transaction);
  });
  // One statement per shape of change (this connection may have written other shapes before).
  expect(first.length).toBeGreaterThanOrEqual(1);
  for (const statement of first) {
    expect(statement.name).toMatch(/^gongwu_[0-9a-f]{20}$/);
    expect(statement.custom_plans).toBe(0);
  }
  expect(Math.max(...first.map((statement) => statement.generic_plans))).toBeGreaterThanOrEqual(2);
  expect(statementName('SELECT 1')).toBe(statementName('SELECT 1'));
  expect(statementName('SELECT 1')).not.toBe(statementName('SELECT 2'));
});

it('writes nothing when one row is refused', async () => {
  const rows = await rowsToWrite();
  const before = await stored();
  const bad = { ...rows, outbox: [{ ...rows.outbox[0]!, kind: 'no_such_kind' as 'request_decided' }] };
  await expect(
    db.sequelize.transaction((transaction) => writeChangeRows(bad, transaction)),
  ).rejects.toThrow();
  expect(await stored()).toEqual(before);
});

it('writes nothing and sends nothing for an empty change', async () => {
  expect(
    await db.sequelize.transaction((transaction) =>
      writeChangeRows({ events: [], audits: [], outbox: [] }, transaction),
    ),
  ).toEqual({ eventIds: [], leasedOutboxIds: [] });
});

it('updates the request, closes only pending tasks and sets the outcome, as the models read them back', async () => {
  const request = submitted(await engine.submitRequest(PEOPLE.evan, 'leave', leaveForm(monday, monday)));
  const instance = (await findInstanceById(request.instanceId))!;
  const [task] = await findTasksOf([request.instanceId]);
  const decidedAt = new Date('2031-01-06T09:30:00.123Z');
  const changes = {
    status: 'approved' as const,
    currentStep: null,
    decidedAt,
    participantPersonIds: [...instance.participantPersonIds, 99],
    searchText: `${instance.searchText}\n${awkward}`,
    form: { ...instance.form, note: awkward },
  };
  const before = Date.now();
  await db.sequelize.transaction((transaction) =>
    writeChangeRows(
      {
        instance: { id: instance.id, changes },
        taskCloses: [{ ids: [task!.id], changes: { status: 'approved', decidedAt, comment: awkward } }],
        revisionOutcome: { instanceId: instance.id, revision: 1, outcome: 'approved' },
        events: [],
        audits: [],
        outbox: [],
      },
      transaction,
    ),
  );
  const after = (await findInstanceById(instance.id))!;
  expect(after).toEqual({ ...instance, ...changes, updatedAt: after.updatedAt });
  expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
  const decided = (await findTask(task!.id))!;
  expect(decided).toEqual({
    ...task,
    status: 'approved',
    decidedAt,
    comment: awkward,
    updatedAt: decided.updatedAt,
  });
  expect((await findRevisionsOf([instance.id]))[0]!.outcome).toBe('approved');

  // A task that is closed already never changes again.
  await db.sequelize.transaction((transaction) =>
    writeChangeRows(
      {
        taskCloses: [{ ids: [task!.id], changes: { status: 'superseded', decidedAt: new Date() } }],
        events: [],
        audits: [],
        outbox: [],
      },
      transaction,
    ),
  );
  expect(await findTask(task!.id)).toEqual(decided);
});
