import type { SlackMessage } from '@gongwu/slack-emulator';
import { QueryTypes } from 'sequelize';
import type { TemplateInput } from '../../src/domain/workflows/template-schema';
import { addDays, dayNumber, todayIn } from '../../src/domain/workflows/working-days';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { configureWorkflows, workflowSettings, workflows } from '../support/workflows';

const { runDigests, syncBuiltinTemplates } = workflows;

/**
 * What people see of deadlines, through the emulator with the real app: the scheduled reminder
 * (its link to the card and the card's own buttons, which decide the task), the escalation to the
 * next level up and the requester's notice, the Nudge button and its rate limit, the daily digest
 * (oldest first, overdue marked, working buttons), the weekly overdue summary, and an automatic
 * approval on the tracking card — in English and in Traditional Chinese (examples/org.yaml: Bob,
 * Alice, Evan and Grace read zh-TW; Carol, Daniel and Fiona read English).
 *
 * SLAs of seconds on a round-the-clock calendar: a task is reminded at 3 s and 6 s, escalated at
 * 8 s, and a step with automatic approval acts 2 s after that.
 */
const SLA_SECONDS = 6;
const hoursOf = (seconds: number) => String(seconds / 3600);
const saved = { ...workflowSettings() };

const ALICE = 'U01ALICE0'; // admin; head of general-office, the level above every other head
const BOB = 'U01BOB000'; // head of finance
const CAROL = 'U01CAROL0'; // head of hr
const DANIEL = 'U01DANIEL'; // head of it
const EVAN = 'U01EVAN00'; // finance
const GRACE = 'U01GRACE0'; // hr
const FIONA = 'U01FIONA0'; // it

/** One-step templates: automatic approval 2 s after the escalation, and a step with a long SLA. */
const TEMPLATES: TemplateInput[] = [
  {
    key: 'equipment',
    prefix: 'EQP',
    title: { en: 'Equipment loan', zh: '設備借用' },
    fields: [{ id: 'subject', type: 'text', required: true, label: { en: 'Subject', zh: '主旨' } }],
    subjectFields: ['subject'],
    steps: [
      {
        key: 'head',
        name: { en: 'Head', zh: '主管' },
        approvers: { rule: 'department_head' },
        overdue: { action: 'auto_approve', afterHours: 2 / 3600 },
      },
    ],
  },
  {
    key: 'training',
    prefix: 'TRN',
    title: { en: 'Training course', zh: '教育訓練' },
    fields: [{ id: 'subject', type: 'text', required: true, label: { en: 'Subject', zh: '主旨' } }],
    subjectFields: ['subject'],
    steps: [
      {
        key: 'head',
        name: { en: 'Head', zh: '主管' },
        approvers: { rule: 'department_head' },
        slaHours: 1000,
      },
    ],
  },
];

let running: RunningPlatform;
const emu = () => running.emulator;

const json = (value: unknown) => JSON.stringify(value);
const dm = (userId: string) => emu().messages(emu().dmChannelOf(userId));
/** The newest message in `userId`'s DM that mentions every needle (as rendered JSON). */
const dmWith = (userId: string, ...needles: string[]) =>
  emu().waitFor(
    () => [...dm(userId)].reverse().find((m) => needles.every((needle) => json(m).includes(needle))),
    { timeoutMs: 20_000, description: `a DM to ${userId} with ${needles.join(', ')}` },
  );
/** The message at `ts` in `userId`'s DM once it says every needle (cards are updated in place). */
const cardSays = (userId: string, ts: string, ...needles: string[]) =>
  emu().waitFor(
    () => {
      const card = dm(userId).find((m) => m.ts === ts);
      return card && needles.every((needle) => json(card).includes(needle)) ? card : undefined;
    },
    { timeoutMs: 20_000, description: `the card ${ts} of ${userId} saying ${needles.join(', ')}` },
  );
