import { QueryTypes } from 'sequelize';
import { SqlIndicators } from '../../../src/db/repositories/indicators.repository';
import { workflows as engine } from '../../support/workflows';
import { clearHolidays, leaveForm, submitted, useWorkflowDatabase } from '../workflows-support';
import { expectDetailsMatchFigures } from './details-match';
import { novemberScope } from './november-scope';

/**
 * Publishing, file, safe-operation and usage indicators on records written for the test (the
 * figures read records; how the records came about is other tests' business). November 2026,
 * Taipei, 09:00–18:00 Mon–Fri; finance (head Bob, employee Evan), hr (head Carol, employee Grace).
 */

const { db, monday } = useWorkflowDatabase();
const scope = novemberScope;

const ids: Record<string, number> = {};
const run = (sql: string, bind: unknown[] = []) => db.sequelize.query(sql, { bind });

beforeAll(async () => {
  await clearHolidays(db, '2026-11-01', '2026-11-30');
  for (const row of await db.sequelize.query<{ key: string; id: number }>(
    `SELECT slack_user_id AS key, id FROM people WHERE slack_user_id IS NOT NULL
     UNION ALL SELECT 'dept:' || key, id FROM departments`,
    { type: QueryTypes.SELECT },
  ))
    ids[row.key] = row.id;
  const [bob, evan, grace, carol] = [ids.U01BOB000, ids.U01EVAN00, ids.U01GRACE0, ids.U01CAROL0];
  const [finance, hr] = [ids['dept:finance'], ids['dept:hr']];
  // Announcements: A (finance, asked for Mon 2 Nov 10:00, published 14:00: late; 5 working hours
  // after its draft at 09:00; acknowledgement asked, finance-only audience), B (hr, published on
  // time, corrected once, later withdrawn).
  await run(
    `INSERT INTO announcements (id, reference, author_person_id, department_id, title, category, importance, audience,
       audience_department_ids, require_ack, publish_at, status, published_version, published_at, created_at)
     VALUES (1, 'ANN-2026-0001', $1, $2, 'A', 'notice', 'normal', 'departments', ARRAY[$2::int], TRUE,
             '2026-11-02T02:00:00Z', 'published', 1, '2026-11-02T06:00:00Z', '2026-11-02T01:00:00Z')`,
    [bob, finance],
  );
  await run(
    `INSERT INTO announcements (id, reference, author_person_id, department_id, title, category, importance, audience,
       require_ack, status, published_version, published_at, created_at, withdrawn_at, withdrawn_by_person_id, current_version)
     VALUES (2, 'ANN-2026-0002', $1, $2, 'B', 'notice', 'normal', 'everyone', FALSE, 'retracted', 2,
             '2026-11-03T01:00:00Z', '2026-11-02T01:00:00Z', '2026-11-10T01:00:00Z', $1, 2)`,
    [carol, hr],
  );
  // B's correction (version 2), approved on Wed 4 Nov; its review is a request of the engine.
  const review = submitted(await engine.submitRequest('U01CAROL0', 'leave', leaveForm(monday, monday)));
  await run(
    `INSERT INTO announcement_versions (announcement_id, version, title, body, category, importance, require_ack, audience,
       workflow_instance_id, workflow_revision, approved_at)
     VALUES (2, 2, 'B2', 'fixed', 'notice', 'normal', FALSE, 'everyone', $1, 1, '2026-11-04T01:00:00Z')`,
    [review.instanceId],
  );
  // Evan acknowledged A 2 working hours after publication; Bob four working days later.
  await run(
    `INSERT INTO announcement_acks VALUES (1, $1, '2026-11-02T08:00:00Z'), (1, $2, '2026-11-06T08:00:00Z')`,
    [evan, bob],
  );
  await run(`INSERT INTO announcement_chases VALUES (1, 1, $1, 1, '2026-11-04T02:00:00Z')`, [bob]);

  // Files: one complete finance file with two versions (the second noted), one bare hr file;
  // a confidential hr file downloaded by Evan, who is not in its scope (the figure must show it).
  await run(`INSERT INTO file_categories (id, name) VALUES (1, '公文')`);
  await run(
    `INSERT INTO library_files (id, reference, title, abstract, keywords, category_id, department_id, owner_person_id,
       confidentiality, created_at) VALUES
       (1, 'FILE-2026-0001', 'Budget', 'The budget', '{預算}', 1, $1, $3, 'internal', '2026-11-02T01:00:00Z'),
       (2, 'FILE-2026-0002', 'Bare', '', '{}', NULL, $2, $4, 'internal', '2026-11-02T01:00:00Z'),
       (3, 'FILE-2026-0003', 'Salaries', 'x', '{pay}', 1, $2, $4, 'confidential', '2026-10-02T01:00:00Z')`,
    [finance, hr, evan, grace],
  );
  await run(
    `INSERT INTO file_versions (id, file_id, label, change_note, original_name, kind, size_bytes, sha256, storage_backend,
       content_key, uploaded_by_person_id, status, created_at) VALUES
       (1, 1, '1.0', '', 'a.pdf', 'pdf', 10, repeat('0', 64), 'postgres', 'v/1', $1, 'superseded', '2026-11-02T01:00:00Z'),
       (2, 1, '1.1', 'Figures fixed', 'a.pdf', 'pdf', 10, repeat('0', 64), 'postgres', 'v/2', $1, 'current', '2026-11-03T01:00:00Z'),
       (3, 2, '1.0', '', 'b.pdf', 'pdf', 10, repeat('0', 64), 'postgres', 'v/3', $2, 'current', '2026-11-02T01:00:00Z'),
       (4, 3, '1.0', '', 'c.pdf', 'pdf', 10, repeat('0', 64), 'postgres', 'v/4', $2, 'current', '2026-10-02T01:00:00Z')`,
    [evan, grace],
  );
  await run(
    `INSERT INTO file_downloads (file_id, version_id, person_id, downloaded_at) VALUES
       (1, 2, $2, '2026-11-05T01:00:00Z'), (3, 4, $1, '2026-11-05T01:00:00Z'), (3, 4, $2, '2026-11-05T02:00:00Z')`,
    [evan, grace],
  );

  // Safe operation: two backups (one failed), one drill; Ivy suspended in November.
  await run(
    `INSERT INTO backup_runs (kind, status, started_at, finished_at, error) VALUES
       ('backup', 'succeeded', '2026-11-02T18:00:00Z', '2026-11-02T18:01:00Z', NULL),
       ('backup', 'failed', '2026-11-03T18:00:00Z', '2026-11-03T18:00:05Z', 'disk full'),
       ('drill', 'succeeded', '2026-11-04T18:00:00Z', '2026-11-04T18:03:00Z', NULL)`,
  );
  await run(
    `INSERT INTO audit_log (at, actor, action, subject_type, subject_id) VALUES
       ('2026-11-06T01:00:00Z', 'U01ALICE0', 'person.suspended', 'person', 'U01IVY000'),
       ('2026-11-06T02:00:00Z', 'U01EVAN00', 'announcement.acknowledged', 'announcement', 'ANN-2026-0001'),
       ('2026-10-06T02:00:00Z', 'U01GRACE0', 'announcement.acknowledged', 'announcement', 'ANN-2026-0001')`,
  );
  // Refused interactions: 5 forged requests and 2 refused clicks in November, 4 on 1 December
  // (Taipei), which is outside the period.
  await run(
    `INSERT INTO refused_interactions (day, reason, slack_user_id, count) VALUES
       ('2026-11-03', 'bad_signature', '', 5), ('2026-11-30', 'not_your_task', 'U01EVAN00', 2),
       ('2026-12-01', 'bad_signature', '', 4)`,
  );
});

