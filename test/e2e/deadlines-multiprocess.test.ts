import { QueryTypes } from 'sequelize';
import {
  type AppProcess,
  dmPosts,
  hoursOf,
  metricSum,
  type ReplicaStage,
  startReplicaStage,
  submitLeave,
} from '../support/app-process';

/**
 * Two app processes (two replicas) on the same PostgreSQL and Redis, with an SLA of seconds:
 * both run the deadline workers and reconcile every two seconds, yet every reminder and every
 * escalation reaches Slack exactly once.
 */

let stage: ReplicaStage;
let apps: AppProcess[];

beforeAll(async () => {
  stage = await startReplicaStage({
    DEFAULT_SLA_HOURS: hoursOf(8),
    REMINDER_POINTS: '0.5,1',
    MAX_REMINDERS: '2',
    ESCALATE_AFTER_HOURS: hoursOf(2),
    DEADLINE_RECONCILE_SECONDS: '2',
  });
  apps = [await stage.startApp('a'), await stage.startApp('b')];
}, 150_000);

afterAll(async () => {
  await stage?.stop();
});

/** Requester → approver (head of their department) → escalation target (next level up). */
const REQUESTS = [
  { requester: 'U01EVAN00', approver: 'U01BOB000', dates: ['2027-05-04', '2027-05-05'] },
  { requester: 'U01GRACE0', approver: 'U01CAROL0', dates: ['2027-05-04', '2027-05-05'] },
  { requester: 'U01FIONA0', approver: 'U01DANIEL', dates: ['2027-05-04', '2027-05-05'] },
];
const ESCALATION_TARGET = 'U01ALICE0'; // head of general-office, above finance, hr and it

const openDeadlines = async () => {
  const [row] = await stage.db.sequelize.query<{ n: string }>(
    `SELECT count(*) AS n FROM workflow_tasks WHERE status = 'pending' AND (reminders_sent < 2 OR escalated_at IS NULL)`,
    { type: QueryTypes.SELECT },
  );
  return Number(row?.n);
};
const undelivered = async () => {
  const [row] = await stage.db.sequelize.query<{ n: string }>(
    'SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL',
    { type: QueryTypes.SELECT },
  );
  return Number(row?.n);
};
const reconciliations = () =>
  metricSum(apps, /^gongwu_deadline_jobs_total\{job="reconcile",outcome="sent"\}/);

it('delivers every reminder and escalation exactly once with two replicas', async () => {
  const submitted: Array<{ reference: string; requester: string; approver: string }> = [];
  for (const { requester, approver, dates } of REQUESTS)
    for (const date of dates)
      submitted.push({ reference: await submitLeave(stage.emulator, requester, date), requester, approver });

  const emu = stage.emulator;
  await emu.waitFor(async () => (await openDeadlines()) === 0 && (await undelivered()) === 0, {
    timeoutMs: 60_000,
    intervalMs: 250,
    description: 'every task reminded twice and escalated, and every notification delivered',
  });
  // Let both replicas reconcile a few more times: nothing may be sent again.
  const seen = await reconciliations();
  await emu.waitFor(async () => (await reconciliations()) >= seen + 3, {
    timeoutMs: 30_000,
    intervalMs: 250,
    description: 'three more reconciliations',
  });
  expect(await undelivered()).toBe(0);

  for (const { reference, requester, approver } of submitted) {
    expect({ reference, reminders: dmPosts(emu, approver, '⏰', reference) }).toEqual({
      reference,
      reminders: 2,
    });
    expect({ reference, target: dmPosts(emu, ESCALATION_TARGET, '⚠', reference) }).toEqual({
      reference,
      target: 1,
    });
    expect({ reference, requester: dmPosts(emu, requester, '⚠', reference) }).toEqual({
      reference,
      requester: 1,
    });
  }
  const [escalations] = await stage.db.sequelize.query<{ n: string }>(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_escalated'",
    { type: QueryTypes.SELECT },
  );
  expect(Number(escalations?.n)).toBe(submitted.length);
  // Both replicas took part in the deadline work (each ran jobs of the shared queue).
  for (const app of apps) expect(await metricSum([app], /^gongwu_deadline_jobs_total\{/)).toBeGreaterThan(0);
}, 150_000);
