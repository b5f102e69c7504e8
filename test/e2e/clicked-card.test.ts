import Redis from 'ioredis';
import { QueryTypes } from 'sequelize';
import { DEADLINE_QUEUE, remindJobId } from '../../src/jobs/deadlines';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { TEST_REDIS_URL } from '../support/redis';

/**
 * Approve on the card itself: the card is replaced through the click's response_url right after
 * the decision commits (no chat.update, no wait in the outbox), exactly once. Approve on a copy
 * of the buttons elsewhere (the /approvals list): the card is the outbox's to update.
 */
let running: RunningPlatform;
const emu = () => running.emulator;

let redis: Redis;
beforeAll(async () => {
  running = await startTestPlatform();
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis.disconnect();
  await running.stop();
});

async function submitLeave(requester: string, approver: string, day: string) {
  const before = emu().ephemerals(requester).length;
  await emu().as(requester).command('/leave', `${day} ${day} annual Clicked card`);
  await emu().waitFor(() => emu().ephemerals(requester).length > before, { timeoutMs: 5000 });
  const reference = /LV-\d{4}-\d{4}/.exec(JSON.stringify(emu().ephemerals(requester).at(-1)))?.[0];
  if (!reference) throw new Error('no reference in the reply');
  const card = await emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf(approver))
        .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_approve')),
    { timeoutMs: 8000, description: 'the approver card' },
  );
  return { reference, card };
}

const cardNow = (approver: string, ts: string) =>
  emu()
    .messages(emu().dmChannelOf(approver))
    .find((m) => m.ts === ts);

const updatesOf = (ts: string) =>
  emu()
    .callsTo('chat.update')
    .filter((call) => call.args.ts === ts);

const cardRowDelivered = async (reference: string) => {
  const [row] = await running.db.sequelize.query<{ delivered: boolean }>(
    `SELECT o.delivered_at IS NOT NULL AS delivered FROM outbox o JOIN workflow_instances i ON i.id = o.instance_id
      WHERE i.reference = :reference AND o.kind = 'task_decided'`,
    { replacements: { reference }, type: QueryTypes.SELECT },
  );
  return row?.delivered;
};

/** The task's first reminder job, as the deadline queue keeps it in Redis (<prefix>:<queue>:<id>). */
const reminderQueued = async (taskId: string) =>
  (await redis.exists(`${running.queueNamespace}:${DEADLINE_QUEUE}:${remindJobId(Number(taskId), 1)}`)) === 1;

it('replaces the clicked card through response_url, once, and the outbox does not update it again', async () => {
  const { reference, card } = await submitLeave('U01EVAN00', 'U01BOB000', '2027-07-05');
  // The approver has the card: its reminders are scheduled…
  const taskId = /"action_id":"wf_approve","style":"primary","value":"(\d+)"/.exec(JSON.stringify(card))?.[1];
  if (!taskId) throw new Error('no task id on the card');
  await emu().waitFor(() => reminderQueued(taskId), { timeoutMs: 8000, description: 'the reminder job' });
  const responsesBefore = emu().callsTo('response_url').length;
  await emu()
    .as('U01BOB000')
    .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf('U01BOB000'), ts: card.ts } });
  await emu().waitFor(() => !JSON.stringify(cardNow('U01BOB000', card.ts)).includes('wf_approve'), {
    timeoutMs: 8000,
    description: 'the card without its buttons',
  });
  expect(JSON.stringify(cardNow('U01BOB000', card.ts))).toContain(reference);
  const replaced = emu()
    .callsTo('response_url')
    .slice(responsesBefore)
    .filter((call) => call.args.replace_original === true);
  expect(replaced).toHaveLength(1);
  await emu().waitFor(async () => (await cardRowDelivered(reference)) === true, { timeoutMs: 8000 });
  // The requester's outcome arrives (the rest of the outbox ran), and still no chat.update of the card.
  await emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf('U01EVAN00'))
        .some((m) => !m.blocks?.length && m.text?.includes(reference)),
    { timeoutMs: 8000, description: 'the outcome to the requester' },
  );
  expect(updatesOf(card.ts)).toHaveLength(0);
  // …and dropped once the clicked card's row is delivered ("after delivery" ran for it too).
  await emu().waitFor(async () => !(await reminderQueued(taskId)), {
    timeoutMs: 8000,
    description: 'the reminder job removed',
  });
});