/** The first message in `userId`'s DM that mentions `reference`: their approval or tracking card. */
const cardOf = (userId: string, reference: string) =>
  emu().waitFor(() => dm(userId).find((m) => json(m).includes(reference)), {
    timeoutMs: 20_000,
    description: `${userId}'s card of ${reference}`,
  });
const countDms = (userId: string, ...needles: string[]) =>
  dm(userId).filter((m) => needles.every((needle) => json(m).includes(needle))).length;

async function command(userId: string, name: string, text: string): Promise<string> {
  const before = emu().ephemerals(userId).length;
  expect((await emu().as(userId).command(name, text)).status).toBe(200);
  await emu().waitFor(() => emu().ephemerals(userId).length > before, { timeoutMs: 8000 });
  return json(emu().ephemerals(userId).at(-1));
}

const referenceIn = (text: string, prefix = 'LV') => {
  const match = new RegExp(`${prefix}-\\d{4}-\\d{4}`).exec(text);
  if (!match) throw new Error(`no ${prefix} reference in ${text}`);
  return match[0];
};

/** A request through the form of one of TEMPLATES (`/request <key>`); its reference, from the tracking card. */
async function requestThroughForm(userId: string, key: string, prefix: string, subject: string) {
  const before = dm(userId).length;
  expect((await emu().as(userId).command('/request', key)).status).toBe(200);
  await emu().waitFor(() => emu().openViews(userId).length > 0, { timeoutMs: 8000 });
  await emu().as(userId).fillModal({ subject });
  expect((await emu().as(userId).submitView()).outcome).toBe('closed');
  const card = await emu().waitFor(
    () =>
      dm(userId)
        .slice(before)
        .find((m) => json(m).includes(subject) && json(m).includes(`${prefix}-`)),
    { timeoutMs: 8000, description: `${userId}'s tracking card of ${subject}` },
  );
  return referenceIn(json(card), prefix);
}

/** The values (task ids) of the Approve buttons in a message, in order. */
const approveValues = (message: SlackMessage): string[] =>
  (message.blocks ?? []).flatMap((block) =>
    block.type === 'actions'
      ? (block.elements as Array<{ action_id?: string; value?: string }>)
          .filter((element) => element.action_id === 'wf_approve')
          .map((element) => String(element.value))
      : [],
  );

const taskStatus = async (reference: string) => {
  const rows = await running.db.sequelize.query<{ status: string }>(
    `SELECT t.status FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id
      WHERE i.reference = :reference ORDER BY t.id`,
    { type: QueryTypes.SELECT, replacements: { reference } },
  );
  return rows.map((row) => row.status);
};

/** Requests submitted at the start, so their deadlines run side by side. */
const refs = { reminded: '', nudged: '', escalated: '', auto: '' };

beforeAll(async () => {
  running = await startTestPlatform({
    env: {
      WORK_DAYS: '0-6',
      WORK_HOURS: '00:00-24:00',
      DEFAULT_SLA_HOURS: hoursOf(SLA_SECONDS),
      REMINDER_POINTS: '0.5,1',
      MAX_REMINDERS: '2',
      ESCALATE_AFTER_HOURS: hoursOf(2),
      NUDGE_INTERVAL_MINUTES: '60',
      DEADLINE_RECONCILE_SECONDS: '5',
      // Off until the test has the tasks it wants in the digests (it turns them on below).
      DIGEST_TIME: 'off',
      WEEKLY_SUMMARY: 'off',
    },
  });
  // A public holiday today would move every due time to tomorrow.
  const today = todayIn('Asia/Taipei');
  await running.db.sequelize.query('DELETE FROM holidays WHERE date BETWEEN :from AND :to', {
    replacements: { from: addDays(today, -2), to: addDays(today, 2) },
  });
  await syncBuiltinTemplates(TEMPLATES);
  refs.reminded = referenceIn(await command(EVAN, '/leave', '2027-06-07 2027-06-07 annual Dentist'));
  refs.nudged = referenceIn(await command(EVAN, '/leave', '2027-06-08 2027-06-08 annual Moving'));
  refs.escalated = referenceIn(await command(GRACE, '/leave', '2027-06-07 2027-06-07 personal Errand'));
  refs.auto = await requestThroughForm(FIONA, 'equipment', 'EQP', 'Projector for the workshop');
}, 60_000);

