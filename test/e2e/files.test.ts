import { QueryTypes } from 'sequelize';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import {
  buttonClick,
  interactionBody,
  SANDBOX,
  sendInteraction,
  viewSubmission,
} from '../support/slack-payloads';

/**
 * The file library in Slack, end to end through the emulator: `/files` and its modal, the card's
 * buttons, downloads into the DM (audited, recorded), forged clicks, versions, search in Chinese
 * and English, categories and purge by admins.
 */

let running: RunningPlatform;
const ALICE = 'U01ALICE0'; // admin, zh-TW
const CAROL = 'U01CAROL0'; // hr, en
const EVAN = 'U01EVAN00'; // finance, zh-TW

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PDF2 = Buffer.from('%PDF-1.4\n% second edition\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');

beforeAll(async () => {
  running = await startTestPlatform({ env: { FILES_MAX_MB: '0.05' } });
}, 60_000);
afterAll(() => running?.stop());

const emu = () => running.emulator;

const sql = <T extends object>(query: string, replacements: unknown[] = []) =>
  running.db.sequelize.query<T>(query, { type: QueryTypes.SELECT, replacements });

/** What `/files <text>` answered, privately, as JSON text. */
async function files(userId: string, text: string): Promise<string> {
  const before = emu().ephemerals(userId).length;
  const result = await emu().as(userId).command('/files', text);
  expect(result.status).toBe(200);
  return JSON.stringify(
    await emu().waitFor(() => emu().ephemerals(userId).slice(before).at(-1), { timeoutMs: 10_000 }),
  );
}

/** The DM messages the app sent `userId` after `count` earlier ones, once `n` have arrived. */
async function dmAfter(userId: string, count: number, n = 1) {
  const dm = emu().dmChannelOf(userId);
  return emu().waitFor(
    () => {
      const fresh = emu().messages(dm).slice(count);
      return fresh.length >= n ? fresh : undefined;
    },
    { timeoutMs: 15_000 },
  );
}

const dmCount = (userId: string) => emu().messages(emu().dmChannelOf(userId)).length;
const textOf = (message: { text?: string; blocks?: unknown }) =>
  `${message.text ?? ''} ${JSON.stringify(message.blocks ?? [])}`;

/** `/files` with no text: the upload modal opens. */
async function openUpload(userId: string) {
  expect((await emu().as(userId).command('/files', '')).status).toBe(200);
  await emu().waitFor(() => emu().openViews(userId).length > 0, { timeoutMs: 5000 });
}

/** Uploads through the modal as `userId`; returns the new file's reference. */
async function upload(
  userId: string,
  fields: Record<string, unknown>,
  file: { name: string; content: Buffer } = { name: 'budget.pdf', content: PDF },
): Promise<string> {
  const before = dmCount(userId);
  await openUpload(userId);
  await emu()
    .as(userId)
    .fillModal({ file_files: { files: [file] }, ...fields } as never);
  const submitted = await emu().as(userId).submitView();
  expect(submitted.outcome).toBe('updated');
  const [message] = await dmAfter(userId, before);
  const reference = /FILE-\d{4}-\d{4}/.exec(textOf(message!))?.[0];
  expect(reference).toBeDefined();
  await emu().as(userId).closeView({ all: true });
  return reference!;
}

