import { QueryTypes } from 'sequelize';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * `/oa lock-my-account` end to end (requirements §三.(三).3): a person locks their own account at
 * once, the admins are told in a DM, the account can do nothing until an admin reactivates it.
 */

let running: RunningPlatform;
const ALICE = 'U01ALICE0'; // admin
const GRACE = 'U01GRACE0'; // employee

beforeAll(async () => {
  running = await startTestPlatform();
}, 60_000);
afterAll(() => running.stop());

const answer = (userId: string, text: string) => oaAnswer(running, userId, text);

const statusOf = async (slackId: string) =>
  (
    await running.db.sequelize.query<{ status: string }>(
      'SELECT status FROM people WHERE slack_user_id = $1',
      {
        bind: [slackId],
        type: QueryTypes.SELECT,
      },
    )
  )[0]?.status;

describe('/oa lock-my-account', () => {
  it('asks what happened before locking anything', async () => {
    expect(await answer(GRACE, 'lock-my-account')).toContain('/oa lock-my-account');
    expect(await statusOf(GRACE)).toBe('active');
  });

  it('locks the account at once, tells the admins, and refuses the account until reactivated', async () => {
    expect(await answer(GRACE, 'lock-my-account I did not approve LV-2026-0042')).toContain(
      '您的平臺帳號已鎖定',
    );
    expect(await statusOf(GRACE)).toBe('suspended');
    const [audit] = await running.db.sequelize.query<{ after: { reason: string } }>(
      "SELECT after FROM audit_log WHERE action = 'person.self_locked' AND actor = $1",
      { bind: [GRACE], type: QueryTypes.SELECT },
    );
    expect(audit?.after.reason).toBe('I did not approve LV-2026-0042');
    const aliceDm = running.emulator.dmChannelOf(ALICE);
    const notice = await running.emulator.waitFor(
      () =>
        running.emulator
          .messages(aliceDm)
          .find((message) => (message.text ?? '').includes('鎖定了自己的帳號')),
      { timeoutMs: 5000 },
    );
    expect(notice.text).toContain(`<@${GRACE}>`);
    // Locked: the account can do nothing, not even lock itself again.
    expect(await answer(GRACE, 'lock-my-account again')).toMatch(/停權|suspended/);
    await answer(ALICE, `reactivate <@${GRACE}>`);
    expect(await statusOf(GRACE)).toBe('active');
  });
});