afterAll(async () => {
  configureWorkflows(saved);
  await running?.stop();
});

describe('deadline messages through the emulator', () => {
  it('a scheduled reminder links to the card and carries its buttons; Approve there decides the task', async () => {
    const card = await cardOf(BOB, refs.reminded);
    expect(approveValues(card)).toHaveLength(1);
    // Bob reads zh-TW: the reminder at half the SLA (said as overdue should its delivery lag past the due time).
    const reminder = await dmWith(BOB, refs.reminded, '⏰');
    expect(reminder.text).toMatch(/^⏰ (提醒|已逾期)：/);
    expect(reminder.ts).not.toBe(card.ts);
    expect(json(reminder)).toContain(`<@${EVAN}>`);
    expect(json(reminder)).toContain('開啟原審批卡片');
    expect(json(reminder)).toContain(`/archives/${emu().dmChannelOf(BOB)}/p${card.ts.replace('.', '')}`);
    expect(approveValues(reminder)).toEqual(approveValues(card));
    for (const action of ['wf_approve', 'wf_reject', 'wf_return', 'wf_transfer'])
      expect(json(reminder)).toContain(action);

    await emu()
      .as(BOB)
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf(BOB), ts: reminder.ts } });
    // The original card changes to say so, and loses its buttons.
    const decided = await cardSays(BOB, card.ts, '您已於');
    expect(json(decided)).not.toContain('wf_approve');
    expect(await taskStatus(refs.reminded)).toEqual(['approved']);
    await dmWith(EVAN, refs.reminded, '已核准');
    // Every reminder that offered the buttons says the task no longer waits, and offers none.
    for (const copy of dm(BOB).filter((m) => json(m).includes(refs.reminded) && m.text.startsWith('⏰'))) {
      const closed = await cardSays(BOB, copy.ts, '已不再等候您審批', '您已於');
      expect(approveValues(closed)).toEqual([]);
    }
  }, 30_000);

  it('reminds in English those who read English, and says when the task is overdue', async () => {
    const card = await cardOf(CAROL, refs.escalated);
    // The reminder at the due time says the task is overdue (the one at half time does too, should
    // its delivery lag past the due time).
    const second = await dmWith(CAROL, refs.escalated, '⏰ Overdue:');
    expect(json(second)).toContain(`from <@${GRACE}> was due`);
    expect(json(second)).toContain('is still waiting for your decision');
    expect(json(second)).toContain('Open the original card');
    expect(approveValues(second)).toEqual(approveValues(card));
    const reminders = dm(CAROL).filter((m) => json(m).includes(refs.escalated) && m.text.startsWith('⏰'));
    expect(reminders).toHaveLength(2);
    expect(reminders[0]?.text).toMatch(/^⏰ (Reminder|Overdue): /);
  }, 30_000);

  it('escalates to the next level up, tells the requester, and the tracking card shows it', async () => {
    // Alice (zh-TW) heads general-office, the level above Carol's hr.
    const notice = await dmWith(ALICE, refs.escalated, '⚠');
    expect(json(notice)).toContain('已逾期');
    expect(json(notice)).toContain(`等候 <@${CAROL}> 審批`);
    expect(json(notice)).toContain('上一層主管');
    const told = await dmWith(GRACE, refs.escalated, '⚠ 您的申請');
    expect(json(told)).toContain('Alice Chen'); // targets by name: no ping from the requester's notice
    const tracking = await cardOf(GRACE, refs.escalated);
    expect(json(tracking)).toContain('wf_nudge');
    await cardSays(GRACE, tracking.ts, '已逾期', '已呈報');
    expect(countDms(ALICE, refs.escalated, '⚠')).toBe(1);
  }, 30_000);

  it('Nudge on the tracking card reminds the approver once per interval and says when to try again', async () => {
    const tracking = await cardOf(EVAN, refs.nudged);
    expect(json(tracking)).toContain('wf_nudge');
    const where = { channel: emu().dmChannelOf(EVAN), ts: tracking.ts };
    const before = emu().ephemerals(EVAN).length;
    await emu().as(EVAN).clickButton({ actionId: 'wf_nudge', in: where });
    const sent = await emu().waitFor(
      () =>
        emu()
          .ephemerals(EVAN)
          .slice(before)
          .find((m) => json(m).includes('已提醒')),
      { timeoutMs: 8000, description: 'the nudge confirmation' },
    );
    expect(sent.text).toContain('Bob Wang');
    const nextAt = /已提醒 .+。(.+) 之後可再次催辦/.exec(sent.text)?.[1];
    expect(nextAt).toBeTruthy();
    const nudge = await dmWith(BOB, refs.nudged, '👋');
    expect(json(nudge)).toContain(`<@${EVAN}> 正在催辦`);
    expect(json(nudge)).toContain('wf_approve');

    await emu().as(EVAN).clickButton({ actionId: 'wf_nudge', in: where });
    const refused = await emu().waitFor(
      () =>
        emu()
          .ephemerals(EVAN)
          .slice(before)
          .find((m) => json(m).includes('您最近已催辦過此申請')),
      { timeoutMs: 8000, description: 'the refusal of a second nudge' },
    );
    expect(refused.text).toContain(`${nextAt} 之後可再次催辦`);
    expect(countDms(BOB, refs.nudged, '👋')).toBe(1);
  }, 30_000);

  it('a nudge DM loses its buttons once the request is withdrawn', async () => {
    const reference = referenceIn(await command(EVAN, '/leave', '2027-06-10 2027-06-10 annual Conference'));
    const tracking = await cardOf(EVAN, reference);
    await emu()
      .as(EVAN)
      .clickButton({ actionId: 'wf_nudge', in: { channel: emu().dmChannelOf(EVAN), ts: tracking.ts } });
    const nudge = await dmWith(BOB, reference, '👋');
    expect(approveValues(nudge)).toHaveLength(1);

    await emu()
      .as(EVAN)
      .clickButton({ actionId: 'wf_withdraw', in: { channel: emu().dmChannelOf(EVAN), ts: tracking.ts } });
    const closed = await cardSays(BOB, nudge.ts, '已不再等候您審批', '申請人已撤回');
    expect(approveValues(closed)).toEqual([]);
    expect(json(closed)).not.toContain('wf_reject');
    expect(await taskStatus(reference)).toEqual(['withdrawn']);
  }, 30_000);

  it('Approve on the card itself also takes the buttons off its reminders', async () => {
    const reference = referenceIn(await command(FIONA, '/leave', '2027-06-11 2027-06-11 annual Hiking'));
    const card = await cardOf(DANIEL, reference);
    const reminder = await dmWith(DANIEL, reference, '⏰');
    expect(approveValues(reminder)).toEqual(approveValues(card));
    await emu()
      .as(DANIEL)
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf(DANIEL), ts: card.ts } });
    await cardSays(DANIEL, card.ts, 'You approved this on');
    const closed = await cardSays(
      DANIEL,
      reminder.ts,
      'no longer waits for your decision',
      'You approved this on',
    );
    expect(approveValues(closed)).toEqual([]);
  }, 30_000);

  it('an automatic approval after the escalation shows on the tracking card and the approver’s card', async () => {
    // Fiona and Daniel read English.
    const tracking = await cardOf(FIONA, refs.auto);
    await cardSays(FIONA, tracking.ts, 'approved automatically at', 'made no decision within');
    await cardSays(FIONA, tracking.ts, '✅ Approved');
    const card = await cardOf(DANIEL, refs.auto);
    await cardSays(DANIEL, card.ts, '🤖 Approved automatically on');
    expect(await taskStatus(refs.auto)).toEqual(['approved']);
    await dmWith(ALICE, refs.auto, '⚠'); // escalated first
  }, 30_000);

  it('the daily digest lists the tasks oldest first, marks the overdue and its buttons work; admins get the weekly summary', async () => {
    // Carol also has a request that is not overdue (a step with a long SLA).
    const fresh = await requestThroughForm(GRACE, 'training', 'TRN', 'Spreadsheet course');
    // Both Grace's leave (hr) and Evan's second leave (finance) are overdue by now.
    await dmWith(ALICE, refs.nudged, '⚠');

    // The digest check (every five minutes in the app) runs now, with digests due at 00:00 and
    // the weekly summary due today; the courier sends its rows on the next kick (here Carol's
    // /approvals; any deadline job or its 30-second pass would do too).
    const weekday = (((dayNumber(todayIn('Asia/Taipei')) + 4) % 7) + 7) % 7;
    // This file's engine runs the check: on the platform's round-the-clock calendar.
    configureWorkflows({
      calendar: { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
      digests: { dailyAt: '00:00', weekly: { day: weekday, at: '00:00' } },
    });
    await runDigests();
    await command(CAROL, '/approvals', '');

    const digest = await dmWith(CAROL, "Today's approvals");
    const blocks = json(digest.blocks);
    expect(blocks).toContain('*2* requests are waiting for your decision');
    expect(blocks.indexOf(refs.escalated)).toBeGreaterThan(-1);
    expect(blocks.indexOf(refs.escalated)).toBeLessThan(blocks.indexOf(fresh)); // oldest first
    expect(blocks.split('Overdue*').length - 1).toBe(1);
    expect(blocks.indexOf('Overdue*')).toBeLessThan(blocks.indexOf(fresh)); // the older one's mark
    expect(digest.text).toContain('(1 overdue)');

    // Alice (admin, zh-TW): overdue per department of the approver.
    const summary = await dmWith(ALICE, '每週逾期摘要');
    const sections = (summary.blocks ?? []).map((block) => json(block));
    const hr = sections.find((s) => s.includes('*人事處* — 1 件逾期'));
    const finance = sections.find((s) => s.includes('*財務處* — 1 件逾期'));
    expect(hr).toContain(refs.escalated);
    expect(finance).toContain(refs.nudged);
    expect(json(summary)).not.toContain(refs.auto);
    expect(json(summary)).not.toContain(fresh);

    // Approve in the digest decides that task: Carol's card and Grace's tracking card follow.
    const card = await cardOf(CAROL, refs.escalated);
    const [taskId] = approveValues(card);
    expect(approveValues(digest)).toEqual([taskId, approveValues(await cardOf(CAROL, fresh))[0]]);
    await emu()
      .as(CAROL)
      .clickButton({
        actionId: 'wf_approve',
        value: taskId,
        in: { channel: emu().dmChannelOf(CAROL), ts: digest.ts },
      });
    await cardSays(CAROL, card.ts, 'You approved this on');
    expect(await taskStatus(refs.escalated)).toEqual(['approved']);
    // The digest keeps its list: the decided task says so and has no buttons; the other keeps its own.
    const updated = await cardSays(
      CAROL,
      digest.ts,
      'Updated: *1* of them still waits',
      'You approved this on',
    );
    expect(approveValues(updated)).toEqual([approveValues(await cardOf(CAROL, fresh))[0]]);
    await dmWith(GRACE, refs.escalated, '已核准');
    expect(await taskStatus(fresh)).toEqual(['pending']);
    // One digest per person and day, however often the check runs.
    expect(await runDigests()).toEqual({ daily: 0, weekly: 0 });
    expect(countDms(CAROL, "Today's approvals")).toBe(1);
  }, 40_000);
});
