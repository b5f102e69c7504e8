import { QueryTypes } from 'sequelize';
import { ACK_REPLY_BUDGET_MS } from '../../src/slack/listeners/commands/oa.command';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/** `/oa` end to end: signed HTTP from the emulator in, Web API calls back to the emulator out. */

let running: RunningPlatform;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

/**
 * Runs `/oa <text>` and returns what the person was shown, and how it came: in the command's
 * acknowledgement (`ack`: Slack shows the body as an ephemeral message, source `command_response`)
 * or afterwards through the command's response_url.
 */
async function answer(userId: string, text: string): Promise<{ text: string; via: 'ack' | 'response_url' }> {
  const { emulator } = running;
  const before = emulator.ephemerals(userId).length;
  const result = await emulator.as(userId).command('/oa', text);
  expect(result.status).toBe(200);
  if (result.ephemeral) {
    expect(result.ephemeral.source).toBe('command_response');
    return { text: JSON.stringify(result.ephemeral), via: 'ack' };
  }
  const shown = await emulator.waitFor(() => emulator.ephemerals(userId).slice(before).at(-1), {
    timeoutMs: 5000,
  });
  expect(shown.source).toBe('response_url');
  return { text: JSON.stringify(shown), via: 'response_url' };
}

/** `/oa <text>` answered in its acknowledgement, with no response_url use. */
async function runAnsweredInAck(userId: string, text: string): Promise<string> {
  const followUps = running.emulator.callsTo('response_url').length;
  const { text: shown, via } = await answer(userId, text);
  expect(via).toBe('ack');
  expect(running.emulator.callsTo('response_url')).toHaveLength(followUps);
  return shown;
}

/** `/oa <text>` acknowledged empty and answered through response_url (changes, modals, files). */
async function runAnsweredLater(userId: string, text: string): Promise<string> {
  const { text: shown, via } = await answer(userId, text);
  expect(via).toBe('response_url');
  return shown;
}

const auditCount = async () =>
  Number(
    (
      await running.db.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM audit_log', {
        type: QueryTypes.SELECT,
      })
    )[0]!.n,
  );

