import { QueryTypes } from 'sequelize';
import { type RunningPlatform, startTestPlatform } from '../support/platform';
import { buttonClick, sendInteraction } from '../support/slack-payloads';

/**
 * Approval workflows end to end: commands and clicks go in as signed HTTP from the emulator,
 * cards come back as Web API calls; nothing is called in-process.
 */

let running: RunningPlatform;
const emu = () => running.emulator;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

/** Working days well in the future, so the "too far in the past" rule never interferes. */
const MONDAY = '2027-03-08';
const FRIDAY = '2027-03-12';
const NEXT_MONDAY = '2027-03-15';

const dmText = (userId: string) => JSON.stringify(emu().messages(emu().dmChannelOf(userId)));
const lastEphemeral = (userId: string) => JSON.stringify(emu().ephemerals(userId).at(-1) ?? {});

async function command(userId: string, name: string, text: string): Promise<string> {
  const before = emu().ephemerals(userId).length;
  const result = await emu().as(userId).command(name, text);
  expect(result.status).toBe(200);
  await emu().waitFor(() => emu().ephemerals(userId).length > before, { timeoutMs: 5000 });
  return lastEphemeral(userId);
}

const referenceIn = (text: string) => {
  const match = /LV-\d{4}-\d{4}/.exec(text);
  if (!match) throw new Error(`no reference in ${text}`);
  return match[0];
};

/** Waits for the DM card of `userId` that mentions `reference` and still has the button. */
async function cardWithButton(userId: string, reference: string, actionId: string) {
  return emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf(userId))
        .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes(`"${actionId}"`)),
    { timeoutMs: 8000, description: `${userId}'s card for ${reference} with ${actionId}` },
  );
}

const taskStatus = async (reference: string) =>
  running.db.sequelize.query<{ status: string; slack_user_id: string }>(
    `SELECT t.status, p.slack_user_id FROM workflow_tasks t
       JOIN workflow_instances i ON i.id = t.instance_id
       JOIN people p ON p.id = t.assignee_person_id
      WHERE i.reference = :reference ORDER BY t.id`,
    { type: QueryTypes.SELECT, replacements: { reference } },
  );

