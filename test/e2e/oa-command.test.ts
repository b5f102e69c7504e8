import { QueryTypes } from 'sequelize';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/** `/oa` end to end: signed HTTP from the emulator in, Web API calls back to the emulator out. */

let running: RunningPlatform;

beforeAll(async () => {
  running = await startTestPlatform();
});
afterAll(() => running.stop());

const lastEphemeralText = (userId: string) => {
  const ephemeral = running.emulator.ephemerals(userId).at(-1);
  return JSON.stringify(ephemeral ?? {});
};

async function run(userId: string, text: string) {
  const before = running.emulator.ephemerals(userId).length;
  const result = await running.emulator.as(userId).command('/oa', text);
  expect(result.status).toBe(200);
  await running.emulator.waitFor(() => running.emulator.ephemerals(userId).length > before, {
    timeoutMs: 5000,
  });
  return lastEphemeralText(userId);
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
    const carol = await run('U01CAROL0', 'help');
    expect(carol).toContain('/oa whoami');
    expect(carol).not.toContain('/oa role');
    const alice = await run('U01ALICE0', 'help');
    expect(alice).toContain('公務平臺');
    expect(alice).toContain('/oa role');
  });

  it('unknown subcommands get help that names what was typed, never silence', async () => {
    const text = await run('U01CAROL0', 'frobnicate');
    expect(text).toContain('frobnicate');
    expect(text).toContain('/oa help');
  });

  it('whoami shows profile, department, roles and time zone', async () => {
    const text = await run('U01FIONA0', 'whoami');
    expect(text).toContain('Fiona Smith');
    expect(text).toContain('Information Technology Department');
    expect(text).toContain('Europe/London');
    const zh = await run('U01BOB000', 'whoami');
    expect(zh).toContain('財務處');
    expect(zh).toContain('您是以下部門的負責人');
  });

  it('an admin changes a role: confirmed, audited, and the person’s home is refreshed', async () => {
    const audits = await auditCount();
    const text = await run('U01ALICE0', 'role <@U01EVAN00|evan> leader,user');
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
    const text = await run('U01CAROL0', 'role <@U01CAROL0> admin');
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
    expect(await run('U0STRANGER', 'whoami')).toContain('not registered');
    expect(await run('U0STRANGER', 'whoami')).toContain('<@U01ALICE0>');
    expect(await run('U01IVY000', 'whoami')).toContain('停權');
  });

  it('bad arguments get usage, over-long text a clear limit, and the app keeps serving', async () => {
    expect(await run('U01ALICE0', 'move <@U01EVAN00>')).toContain('/oa move @');
    expect(await run('U01ALICE0', 'move <@U01EVAN00> nowhere')).toContain('nowhere');
    expect(await run('U01CAROL0', `help ${'x'.repeat(600)}`)).toContain('limit is 500');
    expect(await run('U01ALICE0', 'role <@U01EVAN00> boss')).toContain('boss');
    expect(await run('U01CAROL0', 'help')).toContain('/oa whoami');
  });

  it('language preference switches the catalog for that person', async () => {
    expect(await run('U01FIONA0', 'language zh-TW')).toContain('繁體中文');
    expect(await run('U01FIONA0', 'help')).toContain('公務平臺');
    expect(await run('U01FIONA0', 'language en')).toContain('English');
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
