import ExcelJS from 'exceljs';
import { QueryTypes } from 'sequelize';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * `/oa report` end to end: the figures as a reply, and the charts drawn on the server (Noto Sans
 * CJK, Traditional Chinese labels) sent as PNG images to the reader's DM, each with its
 * alternative text and its numbers as a table under it.
 */

let running: RunningPlatform;
const ALICE = 'U01ALICE0'; // admin
const BOB = 'U01BOB000'; // head of finance
const EVAN = 'U01EVAN00'; // employee

beforeAll(async () => {
  running = await startTestPlatform();
}, 60_000);
afterAll(() => running.stop());

const answer = (userId: string, text: string) => oaAnswer(running, userId, text, 15_000);

describe('/oa report', () => {
  it('gives a head their department’s figures and two charts in their DM', async () => {
    const reply = await answer(BOB, 'report last-30-days');
    expect(reply).toContain('last-30-days 報表：財務處');
    expect(reply).toContain('本報表的圖表已送至私訊');
    const dm = running.emulator.dmChannelOf(BOB);
    const images = running.emulator
      .files()
      .filter((file) => file.channels.includes(dm) && file.filetype === 'png');
    expect(images.map((file) => file.title)).toEqual([
      'last-30-days 各類申請辦理時間（工作小時）',
      '於期限內決定的任務比例',
    ]);
    for (const image of images) {
      expect(image.content.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(image.altText).toMatch(/^長條圖：/);
    }
    const comments = running.emulator
      .messages(dm)
      .map((message) => message.text ?? '')
      .join('\n');
    expect(comments).toContain('期間');
  }, 60_000);

  it('gives an employee who heads nothing their own figures, and no department’s', async () => {
    await running.emulator.as(EVAN).command('/leave', '2027-03-08 2027-03-08 personal Errand');
    await running.emulator.waitFor(
      async () =>
        (
          await running.db.sequelize.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM workflow_instances',
            {
              type: QueryTypes.SELECT,
            },
          )
        )[0]!.n === 1,
      { timeoutMs: 5000 },
    );
    const own = await answer(EVAN, 'report');
    expect(own).toContain('個人指標');
    expect(own).toContain('身為申請人');
    expect(own).toContain('提交申請：1');
    expect(own).toContain('detail <代碼>');
    expect(await answer(EVAN, 'report finance')).toContain('無法查看「finance」');
    // Their own records behind a figure; a figure of the department is not theirs to ask.
    expect(await answer(EVAN, 'report detail requests')).toContain('LV-');
    expect(await answer(EVAN, 'report detail published')).toContain('此處沒有「published」這項指標');
  }, 30_000);

  it('lists the records behind a figure, with the same access rules as the report', async () => {
    const detail = await answer(BOB, 'report detail requests');
    expect(detail).toContain('requests · ');
    expect(detail).toContain('財務處');
    expect(detail).toMatch(/LV-\d{4}-\d{4}/);
    expect(await answer(BOB, 'report detail requests hr')).toContain('用法');
    expect(await answer(BOB, 'report last-30-days hr detail requests')).toContain('無法查看「hr」');
    expect(await answer(BOB, 'report detail nonsense')).toContain('此處沒有「nonsense」這項指標');
  }, 30_000);

  it('sends the workbook into the DM: a sheet per group and the records', async () => {
    const reply = await answer(ALICE, 'report xlsx');
    expect(reply).toContain('活頁簿已傳到私訊');
    const dm = running.emulator.dmChannelOf(ALICE);
    const file = running.emulator
      .files()
      .find((candidate) => candidate.channels.includes(dm) && candidate.name.endsWith('.xlsx'));
    expect(file).toBeDefined();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file!.content as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      '流程效率',
      '公告發布',
      '檔案管理',
      '安全運作',
      '使用情形',
      'requests',
      'tasks-decided',
      'published',
    ]);
    const workflow = book.getWorksheet('流程效率')!;
    expect(workflow.getRow(2).values).toEqual([undefined, 'requests', 1, 0]);
    expect(book.getWorksheet('requests')!.rowCount).toBe(2);
    expect(String(book.getWorksheet('requests')!.getRow(2).getCell(1).value)).toMatch(/^LV-/);
  }, 30_000);

  it('counts forged requests and refused commands among the refused interactions', async () => {
    await running.emulator.deliver('command', 'command=%2Foa&text=whoami&user_id=U01EVAN00', {
      signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000',
    });
    await answer(EVAN, 'role <@U01GRACE0> admin');
    const rows = () =>
      running.db.sequelize.query<{ reason: string; slack_user_id: string; count: number }>(
        'SELECT reason, slack_user_id, count FROM refused_interactions ORDER BY reason, slack_user_id',
        { type: QueryTypes.SELECT },
      );
    await running.emulator.waitFor(async () => (await rows()).length === 4, { timeoutMs: 5000 });
    expect(await rows()).toEqual([
      { reason: 'admin_only', slack_user_id: EVAN, count: 1 },
      { reason: 'bad_signature', slack_user_id: '', count: 1 },
      // The earlier tests' requests for a department not theirs.
      { reason: 'report_not_yours', slack_user_id: BOB, count: 1 },
      { reason: 'report_not_yours', slack_user_id: EVAN, count: 1 },
    ]);
    expect(await answer(ALICE, 'report')).toContain('遭拒的互動（偽造或未經授權）：4');
    expect(await answer(ALICE, 'report detail refused')).toContain('bad_signature');
  }, 30_000);

  it('shows heads a Reports section on their Home, whose button sends the full report to the DM', async () => {
    const emu = running.emulator;
    const homeText = (userId: string) => JSON.stringify(emu.home(userId) ?? {});
    await emu.as(BOB).openHome();
    await emu.as(EVAN).openHome();
    await emu.waitFor(() => homeText(BOB).includes('完整報表'), { timeoutMs: 10_000 });
    await emu.waitFor(() => homeText(EVAN).includes('U01EVAN00') || homeText(EVAN).length > 2, {
      timeoutMs: 10_000,
    });
    expect(homeText(BOB)).toContain('財務處');
    expect(homeText(EVAN)).not.toContain('完整報表');
    const dm = emu.dmChannelOf(BOB);
    const before = emu.messages(dm).length;
    await emu.as(BOB).clickButton({ actionId: 'report_home_full', in: 'home' });
    await emu.waitFor(
      () =>
        emu
          .messages(dm)
          .slice(before)
          .some((message) => /報表：財務處/.test(message.text ?? '')),
      { timeoutMs: 15_000 },
    );
  }, 30_000);

  it('refuses a period that is not one and an unknown department', async () => {
    expect(await answer(ALICE, 'report 2026-13')).toContain('「2026-13」不是有效期間');
    expect(await answer(ALICE, 'report marketing')).toContain('沒有「marketing」這個部門');
  });
});
