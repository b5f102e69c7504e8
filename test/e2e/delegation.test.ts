import { addDays, todayIn } from '../../src/domain/workflows/working-days';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * Delegation while away through the emulator: `/oa away` with the hand-over offer, a request that
 * arrives goes to the delegate with "on behalf of", the absent approver gets the FYI with the
 * buttons, one click hands the older task over, and `/oa away off` ends it.
 */
let running: RunningPlatform;
const emu = () => running.emulator;
const BOB = 'U01BOB000';
const DANIEL = 'U01DANIEL';
const EVAN = 'U01EVAN00';

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

const dmWith = (userId: string, ...needles: string[]) =>
  emu().waitFor(
    () =>
      emu()
        .messages(emu().dmChannelOf(userId))
        .find((m) => needles.every((needle) => JSON.stringify(m).includes(needle))),
    { timeoutMs: 8000, description: `a DM to ${userId} with ${needles.join(', ')}` },
  );

describe('delegation while away', () => {
  it('routes to the delegate on behalf of the approver, tells the approver, hands over on one click', async () => {
    const today = todayIn('Asia/Taipei');
    // A request already pending with Bob before he goes away.
    const older = referenceIn(await command(EVAN, '/leave', '2027-05-03 2027-05-03 annual Dentist'));
    await dmWith(BOB, older, 'wf_approve');

    // Bob reads Traditional Chinese (examples/org.yaml). Bad input first: a clear message with the usage.
    expect(await command(BOB, '/oa', 'away 2027-13-01 @nobody')).toContain('讀為日期');
    expect(await command(BOB, '/oa', `away ${today} ${addDays(today, 3)}`)).toContain('由誰代理');
    expect(await command(BOB, '/oa', `away ${today} ${addDays(today, 3)} <@${BOB}>`)).toContain(
      '不能代理自己',
    );

    const reply = await command(
      BOB,
      '/oa',
      `away ${today} ${addDays(today, 3)} <@${DANIEL}|daniel> Back Monday`,
    );
    expect(reply).toContain(`<@${DANIEL}>`);
    expect(reply).toContain('wf_away_handover');
    expect(reply).toContain('移交 1 件給 Daniel Wu');

    // A request that arrives now goes to Daniel, on Bob's behalf; Bob gets the FYI with buttons.
    const newer = referenceIn(await command(EVAN, '/leave', '2027-05-10 2027-05-10 annual Moving'));
    const card = await dmWith(DANIEL, newer, 'wf_approve');
    expect(JSON.stringify(card)).toContain(`On behalf of <@${BOB}>, who is away`);
    const fyi = await dmWith(BOB, newer, '您不在期間');
    expect(JSON.stringify(fyi)).toContain('wf_approve');

    // One click hands the older task over too; a second click moves nothing more.
    await emu().as(BOB).clickButton({ actionId: 'wf_away_handover', in: 'ephemeral' });
    await emu().waitFor(() => JSON.stringify(emu().ephemerals(BOB).at(-1)).includes('已移交給'), {
      timeoutMs: 8000,
      description: 'the hand-over answer',
    });
    expect(JSON.stringify(emu().ephemerals(BOB).at(-1))).toContain(older);
    const handedOver = await dmWith(DANIEL, older, 'wf_approve');
    expect(JSON.stringify(handedOver)).toContain(`On behalf of <@${BOB}>`);
    await dmWith(BOB, older, '移交給不在期間的代理人');

    // The delegate decides; the requester's card shows the approval.
    await emu()
      .as(DANIEL)
      .clickButton({ actionId: 'wf_approve', in: { channel: emu().dmChannelOf(DANIEL), ts: card.ts } });
    await dmWith(DANIEL, newer, 'You approved');

    const status = await command(BOB, '/oa', 'away');
    expect(status).toContain(`<@${DANIEL}>`);
    expect(status).toContain(today);
    expect(await command(BOB, '/oa', 'away off')).toContain('您的代理已結束');
    expect(await command(BOB, '/oa', 'away off')).toContain('沒有可結束的代理');
  }, 60_000);
});
