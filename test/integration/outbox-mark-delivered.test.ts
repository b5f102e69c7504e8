import { QueryTypes } from 'sequelize';
import { findTasksOf } from '../../src/db/repositories/workflow-tasks.repository';
import {
  claimOutboxById,
  findOutboxOfInstance,
  markNoticesDelivered,
  markOutboxDelivered,
} from '../../src/db/repositories/workflows-outbox.repository';
import { workflows as engine } from '../support/workflows';
import { leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

/**
 * markOutboxDelivered is one statement: it marks the row delivered and records the card location
 * of a task_assigned / request_updated row, once, and only from the call that marks the row.
 */

const { bob, evan } = PEOPLE;

const { db, monday } = useWorkflowDatabase({ clearRequestsBeforeEach: true });

interface OutboxState {
  delivered_at: Date | null;
  leased_until: Date | null;
  delivered_channel: string | null;
  delivered_ts: string | null;
}
interface CardState {
  card_channel: string | null;
  card_ts: string | null;
  updated_at: Date;
}

const outboxRow = async (id: string) =>
  (
    await db.sequelize.query<OutboxState>(
      'SELECT delivered_at, leased_until, delivered_channel, delivered_ts FROM outbox WHERE id = :id',
      { replacements: { id }, type: QueryTypes.SELECT },
    )
  )[0]!;
const cardOf = async (table: 'workflow_tasks' | 'workflow_instances', id: number) =>
  (
    await db.sequelize.query<CardState>(
      `SELECT card_channel, card_ts, updated_at FROM ${table} WHERE id = :id`,
      {
        replacements: { id },
        type: QueryTypes.SELECT,
      },
    )
  )[0]!;

async function submitLeave() {
  const request = submitted(await engine.submitRequest(evan, 'leave', leaveForm(monday, monday)));
  const rows = await findOutboxOfInstance(request.instanceId);
  const assigned = rows.find((row) => row.kind === 'task_assigned')!;
  const tracking = rows.find((row) => row.kind === 'request_updated')!;
  const [task] = await findTasksOf([request.instanceId]);
  return { request, assigned, tracking, taskId: task!.id };
}

it('marks the row and records the card; a second call changes nothing at all', async () => {
  const { request, assigned, taskId } = await submitLeave();
  const claimed = await claimOutboxById(assigned.id);
  expect(claimed).toMatchObject({ id: assigned.id, attempts: 1 });
  // The claim returns the row as a read of it would.
  expect(claimed).toEqual((await findOutboxOfInstance(request.instanceId)).find((m) => m.id === assigned.id));
  const before = await cardOf('workflow_tasks', taskId);
  expect(before).toMatchObject({ card_channel: null, card_ts: null });

  await markOutboxDelivered(assigned.id, { channel: 'D0BOBDM', ts: '1700000000.000100' });
  const marked = await outboxRow(assigned.id);
  expect(marked).toMatchObject({
    leased_until: null,
    delivered_channel: 'D0BOBDM',
    delivered_ts: '1700000000.000100',
  });
  expect(marked.delivered_at).toBeInstanceOf(Date);
  const card = await cardOf('workflow_tasks', taskId);
  expect(card).toMatchObject({ card_channel: 'D0BOBDM', card_ts: '1700000000.000100' });
  // As the model's update did: recording the card is a change of the task.
  expect(card.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());

  await markOutboxDelivered(assigned.id, { channel: 'D0OTHER', ts: '1700000000.000999' });
  expect(await outboxRow(assigned.id)).toEqual(marked);
  expect(await cardOf('workflow_tasks', taskId)).toEqual(card);
  expect(await claimOutboxById(assigned.id)).toBeNull();
  expect((await engine.getTask(bob, taskId)).card).toEqual({ channel: 'D0BOBDM', ts: '1700000000.000100' });
});

it('two deliveries reported at once record one card: the one of the call that marked the row', async () => {
  const { request, tracking } = await submitLeave();
  await Promise.all([
    markOutboxDelivered(tracking.id, { channel: 'D0EVANDM', ts: '1700000000.000201' }),
    markOutboxDelivered(tracking.id, { channel: 'D0EVANDM', ts: '1700000000.000202' }),
  ]);
  const row = await outboxRow(tracking.id);
  const card = await cardOf('workflow_instances', request.instanceId);
  expect(['1700000000.000201', '1700000000.000202']).toContain(row.delivered_ts);
  expect(card).toMatchObject({ card_channel: 'D0EVANDM', card_ts: row.delivered_ts });
});

it('records only the card of its own kind, never over a card already recorded, never without both parts', async () => {
  const { request, assigned, tracking, taskId } = await submitLeave();
  // A delivery without a location (an update of a card, a notice) only marks the row.
  await markOutboxDelivered(assigned.id);
  expect(await outboxRow(assigned.id)).toMatchObject({ delivered_channel: null, delivered_ts: null });
  expect(await cardOf('workflow_tasks', taskId)).toMatchObject({ card_channel: null, card_ts: null });
  // A location with an empty ts (Slack said nothing) is noted on the row but is no card.
  await markOutboxDelivered(tracking.id, { channel: 'D0EVANDM', ts: '' });
  expect(await outboxRow(tracking.id)).toMatchObject({ delivered_channel: 'D0EVANDM', delivered_ts: '' });
  expect(await cardOf('workflow_instances', request.instanceId)).toMatchObject({ card_ts: null });

  // An outcome notice reports where it was posted: that is not the tracking card.
  await engine.recordCard({ taskId }, 'D0BOBDM', '1700000001.000100');
  await engine.approve(bob, taskId);
  const decided = (await findOutboxOfInstance(request.instanceId)).find(
    (row) => row.kind === 'request_decided',
  )!;
  await markOutboxDelivered(decided.id, { channel: 'D0EVANDM', ts: '1700000003.000100' });
  expect(await cardOf('workflow_instances', request.instanceId)).toMatchObject({ card_ts: null });

  // A tracking card recorded already (explicitly, or by an earlier row) is kept.
  await engine.recordCard({ instanceId: request.instanceId }, 'D0EVANDM', '1700000004.000100');
  const updated = (await findOutboxOfInstance(request.instanceId)).find(
    (row) => row.kind === 'request_updated' && row.deliveredAt === null,
  )!;
  await markOutboxDelivered(updated.id, { channel: 'D0ELSE', ts: '1700000005.000100' });
  expect(await cardOf('workflow_instances', request.instanceId)).toMatchObject({
    card_channel: 'D0EVANDM',
    card_ts: '1700000004.000100',
  });
  expect(await outboxRow(updated.id)).toMatchObject({ delivered_ts: '1700000005.000100' });
});

it('marks the notices of one merged post together, leaving a row delivered before as it was', async () => {
  const { request, taskId } = await submitLeave();
  await engine.approve(bob, taskId);
  const rows = await findOutboxOfInstance(request.instanceId);
  const decided = rows.find((row) => row.kind === 'request_decided')!;
  const fyi = rows.find((row) => row.kind === 'cc_notified')!;
  const other = rows.find((row) => row.kind === 'task_decided')!;
  await markOutboxDelivered(decided.id);
  const before = await outboxRow(decided.id);

  await markNoticesDelivered([decided.id, fyi.id]);
  expect(await outboxRow(decided.id)).toEqual(before);
  expect(await outboxRow(fyi.id)).toMatchObject({
    leased_until: null,
    delivered_channel: null,
    delivered_ts: null,
  });
  expect((await outboxRow(fyi.id)).delivered_at).toBeInstanceOf(Date);
  expect((await outboxRow(other.id)).delivered_at).toBeNull();
  expect(await claimOutboxById(fyi.id)).toBeNull();
});
