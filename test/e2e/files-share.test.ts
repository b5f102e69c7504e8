import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { QueryTypes } from 'sequelize';
import { DEFAULT_ANNOUNCEMENT_SETTINGS } from '../../src/domain/announcements';
import type { FileLibrary } from '../../src/domain/files/file-library.service';
import { PRIVATE_SCOPE } from '../../src/domain/files/model';
import { systemClock } from '../../src/domain/tx';
import { workflowSettingsWith } from '../../src/domain/workflows/settings';
import { createDomains } from '../../src/wiring/domains';
import { createFileLibrary } from '../../src/wiring/files';
import { BOT } from '../support/announcements';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { buttonClick, sendInteraction, viewSubmission } from '../support/slack-payloads';

/**
 * Share, Open and Home "Recent files" end to end, through the emulator over real HTTP: the card
 * (never the bytes) goes to a channel the app is in and to a person's DM; a channel without the
 * app is refused under the field; only owners widen the scope (audited); a forged reference, a
 * confidential file outside one's scope, reveals nothing.
 */
let running: RunningPlatform;
let library: FileLibrary;
const emu = () => running.emulator;
const GRACE = 'U01GRACE0'; // HR employee: uploads the budget report
const EVAN = 'U01EVAN00'; // finance employee: owns a confidential file
const CAROL = 'U01CAROL0'; // head of HR
const BOB = 'U01BOB000'; // head of finance
const INSIDE = 'C0FILESIN1';
const OUTSIDE = 'C0FILESOUT';
const ids: Record<string, number> = {};
let budget = '';
let secret = '';

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1200)]);
const source = () => ({ name: 'report.pdf', open: () => Readable.from([pdf()]) });

beforeAll(async () => {
  running = await startTestPlatform();
  emu().addChannel({ id: INSIDE, name: 'files-in', members: [GRACE, EVAN, BOT] });
  emu().addChannel({ id: OUTSIDE, name: 'files-out', members: [GRACE, EVAN] });
  // The same library the app runs, over the app's database (its models are bound in this process).
  library = createFileLibrary({ timeZone: 'Asia/Taipei', clock: systemClock });
  const people = await running.db.sequelize.query<{ id: number; slack_user_id: string }>(
    'SELECT id, slack_user_id FROM people WHERE slack_user_id IS NOT NULL',
    { type: QueryTypes.SELECT },
  );
  for (const person of people) ids[person.slack_user_id] = person.id;
  const [hr] = await running.db.sequelize.query<{ id: number }>(
    "SELECT id FROM departments WHERE key = 'hr'",
    {
      type: QueryTypes.SELECT,
    },
  );
  const details = {
    abstract: '',
    keywords: '',
    categoryId: null,
    departmentId: null,
    label: '',
    changeNote: '',
  };
  budget = (
    await library.upload(ids[GRACE]!, {
      ...details,
      title: '年度預算報告',
      confidentiality: 'internal',
      scope: { ...PRIVATE_SCOPE, departmentIds: [hr!.id] },
      source: source(),
    })
  ).file.reference;
  secret = (
    await library.upload(ids[EVAN]!, {
      ...details,
      title: 'Salary review 2027',
      confidentiality: 'confidential',
      scope: { ...PRIVATE_SCOPE, personIds: [ids[EVAN]!] },
      source: source(),
    })
  ).file.reference;
}, 60_000);
afterAll(() => running?.stop());

const texts = (channel: string) =>
  emu()
    .messages(channel)
    .map((message) => JSON.stringify(message));
const dmTexts = (userId: string) => texts(emu().dmChannelOf(userId));
const scopeOf = async (reference: string) =>
  (
    await running.db.sequelize.query<{ person_ids: number[]; channel_ids: string[] }>(
      'SELECT scope_person_ids AS person_ids, scope_channel_ids AS channel_ids FROM library_files WHERE reference = $1',
      { bind: [reference], type: QueryTypes.SELECT },
    )
  )[0]!;

/** The person's Home once it lists `expected` (published again on each visit). */
async function homeOf(userId: string, expected: string) {
  await emu().as(userId).openHome();
  return JSON.stringify(
    await emu().waitFor(
      () => {
        const home = JSON.stringify(emu().home(userId) ?? '');
        return home.includes('file_open') && home.includes(expected) ? home : undefined;
      },
      { timeoutMs: 10_000, description: `${userId}'s Home listing ${expected}` },
    ),
  );
}

/** Grace opens the budget report from her Home: its card lands in her DM. */
async function openBudgetCard(userId = GRACE) {
  await homeOf(userId, budget);
  const before = dmTexts(userId).length;
  await emu().as(userId).clickButton({ in: 'home', actionId: 'file_open', value: budget });
  await emu().waitFor(
    () =>
      dmTexts(userId)
        .slice(before)
        .find((text) => text.includes(budget)),
    {
      timeoutMs: 10_000,
      description: 'the card of the budget report',
    },
  );
}