it('leaves the card to the outbox when Approve is clicked elsewhere (the /approvals list)', async () => {
  const { reference, card } = await submitLeave('U01GRACE0', 'U01CAROL0', '2027-07-06');
  await emu().as('U01CAROL0').command('/approvals', '');
  await emu().waitFor(() => JSON.stringify(emu().ephemerals('U01CAROL0').at(-1)).includes(reference), {
    timeoutMs: 5000,
  });
  await emu().as('U01CAROL0').clickButton({ actionId: 'wf_approve', in: 'ephemeral' });
  await emu().waitFor(() => !JSON.stringify(cardNow('U01CAROL0', card.ts)).includes('wf_approve'), {
    timeoutMs: 8000,
    description: 'the card without its buttons',
  });
  // The courier records the delivery after Slack answered the update: wait for it, do not race it.
  await emu().waitFor(async () => (await cardRowDelivered(reference)) === true, {
    timeoutMs: 8000,
    description: 'the card row marked delivered',
  });
  expect(updatesOf(card.ts)).toHaveLength(1);
  // The list the click came from is shown again, in place, without the decided task.
  const list = await emu().waitFor(
    () =>
      emu()
        .ephemerals('U01CAROL0')
        .find((m) => JSON.stringify(m).includes('Nothing is waiting')),
    { timeoutMs: 8000, description: 'the /approvals list shown again' },
  );
  expect(JSON.stringify(list)).not.toContain('wf_approve');
  expect(
    emu()
      .ephemerals('U01CAROL0')
      .filter((m) => JSON.stringify(m).includes(reference)),
  ).toHaveLength(0);
});

it('shows the /approvals list again after a rejection made from it, with the other tasks still there', async () => {
  const rejected = await submitLeave('U01GRACE0', 'U01CAROL0', '2027-07-07');
  const kept = await submitLeave('U01GRACE0', 'U01CAROL0', '2027-07-08');
  await emu().as('U01CAROL0').command('/approvals', '');
  const shown = await emu().waitFor(
    () =>
      emu()
        .ephemerals('U01CAROL0')
        .find((m) => JSON.stringify(m).includes(rejected.reference)),
    { timeoutMs: 5000, description: 'the list with both tasks' },
  );
  expect(JSON.stringify(shown)).toContain(kept.reference);
  const taskId = /"action_id":"wf_reject","style":"danger","value":"(\d+)"/.exec(
    JSON.stringify(rejected.card),
  )?.[1];
  expect(taskId).toBeDefined();
  await emu().as('U01CAROL0').clickButton({ actionId: 'wf_reject', value: taskId!, in: 'ephemeral' });
  await emu().waitFor(() => emu().openViews('U01CAROL0').length > 0, { timeoutMs: 5000 });
  await emu().as('U01CAROL0').fillModal({ Reason: 'Dates clash with the audit' });
  expect((await emu().as('U01CAROL0').submitView()).outcome).toBe('closed');
  const list = await emu().waitFor(
    () => {
      const now = emu()
        .ephemerals('U01CAROL0')
        .find((m) => m.ts === shown.ts);
      return now && !JSON.stringify(now).includes(rejected.reference) ? now : undefined;
    },
    { timeoutMs: 8000, description: 'the list without the rejected task' },
  );
  expect(JSON.stringify(list)).toContain(kept.reference);
  expect(JSON.stringify(list)).toContain('wf_approve');
});
