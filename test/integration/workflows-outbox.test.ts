import { QueryTypes } from 'sequelize';
import {
  claimOutbox,
  claimOutboxById,
  findOutboxOfInstance,
  findUndeliveredOutboxIds,
  markOutboxDelivered,
  markOutboxFailed,
} from '../../src/db/repositories/workflows-outbox.repository';
import { workflows as engine } from '../support/workflows';
import {
  clearRequests,
  count,
  leaveForm,
  PEOPLE,
  refusal,
  submitted,
  useWorkflowDatabase,
} from './workflows-support';

/** The courier's side of the outbox: leases, delivery, failure, and card locations. */

const { bob, evan } = PEOPLE;

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

/** A document needing one approval: two outbox rows (the approver's card, the tracking card). */
const submitCircular = (i: number) =>
  engine.submitRequest(PEOPLE.fiona, 'document', {
    title: `Circular ${i}`,
    doc_type: 'notice',
    urgency: 'normal',
    confidentiality: 'public',
    summary: 'x',
  });

const submit = async () => submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));

it('claims each row once: concurrent claimers never get the same row', async () => {
  for (let i = 0; i < 5; i++) {
    await submitCircular(i);
  }
  expect(await count(db, 'SELECT count(*) AS n FROM outbox')).toBe(10);
  const claims = await Promise.all([claimOutbox(4), claimOutbox(4), claimOutbox(4)]);
  const ids = claims.flat().map((m) => m.id);
  expect(ids).toHaveLength(10);
  expect(new Set(ids).size).toBe(10);
  expect(await claimOutbox(10)).toEqual([]);
  for (const message of claims.flat()) expect(message.attempts).toBe(1);
});

