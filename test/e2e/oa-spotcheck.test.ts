import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Spot checks and scorecards end to end (issue 16): an admin makes Fiona a supervisor; a spot
 * check of finance's finished requests goes to her DM, the same seed draws the same items, and
 * Conforms / Problem record audited findings; the follow-up owner is told, both Homes list the
 * open finding, and Close closes it. `/oa scorecard` ranks the departments, heads see their own
 * line, a bad YAML file is named line by line, and `recognise` drafts an announcement into review.
 */

let running: RunningPlatform;
const ALICE = 'U01ALICE0'; // admin
const BOB = 'U01BOB000'; // head of finance
const EVAN = 'U01EVAN00'; // employee, reads 繁體中文
const FIONA = 'U01FIONA0'; // made a supervisor here, reads English
const scorecardDir = mkdtempSync(path.join(tmpdir(), 'scorecard-'));
const SCORECARD_FILE = path.join(scorecardDir, 'scorecard.yaml');

const answer = (userId: string, text: string) => oaAnswer(running, userId, text, 15_000);
const emu = () => running.emulator;
const select = <T extends object>(sql: string, bind: unknown[] = []) =>
  running.db.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

const spotMessages = (userId: string) =>
  emu()
    .messages(emu().dmChannelOf(userId))
    .filter((message) => JSON.stringify(message).includes('spot_conforms'));
const referencesIn = (text: string) => [...text.matchAll(/LV-2026-09\d\d/g)].map((m) => m[0]);

beforeAll(async () => {
  writeFileSync(SCORECARD_FILE, 'weights:\n  spotChecks: 30\n');
  running = await startTestPlatform({ env: { SCORECARD_FILE } });
  // Seven finished finance requests and one still in review, as records (the engine's own flow
  // has tests of its own).
  await running.db.sequelize.query(
    `INSERT INTO workflow_instances (reference, template_id, template_key, requester_person_id, requester_slack_id,
        requester_name, department_id, status, form, route, decided_at)
     SELECT 'LV-2026-09' || lpad(n::text, 2, '0'), t.id, 'leave', p.id, p.slack_user_id, p.name, d.id,
            CASE WHEN n = 8 THEN 'in_review' WHEN n % 2 = 0 THEN 'rejected' ELSE 'approved' END,
            '{}', '{"steps": [], "cc": []}', CASE WHEN n = 8 THEN NULL ELSE now() - n * interval '1 hour' END
       FROM generate_series(1, 8) AS n, workflow_templates t, people p, departments d
      WHERE t.key = 'leave' AND p.slack_user_id = $1 AND d.key = 'finance'`,
    { bind: [EVAN] },
  );
  expect(await answer(ALICE, `role <@${FIONA}> supervisor`)).toContain('監督小組');
}, 60_000);
afterAll(() => running.stop());

