import { Client } from 'pg';
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
 * An app process killed (SIGKILL) in the middle of an escalation: its job is running and its
 * transaction is open, waiting for the request's lock, which the test holds. A new process picks
 * the job up once BullMQ sees it stalled; the escalation then happens exactly once — one history
 * entry, one audit row, one DM to the next level up and one to the requester.
 */

let stage: ReplicaStage;

beforeAll(async () => {
  stage = await startReplicaStage({
    DEFAULT_SLA_HOURS: hoursOf(3),
    MAX_REMINDERS: '0',
    ESCALATE_AFTER_HOURS: '0',
    DEADLINE_RECONCILE_SECONDS: '2',
  });
}, 60_000);

afterAll(async () => {
  await stage?.stop();
});

const one = async <T extends object>(sql: string, replacements: Record<string, unknown>) =>
  (await stage.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements }))[0];

it('escalates exactly once after the process running the escalation is killed', async () => {
  const emu = stage.emulator;
  const first: AppProcess = await stage.startApp('first');
  const reference = await submitLeave(emu, 'U01EVAN00', '2027-06-08');
  const task = await one<{ id: number; instance_id: number }>(
    `SELECT t.id, t.instance_id FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
      WHERE i.reference = :reference AND t.status = 'pending'`,
    { reference },
  );
  if (!task) throw new Error('no pending task');

  // Hold the request's lock: the escalation job, when due, starts and waits inside its transaction.
  const holder = new Client({ connectionString: stage.db.url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM workflow_instances WHERE id = $1 FOR UPDATE', [task.instance_id]);
    await emu.waitFor(
      async () =>
        (await metricSum([first], /^gongwu_queue_jobs\{queue="deadlines",state="active"\}/)) >= 1 &&
        Number(
          (
            await one<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
              {},
            )
          )?.n,
        ) >= 1,
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        description: 'the escalation job running and waiting for the lock',
      },
    );
    await first.kill();
    await holder.query('COMMIT');
  } finally {
    await holder.end();
  }
  // The killed process's transaction never committed.
  const mid = await one<{ escalated_at: Date | null }>(
    'SELECT escalated_at FROM workflow_tasks WHERE id = :id',
    {
      id: task.id,
    },
  );
  expect(mid?.escalated_at).toBeNull();

  const second = await stage.startApp('second');
  // BullMQ hands the stalled job to the new process once the dead one's lock has expired. Only the
  // escalation's own messages are awaited: a delivery the killed process had leased (its tracking
  // card, say) waits out its outbox lease, minutes, before anyone retries it.
  await withAppLog(second, () =>
    emu.waitFor(
      async () => {
        const row = await one<{ escalated_at: Date | null; undelivered: string }>(
          `SELECT t.escalated_at, (SELECT count(*) FROM outbox WHERE kind = 'task_escalated' AND delivered_at IS NULL) AS undelivered
           FROM workflow_tasks t WHERE t.id = :id`,
          { id: task.id },
        );
        return row?.escalated_at !== null && Number(row?.undelivered) === 0;
      },
      {
        timeoutMs: 150_000,
        intervalMs: 500,
        description: 'the escalation, delivered, by the second process',
      },
    ),
  );
  const seen = await metricSum([second], /^gongwu_deadline_jobs_total\{job="reconcile",outcome="sent"\}/);
  await emu.waitFor(
    async () =>
      (await metricSum([second], /^gongwu_deadline_jobs_total\{job="reconcile",outcome="sent"\}/)) >=
      seen + 2,
    { timeoutMs: 30_000, intervalMs: 250, description: 'two more reconciliations' },
  );

  expect(dmPosts(emu, 'U01ALICE0', '⚠', reference)).toBe(1);
  expect(dmPosts(emu, 'U01EVAN00', '⚠', reference)).toBe(1);
  const audits = await one<{ n: string }>(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'workflow.task_escalated' AND subject_id = :reference",
    { reference },
  );
  expect(Number(audits?.n)).toBe(1);
  const events = await one<{ n: string }>(
    "SELECT count(*) AS n FROM workflow_events WHERE instance_id = :id AND kind = 'escalated'",
    { id: task.instance_id },
  );
  expect(Number(events?.n)).toBe(1);
}, 240_000);

/** A failed wait says what the app process logged last: the test's only window into it. */
async function withAppLog<T>(app: AppProcess, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const log = app.output().split('\n').slice(-40).join('\n');
    const state = await stage.db.sequelize
      .query(
        `SELECT id, kind, attempts, last_error, delivered_at FROM outbox WHERE delivered_at IS NULL
         UNION ALL SELECT id, 'task ' || status, reminders_sent, escalated_at::text, NULL FROM workflow_tasks`,
        { type: QueryTypes.SELECT },
      )
      .catch((queryError: unknown) => String(queryError));
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- ${app.name}'s log (last lines) ---\n${log}\n--- undelivered outbox rows and tasks ---\n${JSON.stringify(state)}`,
    );
  }
}