describe('leave request', () => {
  it('of five days goes to the department head, then the leader; the requester’s card shows both', async () => {
    const reply = await command('U01EVAN00', '/leave', `${MONDAY} ${FRIDAY} annual Family trip`);
    const reference = referenceIn(reply);
    // Evan's tracking card arrives in the DM.
    await emu().waitFor(() => dmText('U01EVAN00').includes(reference), { timeoutMs: 8000 });

    const bobCard = await cardWithButton('U01BOB000', reference, 'wf_approve');
    await emu()
      .as('U01BOB000')
      .clickButton({
        actionId: 'wf_approve',
        in: { channel: emu().dmChannelOf('U01BOB000'), ts: bobCard.ts },
      });
    const leaderCard = await cardWithButton('U01LEADER', reference, 'wf_approve');
    // Bob's card no longer carries buttons once he has decided.
    await emu().waitFor(() => {
      const card = emu()
        .messages(emu().dmChannelOf('U01BOB000'))
        .find((m) => m.ts === bobCard.ts);
      return card && !JSON.stringify(card).includes('wf_approve');
    });
    await emu()
      .as('U01LEADER')
      .clickButton({
        actionId: 'wf_approve',
        in: { channel: emu().dmChannelOf('U01LEADER'), ts: leaderCard.ts },
      });

    await emu().waitFor(
      () => {
        const card = emu()
          .messages(emu().dmChannelOf('U01EVAN00'))
          .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('已核准'));
        return (
          card &&
          JSON.stringify(card).includes('<@U01BOB000>') &&
          JSON.stringify(card).includes('<@U01LEADER>')
        );
      },
      { timeoutMs: 8000, description: 'Evan’s tracking card approved by Bob and the leader' },
    );
    expect((await taskStatus(reference)).map((t) => t.status)).toEqual(['approved', 'approved']);
  });

  it('rejected with a reason is revised and resubmitted, then approved', async () => {
    const reference = referenceIn(
      await command('U01GRACE0', '/leave', `${MONDAY} ${MONDAY}pm personal Moving house`),
    );
    const carolCard = await cardWithButton('U01CAROL0', reference, 'wf_reject');
    await emu()
      .as('U01CAROL0')
      .clickButton({
        actionId: 'wf_reject',
        in: { channel: emu().dmChannelOf('U01CAROL0'), ts: carolCard.ts },
      });
    await emu().waitFor(() => emu().openViews('U01CAROL0').length > 0);
    await emu().as('U01CAROL0').fillModal({ wf_reason: 'Please take the whole day instead' });
    expect((await emu().as('U01CAROL0').submitView()).outcome).toBe('closed');

    const graceCard = await cardWithButton('U01GRACE0', reference, 'wf_resubmit');
    expect(JSON.stringify(graceCard)).toContain('Please take the whole day instead');
    await emu()
      .as('U01GRACE0')
      .clickButton({
        actionId: 'wf_resubmit',
        in: { channel: emu().dmChannelOf('U01GRACE0'), ts: graceCard.ts },
      });
    const modal = await emu().waitFor(() => emu().openViews('U01GRACE0')[0]);
    expect(JSON.stringify(modal)).toContain('Moving house'); // pre-filled
    await emu().as('U01GRACE0').fillModal({ 'field:end:part': 'full' });
    expect((await emu().as('U01GRACE0').submitView()).outcome).toBe('closed');

    const second = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01CAROL0'))
          .find(
            (m) =>
              m.ts !== carolCard.ts &&
              JSON.stringify(m).includes(reference) &&
              JSON.stringify(m).includes('wf_approve'),
          ),
      { timeoutMs: 8000, description: 'a new card for the revision' },
    );
    await emu()
      .as('U01CAROL0')
      .clickButton({
        actionId: 'wf_approve',
        in: { channel: emu().dmChannelOf('U01CAROL0'), ts: second.ts },
      });
    await emu().waitFor(() => /已核准/.test(dmText('U01GRACE0')), { timeoutMs: 8000 });
    // Issue 13 item 10: the tracking card (and Details) still show the first round's rejection,
    // grouped by revision, once the second round is approved.
    const tracking = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01GRACE0'))
          .find(
            (m) =>
              JSON.stringify(m).includes(reference) &&
              JSON.stringify(m).includes('"wf_details"') &&
              JSON.stringify(m).includes('已核准'),
          ),
      { timeoutMs: 8000, description: 'Grace’s approved tracking card' },
    );
    const trackingText = JSON.stringify(tracking);
    expect(trackingText).toContain('第 1 版');
    expect(trackingText).toContain('Please take the whole day instead');
    expect(trackingText).toContain('第 2 版（目前）');
    await emu()
      .as('U01GRACE0')
      .clickButton({
        actionId: 'wf_details',
        in: { channel: emu().dmChannelOf('U01GRACE0'), ts: tracking.ts },
      });
    const details = await emu().waitFor(() => emu().openViews('U01GRACE0')[0]);
    expect(JSON.stringify(details)).toMatch(/第 1 版_ · .*已駁回.*Please take the whole day instead/);
    await emu().as('U01GRACE0').closeView();
    const revisions = await running.db.sequelize.query<{ n: string }>(
      'SELECT count(*) AS n FROM workflow_revisions r JOIN workflow_instances i ON i.id = r.instance_id WHERE i.reference = :reference',
      { type: QueryTypes.SELECT, replacements: { reference } },
    );
    expect(Number(revisions[0]!.n)).toBe(2);
  });

  it('can be withdrawn by the requester; the approver’s card says so', async () => {
    const reference = referenceIn(await command('U01FIONA0', '/leave', `${FRIDAY} ${FRIDAY} sick Dentist`));
    const danielCard = await cardWithButton('U01DANIEL', reference, 'wf_approve');
    const fionaCard = await cardWithButton('U01FIONA0', reference, 'wf_withdraw');
    await emu()
      .as('U01FIONA0')
      .clickButton({
        actionId: 'wf_withdraw',
        in: { channel: emu().dmChannelOf('U01FIONA0'), ts: fionaCard.ts },
      });
    await emu().waitFor(
      () => {
        const card = emu()
          .messages(emu().dmChannelOf('U01DANIEL'))
          .find((m) => m.ts === danielCard.ts);
        return (
          card && JSON.stringify(card).includes('withdrew') && !JSON.stringify(card).includes('wf_approve')
        );
      },
      { timeoutMs: 8000, description: 'Daniel’s card updated' },
    );
    expect((await taskStatus(reference)).map((t) => t.status)).toEqual(['withdrawn']);
  });

  it('shows field errors in the modal in the person’s language and loses nothing', async () => {
    await emu().as('U01EVAN00').command('/leave', '');
    await emu().waitFor(() => emu().openViews('U01EVAN00').length > 0);
    await emu().as('U01EVAN00').fillModal({
      leave_type: 'annual',
      'field:start:date': FRIDAY,
      'field:end:date': MONDAY,
      reason: 'Backwards',
    });
    const result = await emu().as('U01EVAN00').submitView();
    expect(result.outcome).toBe('errors');
    expect(Object.keys(result.errors)).toContain('field:end:date');
    expect(Object.values(result.errors).join(' ')).toMatch(/[\u4e00-\u9fff]/); // Evan reads zh-TW
    expect(JSON.stringify(emu().openViews('U01EVAN00').at(-1))).toContain('Backwards');
    await emu().as('U01EVAN00').closeView();
  });

  it('cannot be started by a guest', async () => {
    const reply = await command('U01HENRY0', '/leave', `${MONDAY} ${MONDAY} annual Audit`);
    expect(reply).toContain('Guests cannot start or decide requests');
  });
});

