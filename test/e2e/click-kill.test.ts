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
  const dm = emu.dmChannelOf('U01BOB000');
  // A burst: five of Evan's requests waiting for Bob, clicked at once.
  const days = ['2027-06-15', '2027-06-16', '2027-06-17', '2027-06-22', '2027-06-23'];
  const requests: { reference: string; taskId: number; instanceId: number; ts: string }[] = [];
  for (const day of days) {
    const reference = await submitLeave(emu, 'U01EVAN00', day);
    const task = await one<{ id: number; instance_id: number }>(
      `SELECT t.id, t.instance_id FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
        WHERE i.reference = :reference AND t.status = 'pending'`,
      { reference },
    );
    if (!task) throw new Error('no pending task');
    const card = await emu.waitFor(
      () => emu.messages(dm).find((message) => JSON.stringify(message).includes(reference)),
      { timeoutMs: 15_000, intervalMs: 100, description: 'the approval card' },
    );
    requests.push({ reference, taskId: task.id, instanceId: task.instance_id, ts: card.ts });
  }

  // The decisions start and wait for their requests' locks, which the test holds: the process is
  // killed while the clicks are in flight and before anything commits.
  const holder = new Client({ connectionString: stage.db.url });
  await holder.connect();
  const answered: ({ status: number } | undefined)[] = requests.map(() => undefined);
  const slowNotices = () =>
    emu.ephemerals('U01BOB000').filter((message) => /longer than usual/.test(JSON.stringify(message))).length;
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM workflow_instances WHERE id = ANY($1) FOR UPDATE', [
      requests.map((request) => request.instanceId),
    ]);
    const clicks = requests.map((request, index) =>
      emu
        .as('U01BOB000')
        .clickButton({ actionId: 'wf_approve', in: { channel: dm, ts: request.ts } })
        .then((result) => {
          answered[index] = result;
          return result;
        }),
    );
    await emu.waitFor(
      async () =>
        Number(
          (
            await one<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
              {},
            )
          )?.n,
        ) >= requests.length,
      { timeoutMs: 10_000, intervalMs: 50, description: 'every decision waiting for its lock' },
    );
    const acknowledgedBeforeKill = answered.filter((result) => result?.status === 200).length;
    await first.kill();
    const results = await Promise.all(clicks);
    await holder.query('COMMIT');

    const pending = await stage.db.sequelize.query<{ status: string }>(
      'SELECT status FROM workflow_tasks WHERE id IN (:ids)',
      { type: QueryTypes.SELECT, replacements: { ids: requests.map((request) => request.taskId) } },
    );
    expect(pending.map((task) => task.status)).toEqual(requests.map(() => 'pending'));
    // Every click acknowledged without its decision committing must have said so.
    const acknowledged = Math.max(acknowledgedBeforeKill, results.filter((r) => r.status === 200).length);
    expect(slowNotices()).toBe(acknowledged);
  } finally {
    await holder.end();
  }

  // Recoverable: the approver clicks again on a restarted process, and each decision is made.
  const second = await stage.startApp('second');
  emu.setAppUrl(`${second.url}/slack/events`);
  for (const request of requests) {
    const again = await emu
      .as('U01BOB000')
      .clickButton({ actionId: 'wf_approve', in: { channel: dm, ts: request.ts } });
    expect(again.status).toBe(200);
  }
  const decided = await stage.db.sequelize.query<{ status: string }>(
    'SELECT status FROM workflow_tasks WHERE id IN (:ids)',
    { type: QueryTypes.SELECT, replacements: { ids: requests.map((request) => request.taskId) } },
  );
  expect(decided.map((task) => task.status)).toEqual(requests.map(() => 'approved'));
}, 180_000);
