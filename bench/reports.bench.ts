/**
 * `npm run bench:reports`: the supervision reports at scale. Seeds a year (2026) of history in a
 * throwaway database with SQL (generate_series): 100,000 requests, 400,000 tasks (four steps each),
 * returns, resubmissions and escalations, 2,000 announcements with acknowledgements. Then times,
 * for November 2026 against October, the whole organisation's report with its two charts drawn
 * (ECharts → SVG → PNG, Noto Sans CJK) and one department's report (Finance), p50/p95 over
 * `--runs`; and, in the same run, the same workflow figures computed naively: every request and
 * task read into the process and aggregated row by row in JavaScript (the engine's own
 * working-hours function for turnaround). Prints a table and a JSON line. See bench/README.md.
 */
import { performance } from 'node:perf_hooks';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SqlIndicators } from '../src/db/repositories/indicators.repository';
import { createSequelize } from '../src/db/sequelize';
import type { DepartmentRecord, PersonRecord } from '../src/domain/org/model';
import { createReports, type Report } from '../src/domain/supervision/report.service';
import { calendarOf, workingHoursBetween } from '../src/domain/workflows/work-calendar';
import { loadExampleOrg } from '../src/local-workspace';
import { findChartFonts } from '../src/reports/chart-fonts';
import { renderChart } from '../src/reports/chart-render';
import { translator } from '../src/slack/i18n';
import { reportCharts } from '../src/slack/views/reports/report-charts.view';
import { type LatencySummary, ms, summarize } from './lib/stats';
import { prepareOursDatabase } from './lib/targets';

const progress = (line: string) => process.stderr.write(`${line}\n`);
const GOALS = { organisationP95Ms: 2000, departmentP95Ms: 500 };
const TZ = 'Asia/Taipei';
const CALENDAR = { timeZone: TZ, dayStartMinute: 540, dayEndMinute: 1080, workingDays: [1, 2, 3, 4, 5] };

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** A year of history, made by PostgreSQL itself; deterministic (setseed). */
export async function seed(
  sequelize: Sequelize,
  sizes: { requests: number; steps: number; announcements: number },
) {
  const run = (sql: string, bind: unknown[] = []) => sequelize.query(sql, { bind });
  await run('SELECT setseed(0.16)');
  await run(`INSERT INTO workflow_templates (key, version, definition, checksum)
             SELECT key, 1, '{}', repeat('0', 64) FROM unnest(ARRAY['leave', 'purchase', 'document']) AS key`);
  await run(`CREATE TEMP TABLE bench_people AS
             SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, slack_user_id, department_id FROM people
             WHERE status = 'active' AND department_id IS NOT NULL`);
  // Requests: submitted through 2026, 85 % decided 1 hour to 6 days later.
  await run(
    `INSERT INTO workflow_instances (reference, template_id, template_key, requester_person_id, requester_slack_id,
       requester_name, department_id, status, form, route, created_at, decided_at)
     SELECT 'LV-2026-' || lpad(g::text, 6, '0'), t.id, t.key, pe.id, pe.slack_user_id, 'Bench', pe.department_id,
            CASE WHEN r < 0.70 THEN 'approved' WHEN r < 0.80 THEN 'rejected' WHEN r < 0.85 THEN 'withdrawn'
                 ELSE 'in_review' END,
            '{}', '{}', c, CASE WHEN r < 0.85 THEN c + make_interval(hours => 1 + (random() * 143)::int) END
     FROM (SELECT g, random() AS r,
                  timestamptz '2026-01-01 00:00+08' + make_interval(mins => (random() * 525000)::int) AS c
           FROM generate_series(1, $1::int) g) s
     JOIN workflow_templates t ON t.id = (SELECT min(id) FROM workflow_templates) + g % 3
     JOIN bench_people pe ON pe.n = g % (SELECT count(*) FROM bench_people)`,
    [sizes.requests],
  );
  // Tasks: `steps` per request, one after the other between submission and decision; an open
  // request's last task is pending. Each is due a working day (24 h) after assignment.
  await run(
    `INSERT INTO workflow_tasks (instance_id, revision, step_index, assignee_person_id, status, created_at, decided_at, due_at)
     SELECT i.id, 1, k, pe.id,
            CASE WHEN i.decided_at IS NULL AND k = $1::int - 1 THEN 'pending'
                 WHEN i.status = 'rejected' AND k = $1::int - 1 THEN 'rejected' ELSE 'approved' END,
            i.created_at + (COALESCE(i.decided_at, i.created_at + interval '3 days') - i.created_at) * k / $1::int,
            CASE WHEN i.decided_at IS NULL AND k = $1::int - 1 THEN NULL
                 ELSE i.created_at + (COALESCE(i.decided_at, i.created_at + interval '3 days') - i.created_at) * (k + 1) / $1::int END,
            i.created_at + (COALESCE(i.decided_at, i.created_at + interval '3 days') - i.created_at) * k / $1::int + interval '24 hours'
     FROM workflow_instances i CROSS JOIN generate_series(0, $1::int - 1) k
     JOIN bench_people pe ON pe.n = (i.id + k) % (SELECT count(*) FROM bench_people)`,
    [sizes.steps],
  );
  await run(
    `INSERT INTO workflow_events (instance_id, revision, kind, at)
     SELECT i.id, 1, kind, i.created_at + interval '2 hours' FROM workflow_instances i,
       unnest(ARRAY['returned', 'resubmitted', 'escalated']) AS kind
     WHERE (i.id * 7 + length(kind)) % 20 = 0`,
  );
  await run(
    `INSERT INTO announcements (reference, author_person_id, department_id, title, category, importance, audience,
       require_ack, publish_at, status, published_version, published_at, created_at)
     SELECT 'ANN-2026-' || lpad(g::text, 5, '0'), pe.id, pe.department_id, 'Notice ' || g, 'notice', 'normal', 'everyone',
            g % 3 = 0, c + interval '4 hours', 'published', 1, c + make_interval(hours => (random() * 48)::int), c
     FROM (SELECT g, timestamptz '2026-01-01 00:00+08' + make_interval(mins => (random() * 525000)::int) AS c
           FROM generate_series(1, $1::int) g) s
     JOIN bench_people pe ON pe.n = g % (SELECT count(*) FROM bench_people)`,
    [sizes.announcements],
  );
  await run(
    `INSERT INTO announcement_acks (announcement_id, person_id, acked_at)
     SELECT a.id, pe.id, a.published_at + make_interval(hours => (random() * 120)::int)
     FROM announcements a JOIN bench_people pe ON (a.id + pe.n) % 4 <> 0 WHERE a.require_ack`,
  );
  await run('ANALYZE');
}

