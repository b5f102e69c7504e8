/**
 * `npm run bench:drill [-- --requests N]`: the figures of a backup and a restore drill for the
 * closing note of issue 17 — backup size and time, RTO and RPO — first for the example data (the
 * example organisation as the zero-config start seeds it), then for a database of N requests
 * (default 100,000), each with two approval tasks, two workflow events, its revision and two
 * audit rows (hash-chained by the database's own trigger). The bulk rows are generated in SQL
 * with generate_series, not through the app: this measures backups and restores, not submissions.
 * Backups are encrypted (a bench key) as a production set-up would be. CPU-heavy: run it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { runBackupJob } from '../src/backup/backup-job';
import { runRestoreDrill } from '../src/backup/restore-drill';
import { DEFAULT_RETENTION } from '../src/backup/retention';
import { migrateUp } from '../src/db/migrator';
import { BackupRuns } from '../src/db/repositories/backup-runs.repository';
import { createSequelize } from '../src/db/sequelize';
import { loadExampleOrg, seedExampleOrgIfEmpty } from '../src/local-workspace';
import { createLogger } from '../src/logger';
import { createEmptyDatabase } from '../test/support/database';

const SECRET = 'bench drill key — not a real one';
const BATCH = 20_000;

async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** N requests with tasks, events, revisions and audit rows, in batches of BATCH. */
async function generateRequests(url: string, total: number): Promise<void> {
  await sql(
    url,
    `INSERT INTO workflow_templates (key, version, definition, checksum)
     VALUES ('bench', 1, '{"key":"bench"}', repeat('0', 64)) ON CONFLICT DO NOTHING`,
  );
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    // One transaction per batch: the audit chain's trigger takes its lock once per row anyway.
    await sql(
      url,
      `DO $$
       DECLARE
         template integer := (SELECT id FROM workflow_templates WHERE key = 'bench');
         people integer[] := ARRAY(SELECT id FROM people ORDER BY id);
         n integer := array_length(people, 1);
       BEGIN
         INSERT INTO workflow_instances (reference, template_id, template_key, requester_person_id,
             requester_slack_id, requester_name, status, form, route, participant_person_ids, search_text,
             created_at, updated_at, decided_at)
         SELECT 'BN-2026-' || lpad(g::text, 6, '0'), template, 'bench', people[1 + g % n], 'UBENCH' || (g % n),
                'Bench Person ' || (g % n),
                CASE WHEN g % 10 = 0 THEN 'in_review' ELSE 'approved' END,
                jsonb_build_object('subject', '採購申請 ' || g, 'amount', g % 100000,
                                   'reason', repeat('說明文字 reason text ', 6), 'date', '2026-11-' || lpad((1 + g % 28)::text, 2, '0')),
                jsonb_build_array(jsonb_build_object('kind', 'head'), jsonb_build_object('kind', 'role', 'role', 'leader')),
                ARRAY[people[1 + g % n], people[1 + (g + 1) % n], people[1 + (g + 2) % n]],
                '採購申請 ' || g,
                now() - make_interval(mins => g), now() - make_interval(mins => g),
                CASE WHEN g % 10 = 0 THEN NULL ELSE now() - make_interval(mins => g) + interval '3 hours' END
           FROM generate_series(${from}, ${to}) AS g;
         INSERT INTO workflow_revisions (instance_id, revision, form, route, submitted_at, outcome)
         SELECT i.id, 1, i.form, i.route, i.created_at, CASE WHEN i.status = 'approved' THEN 'approved' END
           FROM workflow_instances i WHERE i.reference BETWEEN 'BN-2026-' || lpad('${from}', 6, '0')
                                                         AND 'BN-2026-' || lpad('${to}', 6, '0');
         INSERT INTO workflow_tasks (instance_id, revision, step_index, assignee_person_id, status, decided_at, comment, created_at, updated_at)
         SELECT i.id, 1, s, i.participant_person_ids[2 + s],
                CASE WHEN i.status = 'in_review' AND s = 1 THEN 'pending' ELSE 'approved' END,
                CASE WHEN i.status = 'in_review' AND s = 1 THEN NULL ELSE i.created_at + make_interval(hours => 1 + s) END,
                CASE WHEN s = 0 THEN '同意' END, i.created_at, i.created_at
           FROM workflow_instances i CROSS JOIN generate_series(0, 1) AS s
          WHERE i.reference BETWEEN 'BN-2026-' || lpad('${from}', 6, '0') AND 'BN-2026-' || lpad('${to}', 6, '0');
         INSERT INTO workflow_events (instance_id, revision, step_index, kind, actor_person_id, text, at)
         SELECT i.id, 1, s, CASE WHEN s = 0 THEN 'submitted' ELSE 'approved' END, i.requester_person_id, NULL, i.created_at
           FROM workflow_instances i CROSS JOIN generate_series(0, 1) AS s
          WHERE i.reference BETWEEN 'BN-2026-' || lpad('${from}', 6, '0') AND 'BN-2026-' || lpad('${to}', 6, '0');
         INSERT INTO audit_log (at, actor, action, subject_type, subject_id, after)
         SELECT i.created_at, i.requester_slack_id, a, 'workflow_instance', i.reference,
                jsonb_build_object('status', i.status, 'template', 'bench')
           FROM workflow_instances i CROSS JOIN unnest(ARRAY['workflow.submitted', 'workflow.approved']) AS a
          WHERE i.reference BETWEEN 'BN-2026-' || lpad('${from}', 6, '0') AND 'BN-2026-' || lpad('${to}', 6, '0')
          ORDER BY i.id, a DESC;
       END $$`,
    );
    process.stdout.write(`  generated ${to.toLocaleString('en')} requests\n`);
  }
  await sql(url, 'VACUUM ANALYZE');
}

