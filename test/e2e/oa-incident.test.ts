import { QueryTypes } from 'sequelize';
import { BOT } from '../support/announcements';
import { oaAnswer } from '../support/oa';
import { type RunningPlatform, startTestPlatform } from '../support/platform';

/**
 * `/oa incident` end to end (requirements §七.(四)): an admin starts an incident, the admins (and
 * for sev1 the leaders) are told in a DM through the fan-out sender; updates, an emergency
 * broadcast posted to channels without review (marked, audited), the resolution and the
 * post-incident report in the starter's DM; drills marked as drills; non-admins refused.
 */

let running: RunningPlatform;
const emu = () => running.emulator;
const ALICE = 'U01ALICE0'; // admin, zh-TW
const LEADER = 'U01LEADER'; // leader, zh-TW
const EVAN = 'U01EVAN00'; // employee
const DANIEL = 'U01DANIEL'; // made a supervisor (監督小組) below; English
const NEWS = 'C0INCNEWS1';
const OFFICE = 'C0INCOFFC1';

beforeAll(async () => {
  running = await startTestPlatform();
  emu().addChannel({ id: NEWS, name: 'inc-news', members: [EVAN, BOT] });
  emu().addChannel({ id: OFFICE, name: 'inc-office', members: [EVAN, BOT] });
}, 60_000);
afterAll(() => running.stop());

const answer = (userId: string, text: string) => oaAnswer(running, userId, text);
const dmText = (userId: string) => JSON.stringify(emu().messages(emu().dmChannelOf(userId)));
const channelText = (channel: string) => JSON.stringify(emu().messages(channel));
const waitForText = (read: () => string, pattern: RegExp | string, description: string) =>
  emu().waitFor(
    () => {
      const text = read();
      return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) ? text : undefined;
    },
    { timeoutMs: 10_000, description },
  );