describe('/oa spotcheck', () => {
  let first: string[] = [];

  it('is refused to an employee, and bad input is named', async () => {
    expect(await answer(EVAN, 'spotcheck')).toContain('抽查僅限監督小組與系統管理員');
    expect(await answer(FIONA, 'spotcheck 21')).toContain('from 1 to 20 items');
    expect(await answer(FIONA, 'spotcheck 5 memo finance')).toContain('“memo” is not a type to check');
    expect(await answer(FIONA, 'spotcheck 5 request nowhere')).toContain('There is no department “nowhere”');
    expect(spotMessages(FIONA)).toHaveLength(0);
  });

  it('posts a seeded sample of finished items to the DM, and the same seed draws it again', async () => {
    const reply = await answer(FIONA, 'spotcheck 3 request finance seed:77');
    expect(reply).toContain('3 of 7 finished request items');
    expect(reply).toContain('seed `77`');
    await emu().waitFor(() => spotMessages(FIONA).length === 3, { timeoutMs: 10_000 });
    first = spotMessages(FIONA).flatMap((message) => referencesIn(JSON.stringify(message)).slice(0, 1));
    expect(new Set(first).size).toBe(3);
    expect(first).not.toContain('LV-2026-0908'); // still in review: not finished
    await answer(FIONA, 'spotcheck 3 request finance seed:77');
    await emu().waitFor(() => spotMessages(FIONA).length === 6, { timeoutMs: 10_000 });
    const again = spotMessages(FIONA)
      .slice(3)
      .flatMap((message) => referencesIn(JSON.stringify(message)).slice(0, 1));
    expect(again).toEqual(first);
  }, 30_000);

  it('records Conforms once, audited, and the buttons give way to the verdict', async () => {
    const message = spotMessages(FIONA)[0]!;
    await emu()
      .as(FIONA)
      .clickButton({ actionId: 'spot_conforms', in: { channel: emu().dmChannelOf(FIONA), ts: message.ts } });
    await emu().waitFor(
      () => {
        const now = emu()
          .messages(emu().dmChannelOf(FIONA))
          .find((m) => m.ts === message.ts);
        return (
          !!now &&
          !JSON.stringify(now).includes('spot_conforms') &&
          JSON.stringify(now).includes('conforming')
        );
      },
      { timeoutMs: 10_000, description: 'the item shows its verdict' },
    );
    const rows = await select<{ outcome: string; status: string; item_reference: string }>(
      'SELECT outcome, status, item_reference FROM supervision_findings',
    );
    expect(rows).toEqual([{ outcome: 'conforms', status: 'closed', item_reference: first[0] }]);
    const audit = await select<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE action LIKE 'finding.%'",
    );
    expect(audit).toEqual([{ action: 'finding.recorded', actor: FIONA }]);
  }, 30_000);

  it('records a Problem from the modal, tells the follow-up owner, lists it on both Homes, and closes it', async () => {
    const message = spotMessages(FIONA)[1]!;
    const fiona = emu().as(FIONA);
    await fiona.clickButton({
      actionId: 'spot_problem',
      in: { channel: emu().dmChannelOf(FIONA), ts: message.ts },
    });
    await emu().waitFor(() => emu().openViews(FIONA).length > 0, { timeoutMs: 10_000 });
    // No note: Slack's client refuses the required field; blanks are refused by the app, in the modal.
    expect((await fiona.submitView()).outcome).toBe('invalid');
    await fiona.fillModal({ spot_note: '   ' });
    const blank = await fiona.submitView();
    expect(blank.outcome).toBe('errors');
    expect(Object.values(blank.errors).join(' ')).toContain('Say what is wrong');
    await fiona.fillModal({ spot_note: 'No reason recorded for the rejection', spot_follow_up: EVAN });
    expect((await fiona.submitView()).outcome).toBe('closed');

    const [finding] = await select<{
      id: number;
      outcome: string;
      status: string;
      follow_up: string;
      department: string;
    }>(
      `SELECT f.id, f.outcome, f.status, p.slack_user_id AS follow_up, d.key AS department
         FROM supervision_findings f JOIN people p ON p.id = f.follow_up_person_id
         JOIN departments d ON d.id = f.department_id WHERE f.outcome = 'problem'`,
    );
    expect(finding).toMatchObject({
      outcome: 'problem',
      status: 'open',
      follow_up: EVAN,
      department: 'finance',
    });
    await emu().waitFor(
      () => JSON.stringify(emu().messages(emu().dmChannelOf(EVAN))).includes(`抽查發現事項 #${finding!.id}`),
      { timeoutMs: 10_000, description: 'Evan told in a DM' },
    );
    await fiona.openHome();
    await emu().as(EVAN).openHome();
    for (const who of [FIONA, EVAN])
      await emu().waitFor(() => JSON.stringify(emu().home(who) ?? {}).includes(`finding_${finding!.id}`), {
        timeoutMs: 10_000,
        description: `${who}'s Home lists the finding`,
      });
    // Bob is neither a supervisor nor the follow-up owner: nothing.
    await emu().as(BOB).openHome();
    await emu().waitFor(() => emu().home(BOB) !== undefined, { timeoutMs: 10_000 });
    expect(JSON.stringify(emu().home(BOB))).not.toContain('finding_');

    await emu().as(EVAN).clickButton({ actionId: 'finding_close', in: 'home' });
    await emu().waitFor(() => emu().openViews(EVAN).length > 0, { timeoutMs: 10_000 });
    await emu().as(EVAN).fillModal({ spot_note: '已補上退件理由' });
    expect((await emu().as(EVAN).submitView()).outcome).toBe('closed');
    const [closed] = await select<{ status: string; closing_note: string }>(
      'SELECT status, closing_note FROM supervision_findings WHERE id = $1',
      [finding!.id],
    );
    expect(closed).toEqual({ status: 'closed', closing_note: '已補上退件理由' });
    const audit = await select<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE action LIKE 'finding.%' ORDER BY id",
    );
    expect(audit.map((row) => `${row.action} ${row.actor}`)).toEqual([
      `finding.recorded ${FIONA}`,
      `finding.recorded ${FIONA}`,
      `finding.closed ${EVAN}`,
    ]);
  }, 60_000);
});

