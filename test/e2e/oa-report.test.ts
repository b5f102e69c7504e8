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

  it('refuses an employee who heads nothing, and a period that is not one', async () => {
    expect(await answer(EVAN, 'report')).toContain('報表僅供部門主管與系統管理員查看');
    expect(await answer(ALICE, 'report 2026-13')).toContain('「2026-13」不是有效期間');
    expect(await answer(ALICE, 'report marketing')).toContain('沒有「marketing」這個部門');
  });
});