describe('/files', () => {
  let budget: string;

  it('uploads through the modal (English) and answers with the card in the DM', async () => {
    budget = await upload(CAROL, {
      file_title: '年度預算報告',
      file_abstract: 'The budget for next year.',
      file_keywords: '預算, budget',
      file_confidentiality: 'internal',
      file_everyone: ['everyone'],
    });
    const card = textOf(emu().messages(emu().dmChannelOf(CAROL)).at(-1)!);
    expect(card).toContain('Stored in the library');
    expect(card).toContain('`預算`');
    for (const action of [
      'file_download',
      'file_versions',
      'file_share',
      'file_new_version',
      'file_edit',
      'file_withdraw',
    ])
      expect(card).toContain(action);
    const [row] = await sql<{ title: string; size: string }>(
      `SELECT f.title, v.size_bytes AS size FROM library_files f JOIN file_versions v ON v.file_id = f.id
       WHERE f.reference = ?`,
      [budget],
    );
    expect(row).toEqual({ title: '年度預算報告', size: String(PDF.length) });
  }, 30_000);

  it('shows every field problem under its field in zh-TW and keeps what was typed', async () => {
    await openUpload(EVAN);
    await emu()
      .as(EVAN)
      .fillModal({
        file_files: { files: [{ name: 'a.pdf', content: PDF }] },
        file_title: '機密報告',
        file_confidentiality: 'confidential',
        file_everyone: ['everyone'],
        file_label: 'abc',
      } as never);
    const result = await emu().as(EVAN).submitView();
    expect(result.outcome).toBe('errors');
    expect(result.errors.file_everyone).toContain('機密檔案不可分享給全機關');
    expect(result.errors.file_label).toContain('例如 1.0');
    const [view] = emu().openViews(EVAN);
    expect(JSON.stringify(view!.state.values)).toContain('機密報告');
    await emu().as(EVAN).closeView({ all: true });
  }, 30_000);

  it('shows field problems in English too (an over-long keyword, a version that is not one)', async () => {
    await openUpload(CAROL);
    await emu()
      .as(CAROL)
      .fillModal({
        file_files: { files: [{ name: 'a.pdf', content: PDF }] },
        file_title: 'Minutes',
        file_keywords: `minutes, ${'x'.repeat(41)}`,
        file_label: 'draft',
      } as never);
    const result = await emu().as(CAROL).submitView();
    expect(result.outcome).toBe('errors');
    expect(result.errors.file_keywords).toContain('is longer than 40 characters');
    expect(result.errors.file_label).toBe('Numbers separated by dots, for example 1.0.');
    await emu().as(CAROL).closeView({ all: true });
  }, 30_000);

  it('refuses an empty file, a disguised executable and one over the limit, each with its reason', async () => {
    const before = dmCount(CAROL);
    await openUpload(CAROL);
    await emu()
      .as(CAROL)
      .fillModal({
        file_files: {
          files: [
            { name: 'empty.pdf', content: Buffer.alloc(0) },
            {
              name: 'invoice.pdf',
              content: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200, 1)]),
            },
            { name: 'big.txt', content: Buffer.alloc(60 * 1024, 'a') },
          ],
        },
        file_title: 'Bad files',
      } as never);
    expect((await emu().as(CAROL).submitView()).outcome).toBe('updated');
    const messages = (await dmAfter(CAROL, before, 3)).map(textOf).join('\n');
    expect(messages).toContain('empty.pdf* was not stored: the file is empty.');
    expect(messages).toMatch(
      /invoice\.pdf\* was not stored: its content is [^,]+, which the library does not take/,
    );
    expect(messages).toContain('big.txt* was not stored: it is larger than the limit of 0.05 MB.');
    await emu().as(CAROL).closeView({ all: true });
    const [count] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM library_files WHERE title LIKE 'Bad files%'`,
    );
    expect(count!.n).toBe('0');
  }, 30_000);

  it('downloads into the clicker’s DM, audited and recorded', async () => {
    const before = emu().files().length;
    await sendInteraction(
      emu(),
      buttonClick({ user: EVAN, actionId: 'file_download', value: budget, channel: emu().dmChannelOf(EVAN) }),
    );
    const delivered = await emu().waitFor(
      () =>
        emu()
          .files()
          .slice(before)
          .find((file) => file.channels.includes(emu().dmChannelOf(EVAN))),
      { timeoutMs: 10_000 },
    );
    expect(delivered.content.equals(PDF)).toBe(true);
    expect(delivered.title).toBe('年度預算報告');
    const audit = await sql<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE action = 'file.downloaded' AND subject_id = ?`,
      [budget],
    );
    expect(audit.map((row) => row.actor)).toContain(EVAN);
    const [downloads] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM file_downloads d JOIN people p ON p.id = d.person_id WHERE p.slack_user_id = ?`,
      [EVAN],
    );
    expect(downloads!.n).toBe('1');
  }, 30_000);

  it('a forged click changes and reveals nothing', async () => {
    const secret = await upload(CAROL, { file_title: 'Salary review', file_confidentiality: 'confidential' });
    const filesBefore = emu().files().length;
    const dmBefore = dmCount(EVAN);
    for (const value of [secret, `${budget}@9.9`, 'FILE-2026-9999', `${secret}@1.0`])
      await sendInteraction(
        emu(),
        buttonClick({ user: EVAN, actionId: 'file_download', value, channel: emu().dmChannelOf(EVAN) }),
      );
    const answers = (await dmAfter(EVAN, dmBefore, 4)).map(textOf).join('\n');
    expect(answers).not.toContain('Salary review');
    expect(answers).toContain(`找不到您可查看的檔案 ${secret}`);
    expect(answers).toContain('沒有您可下載的版本「9.9」');
    expect(emu().files().length).toBe(filesBefore);
    const [downloads] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM file_downloads d JOIN people p ON p.id = d.person_id WHERE p.slack_user_id = ?`,
      [EVAN],
    );
    expect(downloads!.n).toBe('1');
  }, 40_000);

  it('lists versions; refuses a label that does not increase; stores a new version', async () => {
    await emu().as(CAROL).clickButton({ actionId: 'file_new_version', value: budget, in: 'dm' });
    await emu().waitFor(() => emu().openViews(CAROL).length > 0, { timeoutMs: 5000 });
    await emu()
      .as(CAROL)
      .fillModal({
        file_files: { files: [{ name: 'budget-v2.pdf', content: PDF2 }] },
        file_label: '1.0',
        file_change_note: 'Second edition',
      } as never);
    const refused = await emu().as(CAROL).submitView();
    expect(refused.outcome).toBe('errors');
    expect(refused.errors.file_label).toContain('greater than the current version 1.0');
    const before = dmCount(CAROL);
    await emu()
      .as(CAROL)
      .fillModal({ file_label: '1.1' } as never);
    expect((await emu().as(CAROL).submitView()).outcome).toBe('updated');
    await dmAfter(CAROL, before);
    await emu().as(CAROL).closeView({ all: true });
    await emu().as(CAROL).clickButton({ actionId: 'file_versions', value: budget, in: 'dm' });
    const list = await emu().waitFor(() => emu().openViews(CAROL)[0], { timeoutMs: 5000 });
    const text = JSON.stringify(list.blocks);
    expect(text).toMatch(/\*1\.1\* · current/);
    expect(text).toMatch(/\*1\.0\* · earlier/);
    expect(text).toContain('Second edition');
    expect(text).toContain(`${budget}@1.0`);
    await emu().as(CAROL).closeView({ all: true });
  }, 40_000);

  it('edits the details from a prefilled modal', async () => {
    await emu().as(CAROL).clickButton({ actionId: 'file_edit', value: budget, in: 'dm' });
    const view = await emu().waitFor(() => emu().openViews(CAROL)[0], { timeoutMs: 5000 });
    expect(JSON.stringify(view.blocks)).toContain('年度預算報告');
    const before = dmCount(CAROL);
    await emu()
      .as(CAROL)
      .fillModal({ file_abstract: '明年度預算 (revised)' } as never);
    expect((await emu().as(CAROL).submitView()).outcome).toBe('closed');
    expect(textOf((await dmAfter(CAROL, before))[0]!)).toContain(`Saved the details of ${budget}`);
    const [row] = await sql<{ abstract: string }>('SELECT abstract FROM library_files WHERE reference = ?', [
      budget,
    ]);
    expect(row!.abstract).toBe('明年度預算 (revised)');
  }, 30_000);

  it('searches in Chinese and English, only what the person may see; a bad filter is named', async () => {
    const zh = await files(EVAN, 'search 預算');
    expect(zh).toContain('年度預算報告');
    expect(zh).toContain('file_download');
    const en = await files(CAROL, 'search budget type:pdf');
    expect(en).toContain('年度預算報告');
    expect(await files(EVAN, 'search salary')).not.toContain('Salary review');
    expect(await files(CAROL, 'search budget categroy:x')).toContain('`categroy:` is not a search filter');
    expect(await files(CAROL, 'search budget from:2026-13-01')).toContain('not a date');
  }, 30_000);

  it('lets admins add and remove categories, and no one else; the org file’s are there', async () => {
    expect(await files(CAROL, 'category add circulars Circulars')).toContain('Only admins can do that.');
    expect(await files(ALICE, 'category add official 公文')).toContain('已有代碼或名稱相同的分類 `official`');
    expect(await files(ALICE, 'category add circulars 通報 important')).toContain('已新增分類 `circulars`');
    expect(await files(ALICE, 'category add letters 函 parent:circulars')).toContain('已新增分類 `letters`');
    const list = await files(CAROL, 'category');
    expect(list).toContain('`official` 公文');
    expect(list).toContain('`contracts` 合同 · _important');
    expect(list).toContain('`letters` 函');
    expect(await files(ALICE, 'category remove circulars')).toContain('底下還有子分類');
    expect(await files(ALICE, 'category remove letters')).toContain('已移除分類 `letters`');
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE subject_type = 'file_category' AND actor = ? ORDER BY id`,
      [ALICE],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'file_category.added',
      'file_category.added',
      'file_category.removed',
    ]);
    const [imported] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'file_category.added' AND actor = 'system:org-import'`,
    );
    expect(imported!.n).toBe('5');
  }, 30_000);

  it('purges a version’s content for admins only; the record stays', async () => {
    expect(await files(CAROL, `purge ${budget} 1.0 leaked`)).toContain('Only admins can do that.');
    expect(await files(ALICE, `purge ${budget} 1.0 contained personal data`)).toContain(
      `已清除 ${budget} 版本 1.0`,
    );
    const [row] = await sql<{ reason: string }>(
      `SELECT v.purge_reason AS reason FROM file_versions v JOIN library_files f ON f.id = v.file_id
       WHERE f.reference = ? AND v.label = '1.0'`,
      [budget],
    );
    expect(row!.reason).toBe('contained personal data');
    const before = dmCount(EVAN);
    await sendInteraction(
      emu(),
      buttonClick({
        user: EVAN,
        actionId: 'file_download',
        value: `${budget}@1.0`,
        channel: emu().dmChannelOf(EVAN),
      }),
    );
    expect(textOf((await dmAfter(EVAN, before))[0]!)).toContain('內容已由管理員清除');
  }, 30_000);

  it('withdraws: the file disappears from others’ searches', async () => {
    await emu().as(CAROL).clickButton({ actionId: 'file_withdraw', value: budget, in: 'dm' });
    await emu().waitFor(
      async () =>
        (await sql<{ status: string }>('SELECT status FROM library_files WHERE reference = ?', [budget]))[0]
          ?.status === 'withdrawn',
      { timeoutMs: 5000 },
    );
    expect(await files(EVAN, 'search 預算')).not.toContain(budget);
  }, 30_000);

  it('answers help and unknown subcommands with the usage, in the person’s language', async () => {
    expect(await files(CAROL, 'help')).toContain('The file library');
    const unknown = await files(EVAN, 'frobnicate');
    expect(unknown).toContain('沒有 `/files frobnicate` 這個指令');
    expect(unknown).toContain('檔案庫');
  }, 20_000);

  describe('Save to library (message shortcut)', () => {
    /** A signed `message_action` as Slack sends it for a message shortcut. */
    const messageShortcut = (user: string, channel: string, message: object) =>
      emu().deliver(
        'interaction',
        interactionBody({
          type: 'message_action',
          callback_id: 'save_to_library',
          trigger_id: emu().createTriggerId(user),
          token: 'legacy',
          action_ts: String(Date.now() / 1000),
          team: { id: SANDBOX.teamId, domain: SANDBOX.teamDomain },
          user: { id: user, name: user.toLowerCase(), team_id: SANDBOX.teamId },
          channel: { id: channel, name: 'directmessage' },
          message_ts: (message as { ts: string }).ts,
          message,
        }),
      );

    it('opens the modal with the message’s file listed and stores it', async () => {
      const dm = emu().dmChannelOf(EVAN);
      const withFile = [...emu().messages(dm)].reverse().find((message) => (message.files ?? []).length > 0);
      expect(withFile).toBeDefined();
      const name = (withFile!.files![0] as { name: string }).name;
      expect((await messageShortcut(EVAN, dm, withFile!)).status).toBe(200);
      const view = await emu().waitFor(() => emu().openViews(EVAN)[0], { timeoutMs: 5000 });
      expect(JSON.stringify(view.blocks)).toContain(name);
      expect(JSON.stringify(view.blocks)).not.toContain('file_input');
      const before = dmCount(EVAN);
      await emu().as(EVAN).fillModal({ file_title: '預算副本' });
      expect((await emu().as(EVAN).submitView()).outcome).toBe('updated');
      const [answer] = await dmAfter(EVAN, before);
      expect(textOf(answer!)).toMatch(/已存入檔案庫，編號 \*FILE-\d{4}-\d{4}\*/);
      await emu().as(EVAN).closeView({ all: true });
      const [row] = await sql<{ sha: string }>(
        `SELECT v.sha256 AS sha FROM library_files f JOIN file_versions v ON v.file_id = f.id WHERE f.title = '預算副本'`,
      );
      expect(row).toBeDefined();
    }, 30_000);

    it('refuses file ids forged into private_metadata, and says so on a message without files', async () => {
      const dm = emu().dmChannelOf(EVAN);
      const withFile = [...emu().messages(dm)].reverse().find((message) => (message.files ?? []).length > 0)!;
      // Carol's own upload: not on Evan's message, and a file Evan never saw.
      const carols = emu()
        .files()
        .find((file) => file.user === CAROL)!;
      const before = dmCount(EVAN);
      const forged = viewSubmission({
        user: EVAN,
        callbackId: 'file_upload',
        privateMetadata: JSON.stringify({ message: { channel: dm, ts: withFile.ts, fileIds: [carols.id] } }),
        values: {
          file_title: { value: { type: 'plain_text_input', value: 'Stolen' } },
          file_confidentiality: {
            value: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'internal' },
            },
          },
          file_label: { value: { type: 'plain_text_input', value: '1.0' } },
        },
      });
      expect((await sendInteraction(emu(), forged)).status).toBe(200);
      const [answer] = await dmAfter(EVAN, before);
      expect(textOf(answer!)).toContain('此檔案不在您使用捷徑的訊息上');
      const [count] = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM library_files WHERE title = 'Stolen'`,
      );
      expect(count!.n).toBe('0');

      const plain = emu()
        .messages(dm)
        .find((message) => !(message.files ?? []).length)!;
      const beforePlain = dmCount(EVAN);
      expect((await messageShortcut(EVAN, dm, plain)).status).toBe(200);
      const [noFiles] = await dmAfter(EVAN, beforePlain);
      expect(textOf(noFiles!)).toContain('此訊息沒有可保存的檔案');
      expect(emu().openViews(EVAN)).toHaveLength(0);
    }, 30_000);
  });
});