/** The workflow figures of one period and department set, from every row, aggregated in JS. */
async function naiveWorkflow(sequelize: Sequelize, from: Date, to: Date, departments: Set<number> | null) {
  const instances = await sequelize.query<{
    id: number;
    template_key: string;
    status: string;
    department_id: number;
    created_at: Date;
    decided_at: Date | null;
  }>('SELECT id, template_key, status, department_id, created_at, decided_at FROM workflow_instances', {
    type: QueryTypes.SELECT,
  });
  const tasks = await sequelize.query<{
    instance_id: number;
    status: string;
    created_at: Date;
    decided_at: Date | null;
    due_at: Date | null;
  }>('SELECT instance_id, status, created_at, decided_at, due_at FROM workflow_tasks', {
    type: QueryTypes.SELECT,
  });
  const calendar = calendarOf(
    { workingDays: [1, 2, 3, 4, 5], dayStart: '09:00', dayEnd: '18:00' },
    TZ,
    new Set(),
  );
  const inPeriod = (at: Date | null) => !!at && at >= from && at < to;
  const department = new Map<number, number>();
  const requests = new Map<string, number>();
  const hours = new Map<string, number[]>();
  let decided = 0;
  let rejected = 0;
  for (const row of instances) {
    department.set(row.id, row.department_id);
    if (departments && !departments.has(row.department_id)) continue;
    if (inPeriod(row.created_at)) {
      const key = `${row.template_key}/${row.status}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    }
    if (inPeriod(row.decided_at)) {
      decided += 1;
      if (row.status === 'rejected') rejected += 1;
      const list = hours.get(row.template_key) ?? [];
      list.push(workingHoursBetween(row.created_at, row.decided_at!, calendar));
      hours.set(row.template_key, list);
    }
  }
  let slaTasks = 0;
  let onTime = 0;
  for (const task of tasks) {
    if (departments && !departments.has(department.get(task.instance_id)!)) continue;
    if (
      task.due_at &&
      inPeriod(task.decided_at) &&
      ['approved', 'rejected', 'returned'].includes(task.status)
    ) {
      slaTasks += 1;
      if (task.decided_at! <= task.due_at) onTime += 1;
    }
  }
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (sorted.length - 1) * p;
    const low = Math.floor(at);
    return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
  };
  const turnaround = [...hours].map(([template, values]) => ({
    template,
    decided: values.length,
    median: percentile(values, 0.5),
    p90: percentile(values, 0.9),
  }));
  return { requests, decided, rejected, sla: { tasks: slaTasks, onTime }, turnaround };
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<LatencySummary> {
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples[i] = performance.now() - started;
  }
  return summarize(samples);
}

async function main(): Promise<void> {
  const sizes = {
    requests: option('requests', 100_000),
    steps: option('steps', 4),
    announcements: option('announcements', 2_000),
  };
  const runs = option('runs', 10);
  const db = await prepareOursDatabase(await loadExampleOrg());
  const sequelize = createSequelize(db.url);
  try {
    progress(
      `seeding ${sizes.requests} requests × ${sizes.steps} tasks, ${sizes.announcements} announcements…`,
    );
    const seedStarted = performance.now();
    await seed(sequelize, sizes);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const [counts] = await sequelize.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM workflow_instances) AS requests, (SELECT count(*) FROM workflow_tasks) AS tasks,
              (SELECT count(*) FROM announcements) AS announcements`,
      { type: QueryTypes.SELECT },
    );
    const people = await sequelize.query<PersonRecord>(
      `SELECT id, slack_user_id AS "slackUserId", name, department_id AS "departmentId", roles, status FROM people`,
      { type: QueryTypes.SELECT },
    );
    const departments = await sequelize.query<DepartmentRecord>(
      `SELECT id, key, name, name_zh AS "nameZh", parent_id AS "parentId", head_person_id AS "headPersonId" FROM departments`,
      { type: QueryTypes.SELECT },
    );
    const reports = createReports({
      indicators: new SqlIndicators(() => sequelize),
      directory: {
        findPersonBySlackId: async (slackId) =>
          people.find((person) => person.slackUserId === slackId) ?? null,
        listDepartments: async () => departments,
      },
      clock: { now: () => new Date('2026-12-05T02:00:00Z') },
      settings: { calendar: CALENDAR },
    });
    const admin = people.find((person) => person.roles.includes('admin'))!.slackUserId!;
    const finance = departments.find((department) => department.key === 'finance')!;
    const head = people.find((person) => person.id === finance.headPersonId)!.slackUserId!;
    const fonts = findChartFonts();
    const t = translator('zh-TW');
    const withCharts = async () => {
      const report = await reports.report(admin, '2026-11');
      for (const chart of reportCharts(t, report, (key) => key)) renderChart(chart.spec, fonts);
      return report;
    };
    progress('warming up…');
    const sample: Report = await withCharts();
    await reports.report(head, '2026-11');
    progress(`timing ${runs} runs each…`);
    const organisation = await timed(runs, withCharts);
    const department = await timed(runs, () => reports.report(head, '2026-11'));
    const from = new Date('2026-10-31T16:00:00Z');
    const to = new Date('2026-11-30T16:00:00Z');
    const naiveRuns = Math.max(3, Math.round(runs / 3));
    const naiveOrg = await timed(naiveRuns, async () => {
      // The report compares with the month before: both periods, as the SQL does.
      await naiveWorkflow(sequelize, from, to, null);
      await naiveWorkflow(sequelize, new Date('2026-09-30T16:00:00Z'), from, null);
    });
    const financeIds = new Set([finance.id]);
    const naiveDepartment = await timed(naiveRuns, async () => {
      await naiveWorkflow(sequelize, from, to, financeIds);
      await naiveWorkflow(sequelize, new Date('2026-09-30T16:00:00Z'), from, financeIds);
    });
    // The two ways agree (the point of the naive run is a fair comparison, not another answer).
    const naive = await naiveWorkflow(sequelize, from, to, null);
    const agrees =
      naive.decided === sample.current.workflow.decided &&
      naive.rejected === sample.current.workflow.rejected &&
      naive.sla.tasks === sample.current.workflow.sla.tasks &&
      naive.sla.onTime === sample.current.workflow.sla.onTime;
    const row = (name: string, s: LatencySummary, goal?: number) =>
      `${name.padEnd(48)} ${String(ms(s.p50)).padStart(9)} ${String(ms(s.p95)).padStart(9)}${goal ? `   goal < ${goal} ms ${s.p95 < goal ? '✔' : '✘'}` : ''}`;
    const lines = [
      `history: ${counts!.requests} requests, ${counts!.tasks} tasks, ${counts!.announcements} announcements (seeded in ${seedSeconds.toFixed(1)} s)`,
      `November 2026: ${sample.current.workflow.decided} requests decided, ${sample.current.workflow.sla.tasks} tasks with a due time`,
      `${'measure'.padEnd(48)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)}`,
      row('organisation report + 2 charts (SQL)', organisation, GOALS.organisationP95Ms),
      row('department report, finance (SQL)', department, GOALS.departmentP95Ms),
      row('naive: workflow figures only, all rows in JS, org', naiveOrg),
      row('naive: workflow figures only, all rows in JS, dept', naiveDepartment),
      `naive and SQL figures agree: ${agrees ? 'yes' : 'NO'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'reports',
        sizes,
        runs,
        organisation,
        department,
        naiveOrganisation: naiveOrg,
        naiveDepartment,
        agrees,
      })}\n`,
    );
  } finally {
    await sequelize.close();
    await db.drop();
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