describe('/oa scorecard', () => {
  it('ranks every department for a supervisor, shows a head their line, refuses others', async () => {
    const whole = await answer(FIONA, 'scorecard');
    expect(whole).toContain('Scorecard 2026-');
    expect(whole).toMatch(/1\. \*Finance Department\* — \d+\.\d/);
    expect(whole).toContain('spot checks');
    const head = await answer(BOB, 'scorecard');
    expect(head).toContain('財務處');
    expect(head).not.toContain('人事處');
    expect(await answer(EVAN, 'scorecard')).toContain('考核評分僅限監督小組');
    expect(await answer(FIONA, 'scorecard 2026-13')).toContain('“2026-13” is not a period');
  }, 30_000);

  it('names the line and key of a bad scorecard file, read again at each request', async () => {
    writeFileSync(SCORECARD_FILE, 'weights:\n  spotChecks: 30\n  speed: 5\n');
    const bad = await answer(FIONA, 'scorecard');
    expect(bad).toContain('line 3, weights.speed: unknown indicator');
    writeFileSync(SCORECARD_FILE, 'weights:\n  spotChecks: 30\n');
    expect(await answer(FIONA, 'scorecard')).toContain('Scorecard 2026-');
  }, 30_000);

  it('drafts a recognition for the best department into the announcement review, unpublished', async () => {
    const reply = await answer(FIONA, 'scorecard recognise');
    expect(reply).toContain('sent for review');
    const rows = await select<{ title: string; status: string; review_status: string }>(
      `SELECT a.title, a.status, i.status AS review_status FROM announcements a
         JOIN workflow_instances i ON i.id = a.review_instance_id`,
    );
    expect(rows).toEqual([
      {
        title: expect.stringContaining('Recognition: Finance'),
        status: 'in_review',
        review_status: 'in_review',
      },
    ]);
    const [audience] = await select<{ audience: string; keys: string[] }>(
      `SELECT audience, ARRAY(SELECT key FROM departments WHERE id = ANY (audience_department_ids)) AS keys
         FROM announcements`,
    );
    expect(audience).toEqual({ audience: 'departments', keys: ['finance'] });
    expect(await answer(BOB, 'scorecard recognise')).toContain('表揚公告僅由監督小組與系統管理員草擬');
  }, 30_000);
});

describe('/oa audit', () => {
  it('shows a supervisor the latest rows of a subject, and a period as a CSV in the DM', async () => {
    const latest = await answer(FIONA, 'audit');
    expect(latest).toContain('Audit log: latest');
    expect(latest).toContain('finding.closed');
    const person = await answer(FIONA, `audit <@${EVAN}>`);
    expect(person).toContain('finding.closed');
    expect(person).not.toContain('finding.recorded');
    const reply = await answer(FIONA, 'audit last-7-days');
    expect(reply).toMatch(/Audit log, last-7-days: \d+ rows in our DM/);
    const csv = await emu().waitFor(
      () =>
        emu()
          .files()
          .find(
            (file) => file.channels.includes(emu().dmChannelOf(FIONA)) && file.title.startsWith('Audit log'),
          ),
      { timeoutMs: 10_000, description: 'the CSV in Fiona’s DM' },
    );
    const text = csv.content.toString('utf8');
    expect(text).toContain('id,at,actor,action,subject_type,subject_id');
    expect(text).toContain('finding.recorded');
  }, 30_000);

  it('is refused to an employee and explains bad input', async () => {
    expect(await answer(EVAN, 'audit')).toContain('稽核紀錄僅限監督小組與系統管理員查看');
    expect(await answer(FIONA, 'audit what')).toContain('Usage: `/oa audit');
    expect(await answer(FIONA, 'audit 2026-13')).toContain('“2026-13” is not a period');
  });
});

describe('/oa help', () => {
  it('lists the supervision commands for the supervision group, not for employees', async () => {
    const help = await answer(FIONA, 'help');
    expect(help).toContain('For the supervision group');
    expect(help).toContain('/oa spotcheck');
    expect(await answer(EVAN, 'help')).not.toContain('/oa spotcheck');
  });
});