describe('approve with an opinion (issue 13 item 26)', () => {
  it('opens a modal from the card, approves once with the opinion, and every card shows it', async () => {
    const reference = referenceIn(await command('U01FIONA0', '/leave', '2027-03-16 2027-03-16 sick Flu'));
    const card = await cardWithButton('U01DANIEL', reference, 'wf_approve_comment');
    // The one-click Approve is still there beside it.
    expect(JSON.stringify(card)).toContain('"wf_approve"');
    const daniel = emu().as('U01DANIEL');
    await daniel.clickButton({
      actionId: 'wf_approve_comment',
      in: { channel: emu().dmChannelOf('U01DANIEL'), ts: card.ts },
    });
    const modal = await emu().waitFor(() => emu().openViews('U01DANIEL')[0]);
    expect(JSON.stringify(modal)).toContain('Approve with comment');
    expect(JSON.stringify(modal)).toContain('Your opinion');

    // Nothing visible: refused under the field, the modal stays, nothing is decided.
    await daniel.fillModal({ wf_reason: '\u200B\u200B' });
    const empty = await daniel.submitView();
    expect(empty.outcome).toBe('errors');
    expect(Object.values(empty.errors).join(' ')).toContain('Please write your opinion');
    expect((await taskStatus(reference)).map((t) => t.status)).toEqual(['pending']);

    await daniel.fillModal({ wf_reason: 'Rest well; Ken covers the help desk' });
    const submittedView = await daniel.submitView();
    expect(submittedView.outcome).toBe('closed');
    // A replay of the same submission answers as the first did and approves nothing twice.
    const replay = await emu().deliver(
      'interaction',
      new URLSearchParams({ payload: JSON.stringify(submittedView.payload) }).toString(),
    );
    expect(replay.status).toBe(200);
    expect(replay.body).not.toContain('errors');
    expect((await taskStatus(reference)).map((t) => t.status)).toEqual(['approved']);
    const [approvals] = await running.db.sequelize.query<{ n: string }>(
      `SELECT count(*) AS n FROM workflow_events e JOIN workflow_instances i ON i.id = e.instance_id
        WHERE i.reference = :reference AND e.kind = 'approved'`,
      { type: QueryTypes.SELECT, replacements: { reference } },
    );
    expect(Number(approvals!.n)).toBe(1);

    // Daniel's card: decided, with his opinion, no buttons.
    await emu().waitFor(
      () => {
        const text = JSON.stringify(
          emu()
            .messages(emu().dmChannelOf('U01DANIEL'))
            .find((m) => m.ts === card.ts),
        );
        return (
          text.includes('You approved this') &&
          text.includes('Rest well; Ken covers the help desk') &&
          !text.includes('wf_approve')
        );
      },
      { timeoutMs: 8000, description: 'Daniel’s card decided with his opinion' },
    );
    // Fiona's tracking card, and Details from it.
    const tracking = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01FIONA0'))
          .find((m) => {
            const text = JSON.stringify(m);
            return (
              text.includes(reference) &&
              text.includes('"wf_details"') &&
              text.includes('approved by <@U01DANIEL>') &&
              text.includes('Rest well; Ken covers the help desk')
            );
          }),
      { timeoutMs: 8000, description: 'Fiona’s tracking card with the opinion' },
    );
    await emu()
      .as('U01FIONA0')
      .clickButton({
        actionId: 'wf_details',
        in: { channel: emu().dmChannelOf('U01FIONA0'), ts: tracking.ts },
      });
    const details = await emu().waitFor(() => emu().openViews('U01FIONA0')[0]);
    expect(JSON.stringify(details)).toContain('Rest well; Ken covers the help desk');
    await emu().as('U01FIONA0').closeView();
  });
});

