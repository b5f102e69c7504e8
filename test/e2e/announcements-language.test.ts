import { announcementDriver, BOT, text } from '../support/announcements';
import { CJK, englishWords, prose, texts } from '../support/one-language';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Announcements in the right language (issue 13, item 25): the review preview names departments,
 * not their keys, in the reviewer's language; a channel copy speaks its author's language and a DM
 * copy its reader's; `/announce list` takes a category's name in either language.
 *
 * Evan (Finance, zh-TW) writes; Bob (head of Finance, zh-TW) reviews; Carol (HR, en) and Grace
 * (HR, zh-TW) are the audience of a restricted item sent by DM.
 */
let running: RunningPlatform;
const emu = () => running.emulator;
const { compose, approveCard, announcementRow } = announcementDriver(() => running);

const EVAN = 'U01EVAN00';
const BOB = 'U01BOB000';
const CAROL = 'U01CAROL0';
const GRACE = 'U01GRACE0';
const FIONA = 'U01FIONA0';

beforeAll(async () => {
  running = await startTestPlatform();
  emu().addChannel({ id: 'C0POLICY01', name: 'policy', members: [EVAN, FIONA, BOT] });
}, 60_000);
afterAll(() => running.stop());

const dmOf = (user: string) => emu().messages(emu().dmChannelOf(user));

describe('an announcement by a Chinese-speaking author', () => {
  it('is previewed with department names, and reaches each reader by DM in their own language', async () => {
    const submitted = await compose(EVAN, {
      ann_title: '人事規章修正',
      ann_body: '請詳閱附件。',
      ann_category: 'policy',
      ann_audience: 'departments',
      ann_departments: ['hr'],
    });
    expect(submitted.outcome).toBe('closed');
    const row = await announcementRow('人事規章修正');

    const bobCard = await approveCard(BOB, row.reference);
    const card = text(bobCard);
    // Before: 以私訊發給 hr 的每位成員 · 限 hr 閱覽 (the key, and English names mixed in).
    expect(card).toContain('以私訊發給 人事處 的每位成員');
    expect(card).toContain('限 人事處 閱覽');
    expect(card).not.toMatch(/發給 hr|限 hr|Human Resources/);

    const copyOf = (user: string) =>
      emu().waitFor(() => dmOf(user).find((m) => text(m).includes(row.reference)), {
        timeoutMs: 30_000,
        description: `${user}'s copy`,
      });
    const carolCopy = await copyOf(CAROL);
    const graceCopy = await copyOf(GRACE);
    const carol = text(carolCopy);
    const grace = text(graceCopy);
    // Nothing of the other language, apart from what the author wrote and people's names.
    const ours = (message: unknown) =>
      texts((message as { blocks?: unknown }).blocks).map((line) =>
        ['人事規章修正', '請詳閱附件。', 'Evan Lee'].reduce((rest, data) => rest.split(data).join(' '), line),
      );
    expect(ours(bobCard).flatMap(englishWords)).toEqual([]);
    expect(ours(graceCopy).flatMap(englishWords)).toEqual([]);
    expect(ours(carolCopy).filter((line) => CJK.test(prose(line)))).toEqual([]);
    expect(carol).toContain('Policy / regulation');
    expect(carol).toContain('Restricted to Human Resources Department');
    expect(carol).not.toContain('政策法規');
    expect(grace).toContain('政策法規');
    expect(grace).toContain('限 人事處 閱覽');
    expect(grace).not.toContain('Policy / regulation');
    // The author is told where it went, in Chinese: "2 則私訊", not "2 DM".
    const notice = await emu().waitFor(
      () => dmOf(EVAN).find((m) => text(m).includes(row.reference) && text(m).includes('已發布')),
      { timeoutMs: 30_000, description: 'the author’s notice' },
    );
    expect(text(notice)).toMatch(/\d+ 則私訊/);
    expect(text(notice)).not.toMatch(/\d+ DM/);
  }, 60_000);

  it('is posted to a channel with labels in the author’s language', async () => {
    const submitted = await compose(EVAN, {
      ann_title: '年度預算說明',
      ann_body: '預算說明會於週五舉行。',
      ann_category: 'policy',
      ann_channels: ['C0POLICY01'],
    });
    expect(submitted.outcome).toBe('closed');
    const row = await announcementRow('年度預算說明');
    await approveCard(BOB, row.reference);
    const copy = await emu().waitFor(
      () =>
        emu()
          .messages('C0POLICY01')
          .find((m) => text(m).includes(row.reference)),
      { timeoutMs: 30_000, description: 'the channel copy' },
    );
    // Before: "📜 *Policy / regulation*" and "Finance Department · Published …" around Chinese text.
    expect(text(copy)).toContain('政策法規');
    expect(text(copy)).toContain('財務處 · ');
    expect(text(copy)).not.toMatch(/Policy \/ regulation|Finance Department|Published/);
  }, 60_000);
});

describe('/announce list <category>', () => {
  const listFor = async (user: string, arg: string) => {
    const before = emu().ephemerals(user).length;
    await emu().as(user).command('/announce', `list ${arg}`);
    return text(
      await emu().waitFor(() => emu().ephemerals(user).slice(before).at(-1), {
        timeoutMs: 5000,
        description: `the answer to /announce list ${arg}`,
      }),
    );
  };

  it.each([
    [EVAN, '政策法規', '最近的公告 — 政策法規'],
    [FIONA, '政策法規', 'Recent announcements — Policy / regulation'],
    [EVAN, 'Policy / regulation', '最近的公告 — 政策法規'],
    [FIONA, 'policy', 'Recent announcements — Policy / regulation'],
  ])('%s: takes "%s", its name in either language, or its key', async (user, arg, title) => {
    const answer = await listFor(user, arg);
    expect(answer).toContain(title);
    expect(answer).not.toContain('/announce list [');
  });

  it('still explains itself for a category that does not exist', async () => {
    expect(await listFor(FIONA, 'gossip')).toContain('/announce list [');
  });
});