async function shareModal(userId = GRACE) {
  await openBudgetCard(userId);
  await emu().as(userId).clickButton({ in: 'latest-dm', actionId: 'file_share', value: budget });
  return emu().waitFor(() => emu().openViews(userId).at(-1), {
    timeoutMs: 10_000,
    description: 'the Share modal',
  });
}

describe('Home "Recent files" and Open', () => {
  it('lists only files the person may read, a confidential file outside their scope never', async () => {
    const graces = await homeOf(GRACE, budget);
    expect(graces).toContain(budget);
    expect(graces).not.toContain(secret);
    expect(graces).not.toContain('Salary review');
    const evans = await homeOf(EVAN, secret);
    expect(evans).toContain(secret);
    expect(evans).not.toContain(budget);
  });

  it('Open posts the card (title, reference, version, Download) to the clicker', async () => {
    await openBudgetCard();
    const card = dmTexts(GRACE).find((text) => text.includes(budget))!;
    expect(card).toContain('年度預算報告');
    expect(card).toContain('1.0');
    expect(card).toContain('"action_id":"file_download"');
  });

  it('a forged Open of a file outside one’s scope reveals nothing', async () => {
    const before = dmTexts(GRACE).length;
    await sendInteraction(
      emu(),
      buttonClick({ user: GRACE, channel: emu().dmChannelOf(GRACE), actionId: 'file_open', value: secret }),
    );
    const answer = await emu().waitFor(() => dmTexts(GRACE).slice(before)[0], {
      timeoutMs: 10_000,
      description: 'the refusal',
    });
    expect(answer).toMatch(/查無您可檢視的文件|no file/);
    expect(answer).not.toContain('Salary');
  });
});

describe('Share', () => {
  it('posts the card to a channel and to a person’s DM, without widening the scope', async () => {
    const modal = await shareModal();
    // Grace uploaded it: she owns it and is offered the scope checkbox.
    expect(JSON.stringify(modal)).toContain('file_share_scope');
    const evanBefore = dmTexts(EVAN).length;
    await emu()
      .as(GRACE)
      .fillModal({ file_share_channels: [INSIDE], file_share_people: [EVAN] });
    expect((await emu().as(GRACE).submitView()).outcome).toBe('closed');
    const inChannel = await emu().waitFor(() => texts(INSIDE).find((text) => text.includes(budget)), {
      timeoutMs: 10_000,
      description: 'the card in the channel',
    });
    expect(inChannel).toContain('"action_id":"file_download"');
    expect(inChannel).toContain(`<@${GRACE}>`);
    const inDm = await emu().waitFor(
      () =>
        dmTexts(EVAN)
          .slice(evanBefore)
          .find((text) => text.includes(budget)),
      {
        timeoutMs: 10_000,
        description: 'the card in Evan’s DM',
      },
    );
    expect(inDm).toContain('年度預算報告');
    // Never the bytes: nothing was uploaded to Slack.
    expect(emu().callsTo('files.uploadV2').length + emu().callsTo('files.upload').length).toBe(0);
    expect(await scopeOf(budget)).toEqual({ person_ids: [], channel_ids: [] });
    await emu().waitFor(() => dmTexts(GRACE).find((text) => text.includes(`<#${INSIDE}>`)), {
      timeoutMs: 10_000,
      description: 'Grace told where it went',
    });
  });

  it('refuses, under the field, a channel the app is not in; nothing is posted', async () => {
    await shareModal();
    await emu()
      .as(GRACE)
      .fillModal({ file_share_channels: [OUTSIDE] });
    const result = await emu().as(GRACE).submitView();
    expect(result.outcome).not.toBe('closed');
    expect(JSON.stringify(emu().viewErrors(GRACE))).toContain('#files-out');
    expect(texts(OUTSIDE)).toEqual([]);
    await emu().as(GRACE).closeView({ all: true });
  });

  it('lets an owner add the person to the sharing scope, audited', async () => {
    await shareModal();
    await emu()
      .as(GRACE)
      .fillModal({ file_share_people: [EVAN], file_share_scope: ['add'] });
    expect((await emu().as(GRACE).submitView()).outcome).toBe('closed');
    expect((await scopeOf(budget)).person_ids).toEqual([ids[EVAN]]);
    const [audit] = await running.db.sequelize.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE action = 'file.scope_changed' AND subject_id = $1",
      { bind: [budget], type: QueryTypes.SELECT },
    );
    expect(audit?.actor).toBe(GRACE);
  });

  it('does not offer the scope to a reader who does not own the file, and refuses a forged one', async () => {
    // Evan was just added by name: he reads the file, he does not own it.
    const modal = await shareModal(EVAN);
    expect(JSON.stringify(modal)).not.toContain('file_share_scope');
    await emu().as(EVAN).closeView({ all: true });
    const forged = viewSubmission({
      user: EVAN,
      callbackId: 'file_share_form',
      privateMetadata: JSON.stringify({ reference: budget }),
      values: {
        file_share_channels: {
          channels: { type: 'multi_conversations_select', selected_conversations: [INSIDE] },
        },
        file_share_scope: {
          add_to_scope: {
            type: 'checkboxes',
            selected_options: [{ value: 'add', text: { type: 'plain_text', text: 'add' } }],
          },
        },
      },
    });
    const answer = await sendInteraction(emu(), forged);
    expect(answer.body).toContain('file_share_scope');
    expect((await scopeOf(budget)).channel_ids).toEqual([]);
  });

  it('a forged Share of a confidential file outside one’s scope opens nothing and reveals nothing', async () => {
    const before = dmTexts(GRACE).length;
    await sendInteraction(
      emu(),
      buttonClick({
        user: GRACE,
        channel: emu().dmChannelOf(GRACE),
        actionId: 'file_share',
        value: secret,
        triggerId: emu().createTriggerId(GRACE),
      }),
    );
    const answer = await emu().waitFor(() => dmTexts(GRACE).slice(before)[0], {
      timeoutMs: 10_000,
      description: 'the refusal',
    });
    expect(answer).not.toContain('Salary');
    expect(emu().openViews(GRACE)).toEqual([]);
    const submitted = await sendInteraction(
      emu(),
      viewSubmission({
        user: GRACE,
        callbackId: 'file_share_form',
        privateMetadata: JSON.stringify({ reference: secret }),
        values: {
          file_share_channels: {
            channels: { type: 'multi_conversations_select', selected_conversations: [INSIDE] },
          },
        },
      }),
    );
    expect(submitted.body).toContain('errors');
    expect(texts(INSIDE).filter((text) => text.includes(secret))).toEqual([]);
  });

  it('offers the scope to the head of the owning department, who owns the file too', async () => {
    const modal = await shareModal(CAROL);
    expect(JSON.stringify(modal)).toContain('file_share_scope');
    await emu().as(CAROL).closeView({ all: true });
  });
});