const idIn = (reply: string) => {
  const match = /(?:INC-|事件 #)(\d+)/.exec(reply);
  if (!match) throw new Error(`no incident in ${reply}`);
  return Number(match[1]);
};
const audited = async (action: string, id: number) =>
  running.db.sequelize.query<{ actor: string; after: Record<string, unknown> }>(
    "SELECT actor, after FROM audit_log WHERE action = :action AND subject_type = 'incident' AND subject_id = :id",
    { type: QueryTypes.SELECT, replacements: { action, id: String(id) } },
  );

describe('/oa incident', () => {
  it('refuses people who are not admins, and says what a severity is', async () => {
    expect(await answer(EVAN, 'incident start sev2 Slack is down')).toContain(
      '只有系統管理員可以使用 `/oa incident`',
    );
    expect(await answer(EVAN, 'incident broadcast 1 <#C0INCNEWS1|inc-news> hello')).toContain(
      '只有系統管理員可以使用 `/oa incident`',
    );
    expect(await answer(ALICE, 'incident start sev9 Slack is down')).toContain('`sev9` 不是事件等級');
    expect(await answer(ALICE, 'incident start sev2')).toContain('/oa incident start sev1|sev2|sev3');
    expect(await answer(ALICE, 'incident update 999 still down')).toContain('沒有事件 #999');
    const [{ count }] = (await running.db.sequelize.query('SELECT count(*)::int AS count FROM incidents', {
      type: QueryTypes.SELECT,
    })) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('runs start → update → broadcast → resolve, with the report in the starter’s DM', async () => {
    expect(await answer(ALICE, `role <@${DANIEL}> user,supervisor`)).toContain('監督小組');
    const reply = await answer(ALICE, 'incident start 重大 Approval cards are not delivered');
    expect(reply).toContain('二級・重大');
    const id = idIn(reply);
    await waitForText(
      () => dmText(ALICE),
      `事件 #${id}（二級・重大）已由 <@${ALICE}> 啟動`,
      'the admin told',
    );
    expect(await audited('incident.started', id)).toEqual([
      expect.objectContaining({ actor: ALICE, after: expect.objectContaining({ severity: 'sev2' }) }),
    ]);

    await answer(ALICE, `incident update INC-${id} The outbox courier is restarted`);
    await waitForText(() => dmText(ALICE), 'The outbox courier is restarted', 'the update told');

    const broadcast = await answer(
      ALICE,
      `incident broadcast ${id} <#${NEWS}|inc-news> <#${OFFICE}|inc-office> Approvals are delayed; no need to resubmit.`,
    );
    expect(broadcast).toContain('緊急廣播已排入');
    for (const channel of [NEWS, OFFICE]) {
      const posted = await waitForText(
        () => channelText(channel),
        'Approvals are delayed',
        `broadcast in ${channel}`,
      );
      expect(posted).toContain('🚨 緊急廣播');
      expect(posted).toContain('未經一般審核');
    }
    expect(await audited('incident.broadcast', id)).toEqual([
      expect.objectContaining({
        actor: ALICE,
        after: expect.objectContaining({ channels: [NEWS, OFFICE], reviewSkipped: true, preview: false }),
      }),
    ]);

    const resolved = await answer(ALICE, `incident resolve #${id} The courier was stuck on a lease; fixed`);
    expect(resolved).toContain(`事件 #${id} 已解除`);
    const report = await waitForText(
      () => dmText(ALICE),
      `事後報告 — 事件 #${id}`,
      'the report in Alice’s DM',
    );
    expect(report).toContain('Approval cards are not delivered');
    expect(report).toContain('The outbox courier is restarted');
    expect(report).toContain(`廣播至 <#${NEWS}>, <#${OFFICE}>`);
    expect(report).toMatch(/<#C0INCNEWS1>：(已發出|排入|排隊中)/);
    expect(report).toMatch(/\d+ 小時 \d+ 分鐘/);
    expect(await audited('incident.resolved', id)).toHaveLength(1);
    const logged = await running.db.sequelize.query<{ kind: string }>(
      "SELECT kind FROM maintenance_log WHERE kind LIKE 'incident_%' AND details->>'id' = :id ORDER BY id",
      { type: QueryTypes.SELECT, replacements: { id: String(id) } },
    );
    expect(logged.map((row) => row.kind)).toEqual(['incident_started', 'incident_resolved']);
    // The supervision group hears of a sev2 and gets the report too.
    await waitForText(() => dmText(DANIEL), `Post-incident report — INC-${id}`, 'the supervisor’s report');
    expect(dmText(DANIEL)).toContain(`Incident INC-${id} (SEV2 major) started by <@${ALICE}>`);
    // Only sev1 reaches the leaders.
    expect(dmText(LEADER)).not.toContain(`事件 #${id}（`);
    // The timeline is append-only, whoever asks.
    await expect(
      running.db.sequelize.query('UPDATE incident_events SET text = $1 WHERE incident_id = $2', {
        bind: ['rewritten', id],
      }),
    ).rejects.toThrow(/append-only/);
    expect(await answer(ALICE, `incident update ${id} again`)).toContain('已解除');
  }, 60_000);

  it('tells the leaders too for the top severity, and lists open incidents', async () => {
    const id = idIn(await answer(ALICE, 'incident start critical The database is unreachable'));
    await waitForText(() => dmText(LEADER), `事件 #${id}（一級・緊急）`, 'the leader told');
    expect(await answer(ALICE, 'incident')).toContain(`*事件 #${id}* · 一級・緊急`);
    await answer(ALICE, `incident resolve ${id} Back after a failover`);
    expect(await answer(ALICE, 'incident list')).toContain('目前沒有進行中的事件');
  }, 30_000);

  it('marks a drill everywhere and keeps its broadcast out of real channels', async () => {
    const reply = await answer(ALICE, 'incident drill sev1 Tabletop: leaked bot token');
    expect(reply).toContain('🧪 演練');
    const id = idIn(reply);
    await waitForText(() => dmText(LEADER), `🧪 演練 · 🚨 事件 #${id}`, 'the drill notice');
    const before = emu().messages(NEWS).length;
    expect(await answer(ALICE, `incident broadcast ${id} <#${NEWS}|inc-news> Rotate your tokens`)).toContain(
      '是演練',
    );
    const preview = await waitForText(() => dmText(ALICE), 'Rotate your tokens', 'the drill preview');
    expect(preview).toContain('演練預覽');
    expect(preview).toContain('🧪 演練 — 緊急廣播');
    await answer(ALICE, `incident resolve ${id} Tokens rotated in 12 minutes`);
    await waitForText(() => dmText(ALICE), `🧪 演練 · 事後報告 — 事件 #${id}`, 'the drill report');
    expect(emu().messages(NEWS)).toHaveLength(before);
    expect(await audited('incident.drill_started', id)).toHaveLength(1);
  }, 30_000);
});
