import { type RunningPlatform, startTestPlatform } from '../support/platform';

/** Following requests: /approvals, comments, /oa status, search, export and cancel through the emulator. */

let running: RunningPlatform;
const emu = () => running.emulator;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

async function command(userId: string, name: string, text: string): Promise<string> {
  const before = emu().ephemerals(userId).length;
  const result = await emu().as(userId).command(name, text);
  expect(result.status).toBe(200);
  await emu().waitFor(() => emu().ephemerals(userId).length > before, { timeoutMs: 5000 });
  return JSON.stringify(emu().ephemerals(userId).at(-1));
}

const referenceIn = (text: string) => {
  const match = /LV-\d{4}-\d{4}/.exec(text);
  if (!match) throw new Error(`no reference in ${text}`);
  return match[0];
};

describe('following a request', () => {
  let reference: string;

  beforeAll(async () => {
    reference = referenceIn(await command('U01EVAN00', '/leave', '2027-04-12 2027-04-12 annual Day off'));
    await emu().waitFor(
      () => JSON.stringify(emu().messages(emu().dmChannelOf('U01BOB000'))).includes(reference),
      {
        timeoutMs: 8000,
      },
    );
  });

  it('/approvals lists the approver’s pending tasks with their buttons', async () => {
    const list = await command('U01BOB000', '/approvals', '');
    expect(list).toContain(reference);
    expect(list).toContain('wf_approve');
    expect(await command('U01FIONA0', '/approvals', '')).toContain('Nothing is waiting for your approval');
  });

  it('a participant’s comment reaches the other side and the tracking card', async () => {
    const card = await emu().waitFor(() =>
      emu()
        .messages(emu().dmChannelOf('U01BOB000'))
        .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_comment')),
    );
    await emu()
      .as('U01BOB000')
      .clickButton({ actionId: 'wf_comment', in: { channel: emu().dmChannelOf('U01BOB000'), ts: card.ts } });
    await emu().waitFor(() => emu().openViews('U01BOB000').length > 0);
    await emu().as('U01BOB000').fillModal({ wf_reason: 'Who covers the ledger that day?' });
    expect((await emu().as('U01BOB000').submitView()).outcome).toBe('closed');
    await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01EVAN00'))
          .filter((m) => JSON.stringify(m).includes('Who covers the ledger')).length >= 2,
      { timeoutMs: 8000, description: 'the comment notice and the updated tracking card' },
    );
  });

  it('/oa status shows the card to the requester and approvers, and refuses others', async () => {
    expect(await command('U01EVAN00', '/oa', `status ${reference}`)).toContain('wf_withdraw');
    const approverView = await command('U01BOB000', '/oa', `status ${reference}`);
    expect(approverView).toContain(reference);
    expect(approverView).not.toContain('wf_withdraw');
    expect(await command('U01FIONA0', '/oa', `status ${reference}`)).toMatch(
      /can’t find that request|not allowed/,
    );
    expect(await command('U01FIONA0', '/oa', 'status nonsense')).toContain('/oa status LV-2026-0007');
  });

  it('an admin cancels it with a reason; the requester is told', async () => {
    expect(await command('U01CAROL0', '/oa', `cancel ${reference} Duplicate`)).toContain(
      'Only administrators',
    );
    expect(await command('U01ALICE0', '/oa', `cancel ${reference} Duplicate of another request`)).toContain(
      reference,
    );
    await emu().waitFor(
      () =>
        JSON.stringify(emu().messages(emu().dmChannelOf('U01EVAN00'))).includes(
          'Duplicate of another request',
        ),
      {
        timeoutMs: 8000,
      },
    );
  });

  it('finished requests are found by search within what the asker may see', async () => {
    expect(await command('U01EVAN00', '/oa', `search ${reference}`)).toContain(reference);
    expect(await command('U01ALICE0', '/oa', 'search status:cancelled')).toContain(reference);
    expect(await command('U01FIONA0', '/oa', `search ${reference}`)).not.toContain(`*${reference}*`);
    expect(await command('U01EVAN00', '/oa', 'search from:yesterday')).toContain('/oa search [');
    // Issue 13 item 16: by: a handle as typed, with or without a space, and a mention.
    expect(await command('U01ALICE0', '/oa', 'search by:@evan.lee status:cancelled')).toContain(reference);
    expect(await command('U01ALICE0', '/oa', 'search by: @evan.lee')).toContain(reference);
    expect(await command('U01ALICE0', '/oa', 'search by:<@U01EVAN00|evan.lee>')).toContain(reference);
    expect(await command('U01ALICE0', '/oa', 'search by:@nobody.here')).not.toContain(`*${reference}*`);
  });

  it('admins export a date range as CSV, delivered as a file in their DM', async () => {
    // A range around now: "today" depends on the admin's time zone.
    const [from, to] = ['2026-01-01', '2030-12-31'];
    expect(await command('U01ALICE0', '/oa', `export ${from} ${to}`)).toMatch(/匯出|export/i);
    const file = await emu().waitFor(
      () =>
        emu()
          .files()
          .find((f) => f.name.endsWith('.csv')),
      { timeoutMs: 8000 },
    );
    expect(file.text).toContain(reference);
    // Alice reads Chinese: so do the file's columns and values (issue 13, item 25).
    const [header, ...rows] = file.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toMatch(/^編號,申請類型,類型版本,狀態,申請人,/);
    const row = rows.find((line) => line.startsWith(`${reference},`)) ?? '';
    expect(row).toContain(',已取消,');
    expect(row).toContain('假別');
    expect(row).not.toMatch(/cancelled|Leave type|Department head/);
    const dm = emu().messages(emu().dmChannelOf('U01ALICE0'));
    expect(JSON.stringify(dm)).toContain(file.id);
    expect(await command('U01EVAN00', '/oa', `export ${from} ${to}`)).toContain('只有系統管理員');
  });
});

