import { QueryTypes } from 'sequelize';
import { localParts } from '../../src/domain/workflows/work-calendar';
import { addDays, dayNumber, todayIn } from '../../src/domain/workflows/working-days';
import { DigestScheduler } from '../../src/jobs/digests';
import { createQueueBackend, type QueueBackend } from '../../src/jobs/queue-backend';
import { createLogger } from '../../src/logger';
import { translator } from '../../src/slack/i18n';
import { ACTION_IDS } from '../../src/slack/ids';
import { dailyDigestMessage, weeklySummaryMessage } from '../../src/slack/views/workflows/digest.view';
import { configureWorkflows, workflowSettings, workflows } from '../support/workflows';
import { clearHolidays, leaveForm, PEOPLE, submitted, useWorkflowDatabase } from './workflows-support';

const { listPendingTasks, readOverdueSummary, runDigests, submitRequest } = workflows;

/**
 * Daily digests and the weekly overdue summary: due people get one each per local date however
 * many checks run at once (two replicas on either queue backend, or two direct runs), people with
 * nothing pending and non-working days get none, and the messages render within Block Kit's limits.
 */
const logger = createLogger('silent');
const ALL_DAY = { workingDays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' };
// Round the clock, every day: a digest is due whenever the test runs.
const { db, monday } = useWorkflowDatabase({
  settings: { calendar: ALL_DAY, digests: { dailyAt: '00:00', maxItems: 10, weekly: null } },
});

beforeAll(async () => {
  const today = todayIn('UTC');
  await clearHolidays(db, addDays(today, -3), addDays(today, 3));
  for (let i = 0; i < 3; i++) {
    const date = addDays(monday, i);
    submitted(await submitRequest(PEOPLE.evan, 'leave', leaveForm(date, date, { reason: `r${i}` })));
  }
  submitted(await submitRequest(PEOPLE.grace, 'leave', leaveForm(monday, monday)));
});

const digestRows = (kind = 'daily_digest') =>
  db.sequelize.query<{
    recipient_slack_id: string;
    instance_id: number | null;
    payload: { localDate: string };
  }>(
    'SELECT recipient_slack_id, instance_id, payload FROM outbox WHERE kind = :kind ORDER BY recipient_slack_id',
    { replacements: { kind }, type: QueryTypes.SELECT },
  );

const forget = () =>
  db.sequelize.query('DELETE FROM outbox WHERE instance_id IS NULL; DELETE FROM digest_deliveries');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('daily digest', () => {
  beforeEach(forget);

  it('goes once per approver with pending tasks, however many checks run at once', async () => {
    const runs = await Promise.all([runDigests(), runDigests(), runDigests()]);
    expect(runs.reduce((sum, run) => sum + run.daily, 0)).toBe(2);
    expect((await runDigests()).daily).toBe(0);
    const rows = await digestRows();
    // Bob (Evan's head) and Carol (Grace's head); nobody else has anything pending.
    expect(rows.map((row) => row.recipient_slack_id)).toEqual([PEOPLE.bob, PEOPLE.carol].sort());
    expect(rows.every((row) => row.instance_id === null)).toBe(true);
    const bobZone = workflowSettings().defaultTimeZone;
    expect(rows[0]?.payload.localDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect([todayIn(bobZone), todayIn('Asia/Taipei'), todayIn('UTC')]).toContain(rows[0]?.payload.localDate);
  });

  it('is not sent on a non-working day', async () => {
    const weekday = (((dayNumber(todayIn('Asia/Taipei')) + 4) % 7) + 7) % 7;
    const tomorrowOnly = [(weekday + 1) % 7];
    configureWorkflows({ calendar: { ...ALL_DAY, workingDays: tomorrowOnly } });
    try {
      expect((await runDigests()).daily).toBe(0);
      expect(await digestRows()).toEqual([]);
    } finally {
      configureWorkflows({ calendar: ALL_DAY });
    }
  });

  it('lists the tasks oldest first, marks the overdue ones and carries the card’s buttons', async () => {
    const page = await listPendingTasks(PEOPLE.bob, { limit: 2 });
    expect(page.total).toBe(3);
    const now = new Date(new Date(page.items[0]!.dueAt!).getTime() + 1000);
    const t = translator('en');
    const message = dailyDigestMessage({ t, locale: 'en', timezone: 'Asia/Taipei', page, now });
    expect(message.text).toContain('3 requests');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(page.items[0]!.instance.reference);
    expect(json.indexOf(page.items[0]!.instance.reference)).toBeLessThan(
      json.indexOf(page.items[1]!.instance.reference),
    );
    expect(json).toContain('Overdue');
    expect(json).toContain(ACTION_IDS.approve);
    expect(json).toContain('and 1 more');
  });
});

describe.each(['redis', 'postgres'] as const)('two replicas on the %s backend', (kind) => {
  let backends: QueueBackend[];
  let schedulers: DigestScheduler[];

  beforeAll(async () => {
    await forget();
    const namespace = `digests_${kind}_${process.pid}`;
    backends = [0, 1].map(() =>
      createQueueBackend({
        redisUrl: kind === 'redis' ? 'redis://127.0.0.1:6379' : undefined,
        databaseUrl: db.url,
        namespace,
        logger,
      }),
    );
    schedulers = backends.map(
      (backend) => new DigestScheduler(backend, logger, workflows, { checkEveryMinutes: 1 }),
    );
  });

  afterAll(async () => {
    for (const scheduler of schedulers) await scheduler.stop();
    await schedulers[0]?.queue.obliterate({ force: true }).catch(() => undefined);
    for (const backend of backends) await backend.close();
  });

  it('enqueue the check of a slot once and send each digest once', async () => {
    for (const scheduler of schedulers) scheduler.start();
    const deadline = Date.now() + 20_000;
    while ((await digestRows()).length < 2 && Date.now() < deadline) await sleep(200);
    // Both replicas asked for the slot's check; one ran it. Asking again changes nothing.
    await Promise.all(schedulers.map((scheduler) => scheduler.requestCheck()));
    await sleep(2000);
    expect((await digestRows()).map((row) => row.recipient_slack_id)).toEqual(
      [PEOPLE.bob, PEOPLE.carol].sort(),
    );
    const ran = schedulers.filter((scheduler) => scheduler.lastRun && scheduler.lastRun.daily > 0);
    expect(ran).toHaveLength(1);
  }, 40_000);
});

describe('weekly summary', () => {
  beforeEach(forget);

  it('goes once to each admin on its weekday when something is overdue, per department', async () => {
    const zone = workflowSettings().defaultTimeZone;
    const weekday = (((dayNumber(localParts(new Date(), zone).date) + 4) % 7) + 7) % 7;
    configureWorkflows({ digests: { dailyAt: null, weekly: { day: weekday, at: '00:00' } } });
    try {
      // Nothing overdue yet: no summary.
      expect((await runDigests()).weekly).toBe(0);
      await db.sequelize.query(
        "UPDATE workflow_tasks SET due_at = now() - interval '1 hour' WHERE id = (SELECT min(id) FROM workflow_tasks)",
      );
      const runs = await Promise.all([runDigests(), runDigests()]);
      const admins = await db.sequelize.query<{ slack_user_id: string }>(
        "SELECT slack_user_id FROM people WHERE 'admin' = ANY(roles) AND status = 'active' AND slack_user_id IS NOT NULL ORDER BY slack_user_id",
        { type: QueryTypes.SELECT },
      );
      expect(admins.length).toBeGreaterThan(0);
      expect(runs.reduce((sum, run) => sum + run.weekly + run.daily, 0)).toBe(admins.length);
      expect((await digestRows('weekly_summary')).map((row) => row.recipient_slack_id)).toEqual(
        admins.map((admin) => admin.slack_user_id),
      );
      const summary = await readOverdueSummary();
      expect(summary.total).toBe(1);
      expect(summary.departments.map((group) => [group.department?.key, group.count])).toEqual([
        ['finance', 1],
      ]);
      const message = weeklySummaryMessage({
        t: translator('zh-TW'),
        locale: 'zh-TW',
        timezone: zone,
        summary,
      });
      expect(message.text).toContain('1');
      expect(JSON.stringify(message.blocks)).toContain(summary.departments[0]!.items[0]!.reference);
    } finally {
      configureWorkflows({ digests: { dailyAt: '00:00', weekly: null } });
    }
  });
});
