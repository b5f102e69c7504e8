import { QueryTypes } from 'sequelize';
import {
  dmPosts,
  hoursOf,
  metricSum,
  type ReplicaStage,
  startReplicaStage,
  submitLeave,
} from '../support/app-process';

/**
 * Redis restarted empty (no persistence, no replica) while reminders are pending, under the real
 * app process: every job is gone, yet reconciliation rebuilds them from PostgreSQL and every
 * reminder and escalation still reaches Slack exactly once.
 */

let stage: ReplicaStage;

beforeAll(async () => {
  stage = await startReplicaStage({
    DEFAULT_SLA_HOURS: hoursOf(14),
    REMINDER_POINTS: '0.5,1',
    MAX_REMINDERS: '2',
    ESCALATE_AFTER_HOURS: hoursOf(2),
    DEADLINE_RECONCILE_SECONDS: '2',
  });
  await stage.startApp('app');
}, 90_000);

afterAll(async () => {
  await stage?.stop();
});

const count = async (sql: string) =>
  Number((await stage.db.sequelize.query<{ n: string }>(sql, { type: QueryTypes.SELECT }))[0]?.n);
const delayedDeadlineJobs = () =>
  metricSum(stage.apps, /^gongwu_queue_jobs\{queue="deadlines",state="delayed"\}/);

it('still reminds and escalates every pending task exactly once after Redis restarts empty', async () => {
  const emu = stage.emulator;
  const requests = [
    { requester: 'U01EVAN00', approver: 'U01BOB000', reference: '' },
    { requester: 'U01GRACE0', approver: 'U01CAROL0', reference: '' },
    { requester: 'U01FIONA0', approver: 'U01DANIEL', reference: '' },
  ];
  for (const request of requests) request.reference = await submitLeave(emu, request.requester, '2027-07-06');
  // Two reminders and an escalation per task are in the queue once the cards are delivered.
  await emu.waitFor(async () => (await delayedDeadlineJobs()) >= 9, {
    timeoutMs: 10_000,
    intervalMs: 100,
    description: 'the deadline jobs scheduled',
  });

  await stage.redis.restart();
  // Nothing was sent before the restart: whatever arrives now comes from rebuilt jobs.
  expect(await count('SELECT count(*) AS n FROM workflow_tasks WHERE reminders_sent > 0')).toBe(0);

  await emu.waitFor(
    async () =>
      (await count(
        "SELECT count(*) AS n FROM workflow_tasks WHERE status = 'pending' AND (reminders_sent < 2 OR escalated_at IS NULL)",
      )) === 0 && (await count('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL')) === 0,
    { timeoutMs: 60_000, intervalMs: 250, description: 'every reminder and escalation, delivered' },
  );
  const reconciled = () =>
    metricSum(stage.apps, /^gongwu_deadline_jobs_total\{job="reconcile",outcome="sent"\}/);
  const seen = await reconciled();
  await emu.waitFor(async () => (await reconciled()) >= seen + 3, {
    timeoutMs: 30_000,
    intervalMs: 250,
    description: 'three more reconciliations',
  });

  for (const { requester, approver, reference } of requests) {
    expect({ reference, reminders: dmPosts(emu, approver, '⏰', reference) }).toEqual({
      reference,
      reminders: 2,
    });
    expect({ reference, target: dmPosts(emu, 'U01ALICE0', '⚠', reference) }).toEqual({
      reference,
      target: 1,
    });
    expect({ reference, requester: dmPosts(emu, requester, '⚠', reference) }).toEqual({
      reference,
      requester: 1,
    });
  }
}, 150_000);