describe('handing over and the Home tab', () => {
  it('an approver transfers a task with a reason; the new approver decides; Homes follow', async () => {
    const reference = referenceIn(
      await command('U01GRACE0', '/leave', '2027-04-13 2027-04-13 personal Errand'),
    );
    const card = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01CAROL0'))
          .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_transfer')),
      { timeoutMs: 8000, description: 'Carol’s card' },
    );
    // Carol's Home lists the task once the assignment has been delivered.
    await emu().waitFor(() => JSON.stringify(emu().home('U01CAROL0') ?? {}).includes(reference), {
      timeoutMs: 8000,
      description: 'Carol’s Home shows the task',
    });
    await emu()
      .as('U01CAROL0')
      .clickButton({ actionId: 'wf_transfer', in: { channel: emu().dmChannelOf('U01CAROL0'), ts: card.ts } });
    await emu().waitFor(() => emu().openViews('U01CAROL0').length > 0);
    await emu().as('U01CAROL0').fillModal({ wf_transfer_to: 'U01FIONA0', wf_reason: 'I am away that week' });
    expect((await emu().as('U01CAROL0').submitView()).outcome).toBe('closed');

    const fionaCard = await emu().waitFor(
      () =>
        emu()
          .messages(emu().dmChannelOf('U01FIONA0'))
          .find((m) => JSON.stringify(m).includes(reference) && JSON.stringify(m).includes('wf_approve')),
      { timeoutMs: 8000, description: 'Fiona’s card' },
    );
    expect(JSON.stringify(fionaCard)).toContain('<@U01CAROL0>'); // "originally for Carol"
    await emu()
      .as('U01FIONA0')
      .clickButton({
        actionId: 'wf_approve',
        in: { channel: emu().dmChannelOf('U01FIONA0'), ts: fionaCard.ts },
      });
    await emu().waitFor(() => /已核准/.test(JSON.stringify(emu().messages(emu().dmChannelOf('U01GRACE0')))), {
      timeoutMs: 8000,
    });
    await emu().waitFor(() => !JSON.stringify(emu().home('U01CAROL0') ?? {}).includes(`wf_task_actions`), {
      timeoutMs: 8000,
      description: 'Carol’s Home no longer lists the task',
    });
  });
});
