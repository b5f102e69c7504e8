import { performance } from 'node:perf_hooks';
import type { Job } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { QueueBackend } from '../../src/jobs/queue-backend';
import { workflows } from '../../test/support/workflows';

const { submitRequest, syncBuiltinTemplates } = workflows;

/**
 * What the reminders benchmark puts in the database and how it reads the datastores: many pending
 * tasks cloned by SQL from one real request (so each is a complete request the deadline jobs can
 * act on), the memory the queue holds, and a backend whose workers note when each job starts.
 */

const REQUESTER = 'U01EVAN00'; // finance employee: his leave goes to Bob, the head of finance

/**
 * `count` pending tasks, created now and due in a week: one request submitted through the engine,
 * then copied row by row with generate_series (instances with their own reference, one pending
 * task each). Returns the task ids in order.
 */
export async function seedPendingTasks(sequelize: Sequelize, count: number): Promise<number[]> {
  await syncBuiltinTemplates();
  // A Wednesday about two months ahead: inside the leave template's one-year window.
  const day = new Date(Date.now() + 60 * 86_400_000);
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  const date = day.toISOString().slice(0, 10);
  const result = await submitRequest(REQUESTER, 'leave', {
    leave_type: 'annual',
    start: { date, part: 'full' },
    end: { date, part: 'full' },
    reason: 'Benchmark',
  });
  if (!result.ok) throw new Error(`seed request refused: ${JSON.stringify(result.errors)}`);
  const copies = count - 1;
  await sequelize.query(
    `INSERT INTO workflow_instances (reference, template_id, template_key, requester_person_id,
        requester_slack_id, requester_name, department_id, status, revision, current_step, form, route,
        participant_person_ids, search_text)
     SELECT 'BENCH-' || g, template_id, template_key, requester_person_id, requester_slack_id,
        requester_name, department_id, status, revision, current_step, form, route,
        participant_person_ids, search_text
       FROM workflow_instances, generate_series(1, :copies) g
      WHERE id = :instanceId`,
    { replacements: { copies, instanceId: result.instanceId } },
  );
  await sequelize.query(
    `INSERT INTO workflow_tasks (instance_id, revision, step_index, assignee_person_id, status, due_at, created_at)
     SELECT i.id, t.revision, t.step_index, t.assignee_person_id, 'pending', now() + interval '7 days', now()
       FROM workflow_instances i, workflow_tasks t
      WHERE i.reference LIKE 'BENCH-%' AND t.instance_id = :instanceId AND t.status = 'pending'
      ORDER BY i.id`,
    { replacements: { instanceId: result.instanceId } },
  );
  await sequelize.query(
    `UPDATE workflow_tasks SET due_at = now() + interval '7 days', created_at = now()
      WHERE instance_id = :instanceId`,
    { replacements: { instanceId: result.instanceId } },
  );
  await sequelize.query('ANALYZE workflow_tasks; ANALYZE workflow_instances');
  const rows = await sequelize.query<{ id: number }>(
    "SELECT id FROM workflow_tasks WHERE status = 'pending' ORDER BY id",
    { type: QueryTypes.SELECT },
  );
  if (rows.length !== count) throw new Error(`seeded ${rows.length} pending tasks, wanted ${count}`);
  return rows.map((row) => row.id);
}

/**
 * Moves `taskIds` so that their first reminder (at 50 % of the SLA, on a round-the-clock
 * calendar) falls exactly at `at`; the second reminder and the escalation come an hour later.
 */
export async function makeDueAt(sequelize: Sequelize, taskIds: number[], at: Date): Promise<void> {
  await sequelize.query(
    `UPDATE workflow_tasks SET created_at = :at::timestamptz - interval '1 hour',
        due_at = :at::timestamptz + interval '1 hour', reminders_sent = 0
      WHERE id IN (:ids)`,
    { replacements: { at: at.toISOString(), ids: taskIds } },
  );
}

/** Bytes the queue's datastore holds: Redis `used_memory`, or the size of the queue's schema. */
export async function queueBytes(
  kind: 'redis' | 'postgres',
  where: { redisUrl: string; databaseUrl: string; schema: string },
): Promise<number> {
  if (kind === 'redis') {
    const redis = new IORedis(where.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const info = await redis.info('memory');
      const used = /^used_memory:(\d+)/m.exec(info);
      if (!used) throw new Error('INFO memory has no used_memory');
      return Number(used[1]);
    } finally {
      redis.disconnect();
    }
  }
  const client = new Client({ connectionString: where.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string | null }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [where.schema],
    );
    return Number(rows[0]?.bytes ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * The same backend, but every worker notes the moment each job starts (before the real
 * processor runs): firing lateness is that moment minus the time the job was due.
 */
export function timingBackend(
  backend: QueueBackend,
  onStart: (job: Job, startedAt: number) => void,
): QueueBackend {
  return {
    ...backend,
    createWorker(name, processor, options) {
      return backend.createWorker(
        name,
        async (job, token) => {
          onStart(job as Job, performance.timeOrigin + performance.now());
          return processor(job, token);
        },
        options,
      );
    },
  };
}

/** Polls until `check` holds, or throws after `ms`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
