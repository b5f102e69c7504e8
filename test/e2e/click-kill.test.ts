import { Client } from 'pg';
import { QueryTypes } from 'sequelize';
import { type ReplicaStage, startReplicaStage, submitLeave } from '../support/app-process';

/**
 * Issue 13 item 3: a click acknowledged before its decision committed was lost silently when the
 * process died in between (kill -9 during a burst: 29 clicks got HTTP 200 and never committed).
 * The app now acknowledges an Approve once the decision has committed, so a process killed
 * before the commit leaves the click unanswered and Slack shows the approver it failed (or, past
 * the ack's bound, the approver is told the decision is slow); clicking again then works.
 */
let stage: ReplicaStage;

beforeAll(async () => {
  stage = await startReplicaStage({});
}, 60_000);

afterAll(async () => {
  await stage?.stop();
});

const one = async <T extends object>(sql: string, replacements: Record<string, unknown>) =>
  (await stage.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements }))[0];

it('never acknowledges an Approve that a kill -9 kept from committing, and a second click works', async () => {
  const emu = stage.emulator;
  const first = await stage.startApp('first');
  const reference = await submitLeave(emu, 'U01EVAN00', '2027-06-15');
  const task = await one<{ id: number; instance_id: number }>(
    `SELECT t.id, t.instance_id FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
      WHERE i.reference = :reference AND t.status = 'pending'`,
    { reference },
  );
  if (!task) throw new Error('no pending task');
  const dm = emu.dmChannelOf('U01BOB000');
  const card = await emu.waitFor(
    () => emu.messages(dm).find((message) => JSON.stringify(message).includes(reference)),
    { timeoutMs: 15_000, intervalMs: 100, description: 'the approval card' },
  );

  // The decision starts and waits for the request's lock, which the test holds: the process is
  // killed while the click is in flight and before anything commits.
  const holder = new Client({ connectionString: stage.db.url });
  await holder.connect();
  let answered: { status: number } | undefined;
  const slowNotices = () =>
    emu.ephemerals('U01BOB000').filter((message) => /longer than usual/.test(JSON.stringify(message))).length;
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM workflow_instances WHERE id = $1 FOR UPDATE', [task.instance_id]);
    const click = emu
      .as('U01BOB000')
      .clickButton({ actionId: 'wf_approve', in: { channel: dm, ts: card.ts } })
      .then((result) => {
        answered = result;
        return result;
      });
    await emu.waitFor(
      async () =>
        Number(
          (
            await one<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
              {},
            )
          )?.n,
        ) >= 1,
      { timeoutMs: 10_000, intervalMs: 50, description: 'the decision waiting for the lock' },
    );
    const acknowledgedBeforeKill = answered?.status === 200;
    await first.kill();
    const result = await click;
    await holder.query('COMMIT');

    const after = await one<{ status: string }>('SELECT status FROM workflow_tasks WHERE id = :id', {
      id: task.id,
    });
    expect(after?.status).toBe('pending');
    // An acknowledged click that changed nothing must have said so; otherwise Slack saw no answer.
    if (acknowledgedBeforeKill || result.status === 200) expect(slowNotices()).toBe(1);
    else expect(result.status).not.toBe(200);
  } finally {
    await holder.end();
  }

  // Recoverable: the approver clicks again on a restarted process, and the decision is made.
  const second = await stage.startApp('second');
  emu.setAppUrl(`${second.url}/slack/events`);
  const again = await emu
    .as('U01BOB000')
    .clickButton({ actionId: 'wf_approve', in: { channel: dm, ts: card.ts } });
  expect(again.status).toBe(200);
  const decided = await one<{ status: string }>('SELECT status FROM workflow_tasks WHERE id = :id', {
    id: task.id,
  });
  expect(decided?.status).toBe('approved');
}, 120_000);