describe('publishing, files, safe operation and usage', () => {
  it('publishing: timeliness, corrections, withdrawals, acknowledgements in time, chases', async () => {
    const figures = await new SqlIndicators(() => db.sequelize).publishing(scope());
    const financeMembers = await db.sequelize.query<{ n: string }>(
      `SELECT count(*) AS n FROM people WHERE status = 'active' AND NOT ('guest' = ANY (roles)) AND department_id = $1`,
      { bind: [ids['dept:finance']], type: QueryTypes.SELECT },
    );
    expect(figures).toEqual({
      published: 2,
      // A: 09:00 → 14:00 Mon = 5 h; B: Mon 09:00 → Tue 09:00 = 9 h.
      toPublication: { medianHours: 7, p90Hours: 8.6 },
      publishedLate: 1,
      corrections: 1,
      withdrawals: 1,
      acknowledgements: { items: 1, audience: Number(financeMembers[0]!.n), acknowledgedInTime: 1 },
      chases: 1,
    });
  });

  it('files: complete metadata, noted versions, confidential downloads outside the scope', async () => {
    expect(await new SqlIndicators(() => db.sequelize).files(scope())).toEqual({
      created: 2,
      completeMetadata: { files: 3, complete: 2 },
      laterVersions: { versions: 1, withChangeNote: 1 },
      confidentialOutsideScope: 1,
      downloads: 3,
    });
  });

  it('safe operation: backups and drills with their last success, suspensions', async () => {
    expect(await new SqlIndicators(() => db.sequelize).safeOperation(scope())).toEqual({
      backups: { succeeded: 1, failed: 1, lastSuccessAt: new Date('2026-11-02T18:01:00Z') },
      drills: { succeeded: 1, failed: 0, lastSuccessAt: new Date('2026-11-04T18:03:00Z') },
      suspendedNow: 1,
      suspensions: 1,
      refusedInteractions: 7,
    });
  });

  it('lists, for every figure, exactly the records it counts (whole organisation and finance)', async () => {
    await expectDetailsMatchFigures(new SqlIndicators(() => db.sequelize), scope());
    await expectDetailsMatchFigures(
      new SqlIndicators(() => db.sequelize),
      scope({ departmentIds: [ids['dept:finance']!] }),
    );
  });

  it('usage: people active in the period, announcements per department', async () => {
    const usage = await new SqlIndicators(() => db.sequelize).usage(scope());
    expect(usage.activePeople).toBe(2);
    expect(usage.byDepartment).toEqual(
      expect.arrayContaining([
        { departmentId: ids['dept:finance'], requests: 0, announcements: 1 },
        { departmentId: ids['dept:hr'], requests: 0, announcements: 1 },
      ]),
    );
  });
});