describe('/oa through the emulator', () => {
  it('help lists the everyday commands in the person’s language; admins also see theirs', async () => {
    const carol = await runAnsweredInAck('U01CAROL0', 'help');
    expect(carol).toContain('/oa whoami');
    expect(carol).not.toContain('/oa role');
    const alice = await runAnsweredInAck('U01ALICE0', 'help');
    expect(alice).toContain('公務平臺');
    expect(alice).toContain('/oa role');
  });

  it('unknown subcommands get help that names what was typed, never silence', async () => {
    const text = await runAnsweredInAck('U01CAROL0', 'frobnicate');
    expect(text).toContain('frobnicate');
    expect(text).toContain('/oa help');
  });

  it('whoami shows profile, department, roles and time zone', async () => {
    const text = await runAnsweredInAck('U01FIONA0', 'whoami');
    expect(text).toContain('Fiona Smith');
    expect(text).toContain('Information Technology Department');
    expect(text).toContain('Europe/London');
    const zh = await runAnsweredInAck('U01BOB000', 'whoami');
    expect(zh).toContain('財務處');
    expect(zh).toContain('您是以下部門的負責人');
  });

  it('an admin changes a role: confirmed, audited, and the person’s home is refreshed', async () => {
    const audits = await auditCount();
    const text = await runAnsweredLater('U01ALICE0', 'role <@U01EVAN00|evan> leader,user');
    expect(text).toContain('完成');
    expect(await auditCount()).toBe(audits + 1);
    const [row] = await running.db.sequelize.query<{ actor: string; action: string; after: unknown }>(
      "SELECT actor, action, after FROM audit_log WHERE subject_id = 'U01EVAN00' ORDER BY id DESC LIMIT 1",
      { type: QueryTypes.SELECT },
    );
    expect(row).toMatchObject({
      actor: 'U01ALICE0',
      action: 'person.roles_changed',
      after: { roles: ['leader', 'user'] },
    });
    const home = await running.emulator.waitFor(() => running.emulator.home('U01EVAN00'), {
      timeoutMs: 8000,
    });
    expect(JSON.stringify(home)).toContain('領導');
  });

  it('a non-admin is refused and nothing changes', async () => {
    const audits = await auditCount();
    const text = await runAnsweredLater('U01CAROL0', 'role <@U01CAROL0> admin');
    expect(text).toContain('Only administrators can use `/oa role`');
    expect(await auditCount()).toBe(audits);
    const roles = await running.db.sequelize.query<{ roles: string[] }>(
      "SELECT roles FROM people WHERE slack_user_id = 'U01CAROL0'",
      { type: QueryTypes.SELECT },
    );
    expect(roles[0]!.roles).toEqual(['user']);
  });

  it('unregistered and suspended people are told what to do', async () => {
    running.emulator.addUser({
      id: 'U0STRANGER',
      name: 'stranger',
      realName: 'Sam Stranger',
      locale: 'en-US',
    });
    expect(await runAnsweredInAck('U0STRANGER', 'whoami')).toContain('not registered');
    expect(await runAnsweredInAck('U0STRANGER', 'whoami')).toContain('<@U01ALICE0>');
    expect(await runAnsweredInAck('U01IVY000', 'whoami')).toContain('停權');
  });

  it('bad arguments get usage, over-long text a clear limit, and the app keeps serving', async () => {
    expect(await runAnsweredInAck('U01ALICE0', 'move <@U01EVAN00>')).toContain('/oa move @');
    expect(await runAnsweredLater('U01ALICE0', 'move <@U01EVAN00> nowhere')).toContain('nowhere');
    expect(await runAnsweredInAck('U01CAROL0', `help ${'x'.repeat(600)}`)).toContain('limit is 500');
    expect(await runAnsweredInAck('U01ALICE0', 'role <@U01EVAN00> boss')).toContain('boss');
    expect(await runAnsweredInAck('U01CAROL0', 'away 2031-13-45 <@U01BOB000>')).toContain('2031-13-45');
    expect(await runAnsweredInAck('U01CAROL0', 'help')).toContain('/oa whoami');
  });

  it('language preference switches the catalog for that person', async () => {
    expect(await runAnsweredLater('U01FIONA0', 'language zh-TW')).toContain('繁體中文');
    expect(await runAnsweredInAck('U01FIONA0', 'help')).toContain('公務平臺');
    expect(await runAnsweredLater('U01FIONA0', 'language en')).toContain('English');
  });
});

describe('an answer not ready within the acknowledgement budget', () => {
  it('is acknowledged empty at the budget and still arrives, through response_url', async () => {
    const { emulator } = running;
    // A person the directory does not know: their language comes from Slack's users.info, which
    // is rate limited for the next 3 s; the app's client waits out Retry-After, past the budget.
    emulator.addUser({ id: 'U0LATECOMER', name: 'latecomer', realName: 'Lee Late', locale: 'zh-TW' });
    emulator.injectFailure('users.info', { status: 429, retryAfter: 3 });
    const result = await emulator.as('U0LATECOMER').command('/oa', 'whoami');
    expect(result.status).toBe(200);
    expect(result.ephemeral).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(ACK_REPLY_BUDGET_MS - 50);
    const shown = await emulator.waitFor(() => emulator.ephemerals('U0LATECOMER').at(-1), {
      timeoutMs: 10_000,
    });
    expect(shown.source).toBe('response_url');
    // In the person's language, which took the wait to learn.
    expect(JSON.stringify(shown)).toContain('您尚未在公務平臺登記');
    expect(emulator.ephemerals('U0LATECOMER')).toHaveLength(1);
  });
});

describe('App Home', () => {
  it('is published on app_home_opened with a greeting, the profile and the allowed commands', async () => {
    const delivery = await running.emulator.as('U01HENRY0').openHome();
    expect(delivery.status).toBe(200);
    const home = await running.emulator.waitFor(() => running.emulator.home('U01HENRY0'), {
      timeoutMs: 5000,
    });
    const text = JSON.stringify(home);
    expect(text).toContain('Hello, Henry Ko!');
    expect(text).toContain('Guest');
    expect(text).not.toContain('/oa role');
  });

  it('tells an unregistered person how to get in', async () => {
    await running.emulator.as('U0STRANGER').openHome();
    const home = await running.emulator.waitFor(() => running.emulator.home('U0STRANGER'), {
      timeoutMs: 5000,
    });
    expect(JSON.stringify(home)).toContain('not registered yet');
  });
});
