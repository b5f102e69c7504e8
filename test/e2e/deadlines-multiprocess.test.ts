import { QueryTypes } from 'sequelize';
import {
  type AppProcess,
  dmPosts,
  hoursOf,
  metricSum,
  type ReplicaStage,
  startReplicaStage,
} from '../support/app-process';
import { configureWorkflows, workflowSettings, workflows } from '../support/workflows';

const { submitRequest, syncBuiltinTemplates } = workflows;

/**
 * Two app processes (two replicas) on the same PostgreSQL and Redis, with an SLA of seconds:
 * both run the deadline and digest workers and reconcile every two seconds, yet every reminder,
 * every escalation and every daily digest reaches Slack exactly once. The requests are submitted
 * before the processes start, so the digest check each process makes at start finds them (the
 * digest time, 00:00, has passed today on a round-the-clock calendar).
 */
const SLA_SECONDS = 20;
const saved = { ...workflowSettings() };

let stage: ReplicaStage;
let apps: AppProcess[];

beforeAll(async () => {
  stage = await startReplicaStage({
    DEFAULT_SLA_HOURS: hoursOf(SLA_SECONDS),
    DIGEST_TIME: '00:00',
    WEEKLY_SUMMARY: 'off',
    REMINDER_POINTS: '0.5,1',
    MAX_REMINDERS: '2',
    ESCALATE_AFTER_HOURS: hoursOf(2),
    DEADLINE_RECONCILE_SECONDS: '2',
  });
  // Due times are computed where the request is submitted: here, with the processes' settings.
  configureWorkflows({
    calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
    defaultSlaHours: SLA_SECONDS / 3600,
  });
  await syncBuiltinTemplates();
  for (const request of REQUESTS)
    for (const date of request.dates) {
      const result = await submitRequest(request.requester, 'leave', {
        leave_type: 'annual',
        start: { date, part: 'full' },
        end: { date, part: 'full' },
        reason: `Errand ${date}`,
      });
      if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
      submitted.push({
        reference: result.reference,
        requester: request.requester,
        approver: request.approver,
      });
    }
  apps = await Promise.all([stage.startApp('a'), stage.startApp('b')]);
}, 150_000);

afterAll(async () => {
  configureWorkflows(saved);
  await stage?.stop();
});

/** Requester → approver (head of their department) → escalation target (next level up). */
const REQUESTS = [
  { requester: 'U01EVAN00', approver: 'U01BOB000', dates: ['2027-05-04', '2027-05-05'] },
  { requester: 'U01GRACE0', approver: 'U01CAROL0', dates: ['2027-05-04', '2027-05-05'] },
  { requester: 'U01FIONA0', approver: 'U01DANIEL', dates: ['2027-05-04', '2027-05-05'] },
];
const ESCALATION_TARGET = 'U01ALICE0'; // head of general-office, above finance, hr and it
const submitted: Array<{ reference: string; requester: string; approver: string }> = [];

/** Successful posts into `userId`'s DM that mention every one of `references`: their digest. */
const digestPosts = (userId: string, references: string[]) => {
  const channels = new Set([userId, stage.emulator.dmChannelOf(userId)]);
  return stage.emulator.callsTo('chat.postMessage').filter((call) => {
    const text = JSON.stringify(call.args);
    return (
      call.ok &&
      channels.has(String((call.args as { channel?: string }).channel)) &&
      references.every((reference) => text.includes(reference))
    );
  }).length;
};

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

it('delivers every reminder, escalation and digest exactly once with two replicas', async () => {
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
  for (const { approver } of REQUESTS) {
    const references = submitted.filter((s) => s.approver === approver).map((s) => s.reference);
    expect({ approver, digests: digestPosts(approver, references) }).toEqual({ approver, digests: 1 });
  }
  const [digestRows] = await stage.db.sequelize.query<{ n: string }>(
    "SELECT count(*) AS n FROM outbox WHERE kind = 'daily_digest'",
    { type: QueryTypes.SELECT },
  );
  expect(Number(digestRows?.n)).toBe(REQUESTS.length);
  const [escalations] = await stage.db.sequelize.query<{ n: string }>(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_escalated'",
    { type: QueryTypes.SELECT },
  );
  expect(Number(escalations?.n)).toBe(submitted.length);
  // Both replicas took part in the deadline work (each ran jobs of the shared queue).
  for (const app of apps) expect(await metricSum([app], /^gongwu_deadline_jobs_total\{/)).toBeGreaterThan(0);
}, 150_000);