describe('authorisation', () => {
  it('refuses a forged Approve from someone who does not hold the task, and changes nothing', async () => {
    const reference = referenceIn(
      await command('U01EVAN00', '/leave', `${NEXT_MONDAY} ${NEXT_MONDAY} compensatory Overtime`),
    );
    await cardWithButton('U01BOB000', reference, 'wf_approve');
    const [task] = await running.db.sequelize.query<{ id: number }>(
      'SELECT t.id FROM workflow_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.reference = :reference',
      { type: QueryTypes.SELECT, replacements: { reference } },
    );
    const audits = async () =>
      Number(
        (
          await running.db.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM audit_log', {
            type: QueryTypes.SELECT,
          })
        )[0]!.n,
      );
    const before = await audits();
    const forged = buttonClick({
      user: 'U01FIONA0',
      channel: emu().dmChannelOf('U01FIONA0'),
      actionId: 'wf_approve',
      blockId: `wf_task_actions:${task!.id}`,
      value: String(task!.id),
    });
    const result = await sendInteraction(emu(), forged);
    expect(result.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await taskStatus(reference)).map((t) => t.status)).toEqual(['pending']);
    expect(await audits()).toBe(before);
  });
});

describe('registration', () => {
  it('is approved by the head of the chosen department and makes the person an active user there', async () => {
    expect(await command('U0NEWCOMER', '/oa', 'whoami')).toContain('org_register');
    await emu().as('U0NEWCOMER').command('/oa', 'register');
    await emu().waitFor(() => emu().openViews('U0NEWCOMER').length > 0);
    expect(JSON.stringify(emu().openViews('U0NEWCOMER')[0])).toContain('Nora Newcomer'); // from Slack
    await emu().as('U0NEWCOMER').fillModal({ department: 'hr', position: 'Clerk', contact: 'ext. 1234' });
    expect((await emu().as('U0NEWCOMER').submitView()).outcome).toBe('closed');
    const card = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01CAROL0'))
          .find((m) => /REG-\d{4}-\d{4}/.test(JSON.stringify(m)) && JSON.stringify(m).includes('wf_approve')),
      { timeoutMs: 8000, description: 'Carol’s registration card' },
    );
    await emu()
      .as('U01CAROL0')
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf('U01CAROL0'), ts: card.ts } });
    await emu().waitFor(
      async () => (await command('U0NEWCOMER', '/oa', 'whoami')).includes('Human Resources Department'),
      { timeoutMs: 8000, description: 'Nora registered in HR' },
    );
  });
});