interface Figures {
  rows: number;
  backupBytes: number;
  backupSeconds: number;
  rtoSeconds: number;
  rpoSeconds: number;
  auditRows: number;
}

async function backupAndDrill(
  url: string,
  dir: string,
  sequelize: ReturnType<typeof createSequelize>,
): Promise<Figures> {
  const runs = new BackupRuns(sequelize);
  const started = Date.now();
  const backup = await runBackupJob(
    runs,
    {
      databaseUrl: url,
      dir,
      encryptionSecret: SECRET,
      retention: DEFAULT_RETENTION,
      timeZone: 'Asia/Taipei',
      appVersion: 'bench',
    },
    null,
  );
  const backupSeconds = (Date.now() - started) / 1000;
  if (backup.status !== 'succeeded') throw new Error(`backup failed: ${JSON.stringify(backup)}`);
  const drill = await runRestoreDrill(
    runs,
    { databaseUrl: url, backupDir: dir, encryptionSecret: SECRET },
    null,
  );
  if (drill.status !== 'succeeded') throw new Error(`drill failed: ${JSON.stringify(drill)}`);
  return {
    rows: backup.rows,
    backupBytes: backup.bytes,
    backupSeconds,
    rtoSeconds: drill.rtoSeconds,
    rpoSeconds: drill.rpoSeconds,
    auditRows: drill.auditRows,
  };
}

const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;

function print(label: string, figures: Figures): void {
  process.stdout.write(
    `${label}: ${figures.rows.toLocaleString('en')} rows (${figures.auditRows.toLocaleString('en')} audit rows, chain verified)\n` +
      `  backup size ${size(figures.backupBytes)} (gzip + AES-256-GCM), backup time ${figures.backupSeconds.toFixed(1)} s\n` +
      `  drill: RTO ${figures.rtoSeconds.toFixed(1)} s (restore, checks, migrations into a scratch database), ` +
      `RPO ${figures.rpoSeconds.toFixed(1)} s (age of the backup when the drill restored it)\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '100000' } } });
  const requests = Number(values.requests);
  const db = await createEmptyDatabase('gongwu_bench_drill');
  const dir = await mkdtemp(join(tmpdir(), 'gongwu-bench-drill-'));
  const sequelize = createSequelize(db.url);
  try {
    await migrateUp(sequelize);
    await seedExampleOrgIfEmpty(await loadExampleOrg(), createLogger('silent'));
    print('example data', await backupAndDrill(db.url, join(dir, 'example'), sequelize));
    const generating = Date.now();
    await generateRequests(db.url, requests);
    process.stdout.write(`  (${((Date.now() - generating) / 1000).toFixed(1)} s to generate)\n`);
    print(
      `${requests.toLocaleString('en')} requests`,
      await backupAndDrill(db.url, join(dir, 'large'), sequelize),
    );
  } finally {
    await sequelize.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:drill failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