it('claims and marks by id asked for at once go out together, each row still claimed once', async () => {
  for (let i = 0; i < 4; i++) {
    await submitCircular(i);
  }
  const rows = (await findUndeliveredOutboxIds()).map((row) => row.id);
  expect(rows).toHaveLength(8);
  // Twenty claims of one row and one each of the others, all in flight together.
  const [first, ...others] = rows;
  const claims = await Promise.all([
    ...Array.from({ length: 20 }, () => claimOutboxById(first!)),
    ...others.map((id) => claimOutboxById(id)),
  ]);
  expect(claims.slice(0, 20).filter((claim) => claim !== null)).toHaveLength(1);
  expect(claims.slice(20).map((claim) => claim?.id)).toEqual(others);
  expect(await count(db, 'SELECT count(*) AS n FROM outbox WHERE attempts = 1')).toBe(8);

  // Marked together: each row keeps its own card location, and the cards it records are its own.
  const messages = claims.filter((claim) => claim !== null);
  await Promise.all(
    messages.map((message, i) =>
      markOutboxDelivered(message.id, { channel: `D0CARD${i}`, ts: `1700000000.00010${i}` }),
    ),
  );
  const [marked] = await db.sequelize.query<{ n: number; distinct_ts: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT delivered_ts)::int AS distinct_ts FROM outbox WHERE delivered_at IS NOT NULL`,
    { type: QueryTypes.SELECT },
  );
  expect(marked).toEqual({ n: 8, distinct_ts: 8 });
  for (const [i, message] of messages.entries()) {
    if (message.kind !== 'task_assigned') continue;
    expect((await engine.getTask(message.recipientSlackId, message.taskId!)).card).toEqual({
      channel: `D0CARD${i}`,
      ts: `1700000000.00010${i}`,
    });
  }
});

it('a delivered row is never claimed again; a failed one comes back after its backoff', async () => {
  const request = await submit();
  const [assigned, tracking] = await claimOutbox(10);
  expect(assigned).toMatchObject({
    kind: 'task_assigned',
    recipientSlackId: bob,
    instanceId: request.instanceId,
  });
  expect(tracking).toMatchObject({
    kind: 'request_updated',
    recipientSlackId: evan,
    payload: { event: 'submitted' },
  });

  await markOutboxDelivered(assigned!.id, { channel: 'D0BOBDM', ts: '1700000000.000100' });
  await markOutboxDelivered(assigned!.id, { channel: 'D0OTHER', ts: '1700000000.000999' }); // a second call changes nothing
  await markOutboxFailed(tracking!.id, 'ratelimited');
  expect(await claimOutboxById(assigned!.id)).toBeNull();
  expect(await claimOutboxById(tracking!.id)).toBeNull(); // still backing off
  expect(await findUndeliveredOutboxIds()).toEqual([
    { id: tracking!.id, attempts: 1, kind: 'request_updated', recipientSlackId: evan },
  ]);

  await db.sequelize.query("UPDATE outbox SET leased_until = now() - interval '1 second' WHERE id = :id", {
    replacements: { id: tracking!.id },
  });
  const again = await claimOutboxById(tracking!.id);
  expect(again).toMatchObject({ attempts: 2, lastError: 'ratelimited' });
  await markOutboxDelivered(tracking!.id, { channel: 'D0EVANDM', ts: '1700000000.000200' });
  expect(await findUndeliveredOutboxIds()).toEqual([]);

  // Delivering the card rows recorded where the cards are: the views carry them.
  const task = await engine.getTask(bob, assigned!.taskId!);
  expect(task.card).toEqual({ channel: 'D0BOBDM', ts: '1700000000.000100' });
  expect(task.instance.card).toEqual({ channel: 'D0EVANDM', ts: '1700000000.000200' });
  expect((await findOutboxOfInstance(request.instanceId)).every((m) => m.deliveredAt !== null)).toBe(true);
});

it('a lease that runs out (a crashed courier) makes the row claimable again', async () => {
  await submit();
  const [first] = await claimOutbox(1);
  expect(await claimOutboxById(first!.id)).toBeNull();
  await db.sequelize.query("UPDATE outbox SET leased_until = now() - interval '1 second'");
  expect((await claimOutbox(1))[0]).toMatchObject({ id: first!.id, attempts: 2 });
});

it('the Slack layer records card locations explicitly too', async () => {
  const request = await submit();
  const taskId = (await engine.listPendingTasks(bob)).items[0]!.taskId;
  await engine.recordCard({ taskId }, 'D0BOBDM', '1700000001.000100');
  await engine.recordCard({ instanceId: request.instanceId }, 'D0EVANDM', '1700000001.000200');
  const view = await engine.getInstance(evan, request.reference);
  expect(view.card).toEqual({ channel: 'D0EVANDM', ts: '1700000001.000200' });
  expect(view.steps[0]!.tasks[0]!.card).toEqual({ channel: 'D0BOBDM', ts: '1700000001.000100' });
  expect(await refusal(engine.recordCard({ taskId: 999_999 }, 'D0BOBDM', '1700000001.000100'))).toBe(
    'not_found',
  );
  expect(await refusal(engine.recordCard({ taskId }, 'not a channel', 'x'))).toBe('invalid_input');
  // A card recorded this way is kept when the delivery of its row reports another location.
  const [assigned] = await claimOutbox(1);
  await markOutboxDelivered(assigned!.id, { channel: 'D0ELSE', ts: '1700000002.000100' });
  expect((await engine.getTask(bob, taskId)).card).toEqual({ channel: 'D0BOBDM', ts: '1700000001.000100' });
});

it('payloads carry ids and codes only, never rendered text', async () => {
  const request = await submit();
  const taskId = (await engine.listPendingTasks(bob)).items[0]!.taskId;
  await engine.reject(bob, taskId, 'A reason that must not be copied into the outbox');
  for (const message of await findOutboxOfInstance(request.instanceId)) {
    expect(JSON.stringify(message.payload)).not.toContain('reason that must not');
    expect(message.payload.instanceId).toBe(request.instanceId);
  }
});

it('an approval clicked on the card itself leases the card update to the click; anywhere else, to the courier', async () => {
  const first = await submit();
  const [assigned] = (await findOutboxOfInstance(first.instanceId)).filter((m) => m.kind === 'task_assigned');
  await markOutboxDelivered(assigned!.id, { channel: 'D0BOBDM', ts: '1700000000.000100' });
  const decided = await engine.approve(bob, assigned!.taskId!, undefined, '1700000000.000100');
  const card = (await findOutboxOfInstance(first.instanceId)).find((m) => m.kind === 'task_decided')!;
  expect(decided.cardUpdateRowId).toBe(card.id);
  // Leased from the start, its attempt counted as a claim counts it: no courier takes it.
  expect(card).toMatchObject({ attempts: 1, deliveredAt: null });
  expect(await claimOutboxById(card.id)).toBeNull();
  // The courier's kick (after its cursor) leaves it out; the reconciliation still sees it.
  expect((await findUndeliveredOutboxIds(1000, '0')).map((row) => row.id)).not.toContain(card.id);
  expect((await findUndeliveredOutboxIds()).map((row) => row.id)).toContain(card.id);
  // The other rows of the decision are the courier's as always.
  const others = (await findOutboxOfInstance(first.instanceId)).filter(
    (m) => m.deliveredAt === null && m.id !== card.id,
  );
  expect(others.length).toBeGreaterThan(0);
  for (const other of others) {
    expect(other.attempts).toBe(0);
    expect((await findUndeliveredOutboxIds(1000, '0')).map((row) => row.id)).toContain(other.id);
  }

  // Clicked on another message (a reminder, the /approvals list), or before the card is recorded.
  await clearRequests(db);
  for (const clickedTs of ['1700000000.000999', undefined]) {
    const request = await submit();
    const [row] = (await findOutboxOfInstance(request.instanceId)).filter((m) => m.kind === 'task_assigned');
    if (clickedTs) await markOutboxDelivered(row!.id, { channel: 'D0BOBDM', ts: '1700000000.000100' });
    const result = await engine.approve(bob, row!.taskId!, undefined, clickedTs ?? '1700000000.000100');
    expect(result.cardUpdateRowId).toBeUndefined();
    const update = (await findOutboxOfInstance(request.instanceId)).find((m) => m.kind === 'task_decided')!;
    expect(update.attempts).toBe(0);
    expect(await claimOutboxById(update.id)).toMatchObject({ id: update.id, attempts: 1 });
    await clearRequests(db);
  }
});