describe('a new version of an important file', () => {
  it('once approved by the owning head, earlier downloaders who may still read it get a DM with Download', async () => {
    // The domains as the app builds them (the review effect included), over the app's database.
    const { files, workflows } = createDomains({
      workflows: workflowSettingsWith({}),
      announcements: { ...DEFAULT_ANNOUNCEMENT_SETTINGS },
    });
    const [category] = await running.db.sequelize.query<{ id: number }>(
      "INSERT INTO file_categories (name, important) VALUES ('保密規章', TRUE) RETURNING id",
      { type: QueryTypes.SELECT },
    );
    const departments = await running.db.sequelize.query<{ id: number; key: string }>(
      "SELECT id, key FROM departments WHERE key IN ('hr', 'finance')",
      { type: QueryTypes.SELECT },
    );
    const { file } = await files.upload(ids[GRACE]!, {
      title: '差勤管理要點',
      abstract: '',
      keywords: '',
      confidentiality: 'internal',
      scope: { ...PRIVATE_SCOPE, departmentIds: departments.map((row) => row.id) },
      categoryId: category!.id,
      departmentId: null,
      label: '1.0',
      changeNote: '',
      source: source(),
    });
    await files.download(ids[EVAN]!, file.reference);
    await files.download(ids[BOB]!, file.reference);
    // Bob's department leaves the scope: he may no longer read it, so he is not told.
    await files.changeScope(ids[GRACE]!, file.reference, {
      ...PRIVATE_SCOPE,
      departmentIds: departments.filter((row) => row.key === 'hr').map((row) => row.id),
      personIds: [ids[EVAN]!],
    });
    const added = await files.newVersion(ids[GRACE]!, file.reference, {
      label: '1.1',
      changeNote: 'Flexible hours added',
      source: source(),
    });
    expect(added.version.status).toBe('in_review');
    const page = await workflows.listPendingTasks(CAROL, { limit: 50 });
    const task = page.items.find((item) => item.instance.reference === added.review?.reference);
    await workflows.approve(CAROL, task!.taskId);
    running.platform.fanout.kick();
    const dm = await emu().waitFor(
      () => dmTexts(EVAN).find((text) => text.includes(file.reference) && text.includes('1.1')),
      { timeoutMs: 15_000, description: 'Evan told of version 1.1' },
    );
    expect(dm).toContain('Flexible hours added');
    expect(dm).toContain(`"value":"${file.reference}@1.1"`);
    expect(dm).toContain('"action_id":"file_download"');
    const queued = await running.db.sequelize.query<{ channel: string }>(
      "SELECT channel FROM fanout_items WHERE purpose = 'file.new_version' AND batch_key = $1",
      { bind: [`file-${file.id}-v${added.version.id}-notices`], type: QueryTypes.SELECT },
    );
    expect(queued).toEqual([{ channel: EVAN }]);
    expect(dmTexts(BOB).filter((text) => text.includes(file.reference))).toEqual([]);
  });
});
