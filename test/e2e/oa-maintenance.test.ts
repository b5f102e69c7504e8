import { QueryTypes } from 'sequelize';
import { CALLBACK_IDS } from '../../src/slack/ids';
import { submitLeave } from '../support/app-process';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { sendInteraction, viewSubmission } from '../support/slack-payloads';

/**
 * Maintenance mode end to end (requirements §七.(四)): while on, new submissions are refused with
 * the reason and the expected end in the person's language (a modal keeps what was typed), while
 * a decision on a request already in review still goes through; the Home shows a banner; it ends
 * by itself at `until`, or with `off`. Bad input gets a clear answer and changes nothing.
 */

let running: RunningPlatform;
const emu = () => running.emulator;
const ALICE = 'U01ALICE0'; // admin, zh-TW
const BOB = 'U01BOB000'; // Evan's department head
const EVAN = 'U01EVAN00'; // employee, zh-TW
const FIONA = 'U01FIONA0'; // employee, en
const DATE_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

beforeAll(async () => {
  running = await startTestPlatform();
}, 60_000);
afterAll(() => running.stop());

const answer = (userId: string, text: string) => oaAnswer(running, userId, text);

async function command(userId: string, name: string, text: string): Promise<string> {
  const before = emu().ephemerals(userId).length;
  expect((await emu().as(userId).command(name, text)).status).toBe(200);
  return JSON.stringify(
    await emu().waitFor(() => emu().ephemerals(userId).slice(before).at(-1), { timeoutMs: 8000 }),
  );
}

const maintenanceRow = async () =>
  (
    await running.db.sequelize.query<{ until: Date | null }>('SELECT until FROM maintenance_mode', {
      type: QueryTypes.SELECT,
    })
  )[0];

const taskStatus = async (reference: string) =>
  running.db.sequelize.query<{ status: string }>(
    `SELECT t.status FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
      WHERE i.reference = :reference ORDER BY t.id`,
    { type: QueryTypes.SELECT, replacements: { reference } },
  );

describe('/oa maintenance', () => {
  it('answers bad input clearly and changes nothing', async () => {
    expect(await answer(ALICE, 'maintenance on')).toContain(
      '/oa maintenance on &lt;結束時間&gt; &lt;原因&gt;',
    );
    expect(await answer(ALICE, 'maintenance on 2020-01-01 10:00 Upgrade')).toContain('這個結束時間已經過了');
    expect(await answer(ALICE, 'maintenance on 2h')).toContain('請說明原因');
    expect(await answer(ALICE, 'maintenance on soon Upgrade')).toContain('`soon` 不是結束時間');
    expect(await answer(ALICE, 'maintenance on 2026-13-01 10:00 Upgrade')).toContain('不是結束時間');
    expect(await answer(EVAN, 'maintenance on 2h Upgrade')).toContain(
      '只有系統管理員可以使用 `/oa maintenance`',
    );
    // `log` belongs to the maintenance log: not read as on/off.
    expect(await answer(ALICE, 'maintenance log')).toContain('維護紀錄');
    expect(await answer(ALICE, 'maintenance')).toContain('維護模式未開啟');
    expect(await maintenanceRow()).toBeUndefined();
  });

  it('refuses new submissions with the reason and the end, while a decision still goes through', async () => {
    // Before maintenance: a request in review (Evan → Bob), and a form Fiona has open.
    const reference = await submitLeave(emu(), EVAN, '2027-03-08');
    const card = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf(BOB))
          .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('"wf_approve"')),
      { timeoutMs: 8000, description: 'Bob’s card' },
    );
    await emu().as(FIONA).command('/leave', '');
    const form = await emu().waitFor(() => emu().openViews(FIONA).at(-1), { timeoutMs: 8000 });

    const on = await answer(ALICE, 'maintenance on 2h Database upgrade');
    expect(on).toContain('維護模式已開啟');
    expect(on).toContain('Database upgrade');
    expect(on).toMatch(DATE_TIME);
    const [audit] = await running.db.sequelize.query<{ actor: string; after: { reason: string } }>(
      "SELECT actor, after FROM audit_log WHERE action = 'maintenance.on'",
      { type: QueryTypes.SELECT },
    );
    expect(audit).toMatchObject({ actor: ALICE, after: { reason: 'Database upgrade' } });

    const zh = await command(EVAN, '/leave', '2027-03-09 2027-03-09 annual Errand');
    expect(zh).toContain('平臺維護中，預計至');
    expect(zh).toContain('Database upgrade');
    expect(zh).toMatch(DATE_TIME);
    const en = await command(FIONA, '/document', '');
    expect(en).toContain('The platform is in maintenance until');
    expect(en).toContain('Database upgrade');

    // The form opened before: its submission is answered under a field, so the modal stays open.
    const submitted = await sendInteraction(
      emu(),
      viewSubmission({
        user: FIONA,
        callbackId: CALLBACK_IDS.requestForm,
        privateMetadata: form.private_metadata ?? '',
      }),
    );
    expect(submitted.status).toBe(200);
    const body = JSON.parse(submitted.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.values(body.errors).join()).toContain('The platform is in maintenance until');

    // A decision on the request already in review goes through.
    await emu()
      .as(BOB)
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf(BOB), ts: card.ts } });
    await emu().waitFor(async () => (await taskStatus(reference))[0]?.status === 'approved', {
      timeoutMs: 8000,
      description: 'Bob’s approval recorded',
    });

    // The Home tab shows the banner.
    await emu().as(EVAN).openHome();
    const home = await emu().waitFor(
      () => {
        const view = JSON.stringify(emu().home(EVAN) ?? {});
        return view.includes('maintenance_banner') ? view : undefined;
      },
      { timeoutMs: 8000, description: 'the banner on Evan’s Home' },
    );
    expect(home).toContain('維護中');
    // The Home's Start buttons: the refusal in a notice modal, not a form that cannot be sent.
    const opened = emu().openViews(EVAN).length;
    await emu().as(EVAN).clickButton({ actionId: 'wf_start_request:leave', in: 'home' });
    const notice = await emu().waitFor(() => emu().openViews(EVAN).slice(opened).at(-1), { timeoutMs: 8000 });
    expect(JSON.stringify(notice)).toContain('平臺維護中');
    await emu().as(EVAN).closeView({ all: true });

    expect(await answer(ALICE, 'maintenance')).toContain('維護模式開啟中');
    expect(await answer(ALICE, 'maintenance off')).toContain('維護模式已結束');
    expect(await submitLeave(emu(), EVAN, '2027-03-10')).toMatch(/^LV-/);
    expect(await answer(ALICE, 'maintenance off')).toContain('原本就沒有開啟');
    // Both changes are in the maintenance log, once each (the second `off` changed nothing).
    const logged = await running.db.sequelize.query<{ kind: string }>(
      "SELECT kind FROM maintenance_log WHERE kind LIKE 'maintenance_mode_%' ORDER BY id",
      { type: QueryTypes.SELECT },
    );
    expect(logged.map((row) => row.kind)).toEqual(['maintenance_mode_on', 'maintenance_mode_off']);
  }, 60_000);

  it('ends by itself at until', async () => {
    await answer(ALICE, 'maintenance on 5s Short restart');
    expect(await command(EVAN, '/leave', '2027-03-11 2027-03-11 annual Errand')).toContain('Short restart');
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(await submitLeave(emu(), EVAN, '2027-03-12')).toMatch(/^LV-/);
    expect(await answer(ALICE, 'maintenance')).toContain('維護模式未開啟');
  }, 30_000);
});
